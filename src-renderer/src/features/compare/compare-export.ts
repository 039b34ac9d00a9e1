// Which comparison rows count as differences, and how a transition is coloured.
import type { CompareRow, Transition } from '@core/domain/compare'

/** A row whose two sides differ: a named change, or the same transition class with another status. */
export function rowDiffers(r: CompareRow): boolean {
  return r.transition !== 'unchanged' || r.a !== r.b
}

/** Colour of a transition: bad (a new failure), good (a fix), known (expected failures), neutral. */
export function transitionTone(t: Transition): 'bad' | 'good' | 'known' | 'still' | 'neutral' {
  switch (t) {
    case 'regression':
    case 'new-failure':
      return 'bad'
    case 'fixed':
    case 'new-pass':
    case 'known-failure-gone':
      return 'good'
    case 'still-failing':
      return 'still'
    case 'known-failure':
      return 'known'
    default:
      return 'neutral'
  }
}
