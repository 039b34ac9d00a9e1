// One entry point both transports use: validate `group.method(args)`, call the single LabApi implementation, wrap in Reply.
import type { LabApi, Reply } from '@core/api/lab-api'
import { toReply } from '@core/api/reply'
import { validateArgs } from './validate-args'

/** Calls `api[group][method](...args)` after validation; every outcome, including bad input, is a Reply. */
export function dispatchLab(api: LabApi, group: string, method: string, args: unknown): Promise<Reply<unknown>> {
  return toReply(() => {
    const valid = validateArgs(group, method, args)
    const target = (api as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>)[group]
    const fn = target?.[method]
    if (typeof fn !== 'function') throw new Error(`LabApi implementation has no method ${group}.${method}`)
    return fn.apply(target, valid)
  })
}
