// One builtin Linux boot for `npm run bench -- emu --linux-runs N` (linux-bench.ts), in a process of its own:
// `node --import tsx linux-boot-child.ts <vmlinuz> <limit s> <phases 0|1>`; its last line is CHILD_RESULT and the
// figures as JSON.
import { bootBuiltin, CHILD_RESULT } from './linux-bench'

const [path, limit, phases] = process.argv.slice(2)
if (path === undefined || !(Number(limit) > 0)) {
  process.stderr.write('usage: linux-boot-child.ts <vmlinuz> <limit seconds> <phases 0|1>\n')
  process.exit(2)
}
const r = await bootBuiltin(path, Number(limit), phases === '1')
console.log(CHILD_RESULT + JSON.stringify(r))
