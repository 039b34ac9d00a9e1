// `labcon env list|add|remove|check`: manage environments.
import { ENVIRONMENT_KINDS, type EnvironmentKind } from '@core/domain/environment'
import { parseConfigText } from '@core/domain/env-schema'
import { newlyPinned } from '@main/secrets/pin-report'
import { EXIT, UsageError, flag, keyValues, parseCommand, posInt, str } from './args'
import { DB_OPTION, NotFoundCliError, io, json, table, withService, type Command } from './command'

/** `labcon env --help`. */
const HELP = `Usage: labcon env list [--json]
       labcon env add --name <name> --kind <kind> [--level <level>] [--config key=value]... [--fact key=value]...
                      [--concurrency N]
       labcon env remove <name>
       labcon env check <name> [--json]         health check (reads the level, e.g. qemu --version)

Kinds: ${ENVIRONMENT_KINDS.join(', ')}. The 'builtin' environment always exists; 'tcg' is created when
qemu-system-s390x is installed. --config values true/false/numbers become JSON booleans/numbers.
`

async function cmdEnv(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv
  if (sub === undefined || sub === '--help' || sub === '-h') return (io.out(HELP), sub === undefined ? EXIT.USAGE : EXIT.OK)
  switch (sub) {
    case 'list': {
      const p = parseCommand('env list', rest, { ...DB_OPTION, json: { type: 'boolean' } }, 0)
      if (flag(p, 'help')) return (io.out(HELP), EXIT.OK)
      return withService(p, async (s) => {
        const envs = await s.environments.list()
        if (flag(p, 'json')) io.out(json(envs))
        else {
          const rows = envs.map((e) => [e.name, e.kind, String(e.concurrency), e.level || '-'])
          io.out(table(['NAME', 'KIND', 'JOBS', 'LEVEL'], rows))
        }
        return EXIT.OK
      })
    }
    case 'add': {
      const p = parseCommand(
        'env add',
        rest,
        {
          ...DB_OPTION,
          name: { type: 'string' },
          kind: { type: 'string' },
          level: { type: 'string' },
          config: { type: 'string', multiple: true },
          fact: { type: 'string', multiple: true },
          concurrency: { type: 'string' },
          json: { type: 'boolean' },
        },
        0,
      )
      if (flag(p, 'help')) return (io.out(HELP), EXIT.OK)
      const name = str(p, 'name')
      const kind = str(p, 'kind')
      if (!name) throw new UsageError('env add', 'missing --name')
      if (!kind) throw new UsageError('env add', `missing --kind (one of ${ENVIRONMENT_KINDS.join(', ')})`)
      if (!(ENVIRONMENT_KINDS as readonly string[]).includes(kind)) throw new UsageError('env add', `--kind '${kind}' is not one of ${ENVIRONMENT_KINDS.join(', ')}`)
      const input = {
        name,
        kind: kind as EnvironmentKind,
        level: str(p, 'level') ?? '',
        // Typed by the environment schema: `port=22` a number, `cpuSerial=000001` text, `nested=true` a boolean.
        config: Object.fromEntries(Object.entries(keyValues('env add', p, 'config', false)).map(([k, v]) => [k, parseConfigText(kind as EnvironmentKind, k, String(v))])),
        facts: keyValues('env add', p, 'fact', false) as Record<string, string>,
        ...(posInt('env add', p, 'concurrency', 256) !== undefined ? { concurrency: posInt('env add', p, 'concurrency', 256) as number } : {}),
      }
      return withService(p, async (s) => {
        const env = await s.environments.add(input)
        if (flag(p, 'json')) io.out(json(env))
        else io.out(`environment '${env.name}' (${env.kind}) added, concurrency ${env.concurrency}\n`)
        return EXIT.OK
      })
    }
    case 'remove':
    case 'check': {
      const p = parseCommand(`env ${sub}`, rest, { ...DB_OPTION, name: { type: 'string' }, json: { type: 'boolean' } }, 1)
      if (flag(p, 'help')) return (io.out(HELP), EXIT.OK)
      const name = p.positionals[0] ?? str(p, 'name')
      if (!name) throw new UsageError(`env ${sub}`, 'missing the environment name')
      return withService(p, async (s) => {
        const envs = await s.environments.list()
        const env = envs.find((e) => e.name === name)
        if (!env) throw new NotFoundCliError(`environment '${name}' not found (known: ${envs.map((e) => e.name).join(', ')})`)
        if (sub === 'remove') {
          await s.environments.remove(env.id)
          io.out(`environment '${name}' removed (its results are kept)\n`)
          return EXIT.OK
        }
        const report = await s.environments.health(env.id)
        // First contact pinned a host key: show it, so the user can compare it with the host's real one.
        const pins = newlyPinned(env.config, s.store.getEnvironment(env.id).config).map((k) => `pinned ${k.fingerprint} for ${k.endpoint}\n`)
        if (flag(p, 'json')) pins.forEach((l) => io.err(l))
        else pins.forEach((l) => io.out(l))
        if (flag(p, 'json')) io.out(json(report))
        else io.out(`${name}: ${report.ok ? 'ok' : 'NOT OK'}${report.level ? `, level ${report.level}` : ''}${report.problems.map((x) => `\n  ${x}`).join('')}\n`)
        return report.ok ? EXIT.OK : EXIT.FAILED
      })
    }
    default:
      throw new UsageError('env', `unknown subcommand '${sub}' (list, add, remove, check)`)
  }
}

/** The `labcon env` command. */
export const command: Command = { help: HELP, run: cmdEnv }
