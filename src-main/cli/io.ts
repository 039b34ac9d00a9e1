// Where labcon writes. Its own module so that the dispatcher (main.ts) can print `--help` and usage errors without
// loading command.ts's imports (the secret prompt's readline, the service types' modules).

/** Where commands write: stdout for results, stderr for progress, warnings and errors. */
export interface Io {
  out: (s: string) => void
  err: (s: string) => void
}
export const io: Io = {
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
}
