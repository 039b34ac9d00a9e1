// Authoring tool for ISA tables: fills `code: ''` from `asm: '...'` (instructions separated by ";") in a tests/isa
// group file using s390x-linux-gnu-as; rows whose code is already set are left alone. Usage: node tests/isa/asm-fill.mjs FILE
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
const file = process.argv[2]
const src = readFileSync(file, 'utf8')
const re = /asm: '([^']*)', code: '([^']*)'/g
const asms = [...src.matchAll(re)].map((m) => (m[2] ? 'nopr 0' : m[1]))
const dir = mkdtempSync(join(tmpdir(), 'af-'))
let s = '.text\n'
asms.forEach((a, i) => { s += `L${i}:\n` + a.split(';').map((x) => ' ' + x.trim() + '\n').join('') })
s += `L${asms.length}:\n`
writeFileSync(join(dir, 'a.s'), s)
execFileSync('s390x-linux-gnu-as', ['-march=z15', '-o', join(dir, 'a.o'), join(dir, 'a.s')], { stdio: 'inherit' })
const sym = execFileSync('s390x-linux-gnu-nm', ['-n', join(dir, 'a.o')]).toString().trim().split('\n').map((l) => l.split(' ')).filter((p) => /^L\d+$/.test(p[2])).map((p) => [Number(p[2].slice(1)), parseInt(p[0], 16)])
const addr = new Map(sym)
execFileSync('s390x-linux-gnu-objcopy', ['-O', 'binary', '-j', '.text', join(dir, 'a.o'), join(dir, 'a.bin')])
const bin = readFileSync(join(dir, 'a.bin'))
let i = 0
const out = src.replace(re, (_m, a, old) => {
  if (old) { i++; return _m }
  const start = addr.get(i), end = addr.get(i + 1) ?? bin.length
  i++
  const hex = bin.subarray(start, end).toString('hex')
  // split into instructions
  const parts = []; let p = 0
  while (p < hex.length) { const t = parseInt(hex.slice(p, p + 2), 16) >> 6; const n = (t === 0 ? 2 : t === 3 ? 6 : 4) * 2; parts.push(hex.slice(p, p + n)); p += n }
  return `asm: '${a}', code: '${parts.join(' ')}'`
})
writeFileSync(file, out)
console.log(`filled ${i} cases in ${file}`)
