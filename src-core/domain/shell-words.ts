// POSIX-shell word splitting for catalog values (qemu_params, test_args) that upstream run_tests.sh passes through
// `eval`. Quotes and backslashes are honoured; expansions ($VAR, $(..), `..`) cannot be evaluated and are refused.
import { LabError } from './errors'

/** A value that cannot be split into shell words; `offset` is the 0-based position of the problem. */
export class ShellWordsError extends LabError {
  override readonly name = 'ShellWordsError'
  readonly kind = 'config'
  constructor(
    readonly offset: number,
    detail: string,
  ) {
    super(detail)
  }
}

const SPACE = /[ \t\r\n]/
const EXPANSION_START = /[A-Za-z_{(0-9#?@*!$-]/

/** Splits `text` into words as `eval` would (quotes removed, backslash-newline joined); throws ShellWordsError. */
export function splitShellWords(text: string): string[] {
  const words: string[] = []
  let word = ''
  let inWord = false
  let i = 0
  const n = text.length
  const refuseExpansion = (at: number): never => {
    throw new ShellWordsError(at, `shell expansion '${text.slice(at, at + 12)}' is not supported`)
  }
  while (i < n) {
    const c = text[i] as string
    if (SPACE.test(c)) {
      if (inWord) words.push(word)
      word = ''
      inWord = false
      i++
      continue
    }
    inWord = true
    if (c === "'") {
      const close = text.indexOf("'", i + 1)
      if (close < 0) throw new ShellWordsError(i, 'unterminated single quote')
      word += text.slice(i + 1, close)
      i = close + 1
    } else if (c === '"') {
      let j = i + 1
      for (;;) {
        if (j >= n) throw new ShellWordsError(i, 'unterminated double quote')
        const d = text[j] as string
        if (d === '"') break
        if (d === '\\' && j + 1 < n && '$`"\\\n'.includes(text[j + 1] as string)) {
          if (text[j + 1] !== '\n') word += text[j + 1]
          j += 2
          continue
        }
        if (d === '`') refuseExpansion(j)
        if (d === '$' && j + 1 < n && EXPANSION_START.test(text[j + 1] as string)) refuseExpansion(j)
        word += d
        j++
      }
      i = j + 1
    } else if (c === '\\') {
      if (i + 1 >= n) {
        word += '\\'
        i++
      } else {
        if (text[i + 1] !== '\n') word += text[i + 1]
        else if (word === '') inWord = false
        i += 2
      }
    } else if (c === '`') {
      refuseExpansion(i)
    } else if (c === '$' && i + 1 < n && EXPANSION_START.test(text[i + 1] as string)) {
      refuseExpansion(i)
    } else if (c === '#' && word === '') {
      // A comment runs to the end of the line.
      inWord = false
      const nl = text.indexOf('\n', i)
      i = nl < 0 ? n : nl
    } else if (';|&<>'.includes(c)) {
      throw new ShellWordsError(i, `shell operator '${c}' is not supported`)
    } else {
      word += c
      i++
    }
  }
  if (inWord) words.push(word)
  return words
}
