// A minimal QMP (QEMU Machine Protocol) client over any byte stream: a local unix socket or an SSH-forwarded one.
// Protocol (QEMU docs/interop/qmp-spec): a greeting `{"QMP": …}`, then `qmp_capabilities` leaves negotiation mode;
// each command `{"execute", "arguments", "id"}` gets one `{"return"}` or `{"error": {class, desc}}` with that id;
// asynchronous `{"event"}` lines may come in between.
import type { Duplex } from 'node:stream'
import { LabError } from '@core/domain/errors'

/** A QMP command QEMU refused (`error.desc`), or a broken monitor connection. */
export class QmpError extends LabError {
  override name = 'QmpError'
  readonly kind = 'infra'
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; what: string }

/** One negotiated QMP connection. Create with QmpClient.open. */
export class QmpClient {
  private buf = ''
  private nextId = 1
  private readonly pending = new Map<string, Pending>()
  private greeting: ((v: unknown) => void) | null = null
  private closedWhy: string | null = null

  private constructor(
    private readonly stream: Duplex,
    private readonly where: string,
  ) {
    stream.setEncoding('utf8')
    stream.on('data', (t: string) => this.onData(t))
    stream.on('error', (e: Error) => this.fail(e.message))
    stream.on('close', () => this.fail('connection closed'))
  }

  /** Reads the greeting and leaves capabilities negotiation; rejects if the monitor does not speak QMP. */
  static async open(stream: Duplex, where: string, timeoutMs = 10_000): Promise<QmpClient> {
    const c = new QmpClient(stream, where)
    await withTimeout(
      new Promise((resolve, reject) => {
        c.greeting = resolve
        c.pending.set('greeting', { resolve, reject, what: 'greeting' })
      }),
      timeoutMs,
      () => `${where}: no QMP greeting within ${timeoutMs} ms`,
    ).catch((e: unknown) => {
      c.close()
      throw e
    })
    await c.execute('qmp_capabilities')
    return c
  }

  /** Runs one command and resolves with its `return` value; a QMP error rejects with QEMU's description. */
  execute(command: string, args?: Record<string, unknown>): Promise<unknown> {
    if (this.closedWhy !== null) return Promise.reject(new QmpError(`${this.where}: ${command}: ${this.closedWhy}`))
    const id = `labcon-${this.nextId++}`
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, what: command })
      this.stream.write(JSON.stringify(args ? { execute: command, arguments: args, id } : { execute: command, id }) + '\n')
    })
  }

  /** Closes the connection (pending commands reject). */
  close(): void {
    this.fail('closed')
    this.stream.destroy()
  }

  private onData(text: string): void {
    this.buf += text
    let nl: number
    while ((nl = this.buf.indexOf('\n')) >= 0) {
      const line = this.buf.slice(0, nl).trim()
      this.buf = this.buf.slice(nl + 1)
      if (line !== '') this.onMessage(line)
    }
  }

  private onMessage(line: string): void {
    let msg: Record<string, unknown>
    try {
      msg = JSON.parse(line) as Record<string, unknown>
    } catch {
      return this.fail(`not QMP: ${line.slice(0, 80)}`)
    }
    if ('QMP' in msg && this.greeting) {
      this.pending.delete('greeting')
      this.greeting(msg['QMP'])
      this.greeting = null
      return
    }
    if ('event' in msg) return
    const id = typeof msg['id'] === 'string' ? msg['id'] : null
    const p = id === null ? undefined : this.pending.get(id)
    if (!p || id === null) return
    this.pending.delete(id)
    if ('error' in msg) {
      const err = msg['error'] as { class?: string; desc?: string } | undefined
      p.reject(new QmpError(`${this.where}: ${p.what}: ${err?.desc ?? JSON.stringify(err)}`))
    } else p.resolve(msg['return'])
  }

  private fail(why: string): void {
    if (this.closedWhy !== null) return
    this.closedWhy = why
    for (const p of this.pending.values()) p.reject(new QmpError(`${this.where}: ${p.what}: ${why}`))
    this.pending.clear()
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, message: () => string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new QmpError(message())), ms)
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e instanceof Error ? e : new Error(String(e)))),
    )
  })
}
