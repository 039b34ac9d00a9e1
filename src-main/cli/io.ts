// Where labcon writes. Its own module so that the dispatcher (main.ts) can print `--help` and usage errors without
// loading command.ts's imports (the secret prompt's readline, the service types' modules).
import { writeSync } from 'node:fs'

/** Where commands write: stdout for results, stderr for progress, warnings and errors. */
export interface Io {
  out: (s: string) => void
  err: (s: string) => void
}
export const io: Io = {
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
}

/**
 * Writes `s` to stdout without creating process.stdout (for a pipe or a terminal that stream costs several ms of
 * `labcon --help`). A descriptor that would block gets the rest through the stream; a reader that went away (EPIPE,
 * `labcon --help | head -1`) ends the output quietly, as exitQuietlyOnEpipe does for the stream.
 */
export function writeStdoutNow(s: string): void {
  const bytes = Buffer.from(s)
  let done = 0
  try {
    while (done < bytes.length) done += writeSync(1, bytes, done)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'EAGAIN') process.stdout.write(bytes.subarray(done))
    else if (code !== 'EPIPE') throw e
  }
}

/** `labcon compare … | head`: a reader that stops early is no error; end quietly instead of an EPIPE stack trace. */
export function exitQuietlyOnEpipe(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw e
  })
}
