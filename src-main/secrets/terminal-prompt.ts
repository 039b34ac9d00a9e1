// The CLI's last resort for a secret: ask on the terminal without echo, once per secret per process. Without a
// terminal (CI, pipes) it refuses with the environment variable to set instead.
import { createInterface } from 'node:readline'
import { Writable } from 'node:stream'
import { SecretMissingError, type SecretPrompt, type SecretRef } from '@main/targets/secrets'
import { LabError } from '@core/domain/errors'

/** The user interrupted a secret prompt (Ctrl-C or end of input). */
export class SecretPromptCancelledError extends LabError {
  override name = 'SecretPromptCancelledError'
  readonly kind = 'config'
}

/** Streams of the prompt: input must be a TTY to ask; the question goes to `output` (stderr, so stdout stays data). */
export interface TerminalPromptIo {
  input: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown }
  output: NodeJS.WritableStream
}

/** What to tell a user who has no terminal: the variable to set, or how to configure one. */
export function missingSecretAdvice(what: string, ref: SecretRef): string {
  if (ref.env) return `${what}: environment variable ${ref.env} is not set and stdin is not a terminal to ask for it; set ${ref.env} (or run labcon in a terminal to be prompted)`
  return `${what}: keychain entry '${ref.key ?? ''}' is only readable by the desktop app and stdin is not a terminal to ask for it; add passwordEnv=<VARIABLE> to the environment's config and set that variable`
}

/** Reads one line from a TTY with echo off (readline in terminal mode writing into a muted stream). */
export function readHidden(question: string, io: TerminalPromptIo): Promise<string> {
  return new Promise((resolve, reject) => {
    const muted = new Writable({ write: (_chunk, _enc, done) => done() })
    // Echo goes off (raw mode) before the question is shown, so an answer typed at once is not echoed either.
    const rl = createInterface({ input: io.input, output: muted, terminal: true })
    io.output.write(question)
    let settled = false
    const finish = (err: Error | null, value = ''): void => {
      if (settled) return
      settled = true
      rl.close()
      io.output.write('\n')
      if (err) reject(err)
      else resolve(value)
    }
    rl.on('line', (line) => finish(null, line))
    rl.on('SIGINT', () => finish(new SecretPromptCancelledError('secret prompt interrupted')))
    rl.on('close', () => finish(new SecretPromptCancelledError('secret prompt: end of input before a line was entered')))
  })
}

/** A SecretPrompt for resolveSecret: asks once per secret (answers are kept in memory only), one question at a time. */
export function terminalSecretPrompt(io: TerminalPromptIo): SecretPrompt {
  const answers = new Map<string, string>()
  let queue: Promise<unknown> = Promise.resolve()
  return (what, ref) => {
    if (!io.input.isTTY) return Promise.reject(new SecretMissingError(missingSecretAdvice(what, ref)))
    const id = ref.env ? `env:${ref.env}` : `key:${ref.key ?? what}`
    const ask = async (): Promise<string> => {
      const known = answers.get(id)
      if (known !== undefined) return known
      const label = ref.env ? ` (${ref.env} is not set)` : ''
      const value = await readHidden(`${what}${label}: `, io)
      if (value === '') throw new SecretMissingError(`${what}: nothing entered`)
      answers.set(id, value)
      return value
    }
    const next = queue.then(ask, ask)
    queue = next.catch(() => {})
    return next
  }
}
