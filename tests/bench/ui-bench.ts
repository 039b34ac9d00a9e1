// UI benchmark: the console's matrix at 1,000 tests × 50 environments in Debian's Chromium, through server mode on a
// real database written by the store's write path. Prints load, scroll-frame and keyboard figures; asserts nothing.
// Builds the renderer when it is missing or stale; needs /usr/bin/chromium. Options: --ui-tests N (default 1000),
// --ui-db <file> (keep the generated database there and reuse it), --ui-server process|in-process (where the server
// runs: a process of its own, the default, or the bench's own process as before).
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { openStore } from '@main/db/open-store'
import { asyncStore } from '@main/db/async-store'
import { createLabService, type LabService } from '@main/service/lab-service'
import { startLabServer } from '@main/server/http-server'
import { APP_ROOT, ensureBuilt, RENDERER_SOURCES } from '@main/server/launch'
import { generateMatrix } from '../fixtures/matrix/generate'

const ENVS = 50

/** Entry point called by tests/bench/bench.ts. */
export async function runUiBench(argv: string[]): Promise<void> {
  const i = argv.indexOf('--ui-tests')
  const tests = i >= 0 ? Number(argv[i + 1]) : 1000
  const j = argv.indexOf('--ui-server')
  const serverOption = j >= 0 ? argv[j + 1] : 'process'
  if (serverOption !== 'process' && serverOption !== 'in-process') throw new Error(`--ui-server expects 'process' or 'in-process', got '${serverOption ?? ''}'`)
  const dir = mkdtempSync(join(tmpdir(), 'labcon-ui-bench-'))
  // --ui-db <file>: keep the generated database there and reuse it on later runs (generation takes half a minute).
  const k = argv.indexOf('--ui-db')
  const dbPath = k >= 0 && argv[k + 1] ? argv[k + 1]! : join(dir, 'ui.sqlite')
  try {
    const t0 = performance.now()
    if (!existsSync(dbPath)) {
      const store = asyncStore(openStore(dbPath))
      const n = await generateMatrix(store, tests, ENVS)
      await store.close()
      console.log(`ui: generated ${n.toLocaleString('en')} results (${tests} tests × ${ENVS} environments) in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    } else console.log(`ui: reusing ${dbPath}`)
    const service = createLabService({ dbPath, defaultEnvironments: false })
    const catalogId = (await service.catalogs.list())[0]?.id
    for (const [label, q] of [
      ['whole matrix', { catalogId }],
      ['60 tests × every column', { catalogId, rows: { offset: 0, limit: 60 } }],
      ['first window (33 × 19)', { catalogId, rows: { offset: 0, limit: 33 }, columns: { offset: 0, limit: 19 } }],
    ] as const) {
      const a0 = performance.now()
      const v = await service.results.matrix(q)
      const a1 = performance.now()
      const bytes = JSON.stringify(v).length
      console.log(`ui: API ${label.padEnd(24)} ${(a1 - a0).toFixed(0)} ms in the service, ${v.cells.length} cells, ${(bytes / 1e6).toFixed(1)} MB of JSON (+${(performance.now() - a1).toFixed(0)} ms to serialize)`)
    }
    // The page under test is the built renderer: build it first when it is missing or older than its sources.
    await ensureBuilt('out/renderer/index.html', RENDERER_SOURCES)
    // UI_TIMELINE=1: the service's time per matrix window, as the server answers the page.
    const served: string[] = []
    // The server runs in a process of its own (tests/bench/ui-server.ts), as `labcon start` does: playwright handles
    // the page's protocol events in this process, and would hold up the server's answers on a shared event loop.
    // --ui-server in-process: the server in this process (the bench before issue 15's last round).
    const inProcess = serverOption === 'in-process'
    if (!inProcess) await service.close()
    const server = inProcess ? await inProcessServer(service, served) : await serverProcess(dbPath, served)
    console.log(`ui: server ${inProcess ? 'in the bench process' : 'in a process of its own'}`)
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    })
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
      // The page notes the first animation frame that shows a result cell (navigation start = 0).
      // UI_PROFILE_LOAD=1: a CPU profile of the page from its first script to the first frame with a cell (the page
      // starts and ends it itself with console.profile, so the driver's lag does not count).
      const profiling = Boolean(process.env.UI_PROFILE_LOAD)
      await page.addInitScript(`(() => {
        if (${profiling}) console.profile('load')
        const look = () => document.querySelector('[role="gridcell"][data-verdict="PASS"]') ? ((window.__firstCell = performance.now()), ${profiling} && console.profileEnd('load'), console.debug('labcon:first-cell')) : requestAnimationFrame(look)
        requestAnimationFrame(look)
      })()`)
      const loadCdp = profiling ? await page.context().newCDPSession(page) : null
      const loadProfile = new Promise<CpuProfile>((resolve) => loadCdp?.on('Profiler.consoleProfileFinished', (e) => resolve(e.profile as CpuProfile)))
      if (loadCdp) {
        await loadCdp.send('Profiler.enable')
        await loadCdp.send('Profiler.setSamplingInterval', { interval: 200 })
      }
      // UI_TRACE_LOAD=1: a Chromium trace of the page load up to the first cell, as a timeline of the main thread.
      if (process.env.UI_TRACE_LOAD) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing', 'loading'] })
      // The page says when it drew the first cell: the driver does not poll the page (its polling runs on the page's
      // main thread, the thread being measured).
      const firstCell = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('ui: no result cell drawn within 60 s')), 60_000)
        page.on('console', (m) => m.text() === 'labcon:first-cell' && (clearTimeout(timer), resolve()))
      })
      // CPU up to the first cell, which a loaded machine disturbs less than wall time: the page's main thread
      // (Chromium's counters) and this process (the server, and the driver waiting).
      const loadPerf = await page.context().newCDPSession(page)
      await loadPerf.send('Performance.enable')
      const cpu0 = process.cpuUsage()
      const a = performance.now()
      await page.goto(`${server.url}#/matrix`)
      await firstCell
      const cpu1 = process.cpuUsage(cpu0)
      const inPage = (await page.evaluate('window.__firstCell')) as number
      const pm = Object.fromEntries(((await loadPerf.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.map((m) => [m.name, m.value]))
      const ms = (k: string): string => ((pm[k] ?? 0) * 1000).toFixed(0)
      if (process.env.UI_TRACE_LOAD) {
        const json = (await browser.stopTracing()).toString('utf8')
        if (process.env.UI_TRACE_FILE) writeFileSync(process.env.UI_TRACE_FILE, json)
        console.log(loadTimeline(json, inPage))
      }
      console.log(`ui: matrix first paint (navigation → first frame with a cell, API calls included)   ${inPage.toFixed(0)} ms (${(performance.now() - a).toFixed(0)} ms seen by the driver)`)
      console.log(
        `ui: first paint CPU: page main thread ${ms('ThreadTime')} ms (tasks ${ms('TaskDuration')}, script ${ms('ScriptDuration')}, style ${ms('RecalcStyleDuration')}, layout ${ms('LayoutDuration')}); server + driver ${((cpu1.user + cpu1.system) / 1000).toFixed(0)} ms`,
      )
      if (process.env.UI_SHOT) await page.screenshot({ path: process.env.UI_SHOT })
      if (loadCdp) console.log(profileSummary(await loadProfile))
      if (process.env.UI_TIMELINE) {
        const t = (await page.evaluate(`JSON.stringify({ nav: performance.getEntriesByType('navigation').map((n) => ({ redirect: Math.round(n.redirectEnd), fetch: Math.round(n.fetchStart), request: Math.round(n.requestStart), response: Math.round(n.responseEnd), dcl: Math.round(n.domContentLoadedEventEnd) }))[0],
          requests: performance.getEntriesByType('resource').map((r) => [r.name.split('/').pop(), Math.round(r.startTime), Math.round(r.responseEnd)]) })`)) as string
        console.log(`ui: timeline ${t}\nui: served matrix windows ${served.join(', ')}`)
      }
      await page.locator('[role="grid"][aria-busy="false"]').waitFor({ timeout: 120_000 })
      console.log(`ui: matrix complete (every row window arrived)                         ${(performance.now() - a).toFixed(0)} ms`)
      const dom = await page.locator('[role="gridcell"]').count()
      console.log(`ui: grid cells in the DOM                                             ${dom} (of ${tests * ENVS})`)
      if (process.env.UI_PROFILE) {
        const cdp = await page.context().newCDPSession(page)
        await cdp.send('Profiler.enable')
        await cdp.send('Profiler.start')
        await page.evaluate(scrollScript(40, 300))
        const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[] } }
        const self = new Map<string, number>()
        for (const n of profile.nodes) {
          const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`
          self.set(k, (self.get(k) ?? 0) + (n.hitCount ?? 0))
        }
        console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v}\t${k}`).join('\n'))
      }
      // Scroll in 300 px steps and time each step until the next animation frame has rendered it. The renderer's
      // main-thread busy time (Chromium's own counters) is less sensitive to a loaded machine than wall time.
      const perf = await page.context().newCDPSession(page)
      await perf.send('Performance.enable')
      const busy = async (): Promise<Record<string, number>> =>
        Object.fromEntries(((await perf.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.map((m) => [m.name, m.value]))
      // UI_TRACE=1: a Chromium trace of the scroll steps, summed per event on the page's main thread.
      if (process.env.UI_TRACE) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8'] })
      const m0 = await busy()
      const steps = (await page.evaluate(scrollScript(120, 300))) as [number, number][]
      const m1 = await busy()
      if (process.env.UI_TRACE) {
        const json = (await browser.stopTracing()).toString('utf8')
        if (process.env.UI_TRACE_FILE) writeFileSync(process.env.UI_TRACE_FILE, json)
        console.log(traceSummary(json, 120))
      }
      const per = (k: string): string => ((((m1[k] ?? 0) - (m0[k] ?? 0)) * 1000) / 120).toFixed(1)
      console.log(`ui: main-thread work per scroll step: task ${per('TaskDuration')} ms (script ${per('ScriptDuration')}, style ${per('RecalcStyleDuration')}, layout ${per('LayoutDuration')}), CPU ${per('ThreadTime')} ms`)
      const rendered = stats(steps.map((x) => x[0]))
      console.log(`ui: scroll step → rendered (its frame drawn, laid out, painted), 120 steps of 300 px  median ${rendered.median} ms, p95 ${rendered.p95} ms, max ${rendered.max} ms`)
      const two = stats(steps.map((x) => x[1]))
      console.log(`ui: scroll step → next frame begun (2 frames, floor 33.3 ms at 60 Hz)          median ${two.median} ms, p95 ${two.p95} ms, max ${two.max} ms`)
      await page.locator('[role="grid"]').focus()
      // Key presses handled in the page (no driver round trip): keydown → active cell moved and laid out (synchronous),
      // and → the frame showing it rendered (as for scrolling). Every other key moves down, so the grid scrolls along.
      const keys = (await page.evaluate(`(async () => {
        const el = document.querySelector('[role="grid"]')
        const channel = new MessageChannel()
        const afterFrame = () => new Promise((r) => requestAnimationFrame(() => { channel.port1.onmessage = r; channel.port2.postMessage(0) }))
        const frame = () => new Promise((r) => requestAnimationFrame(r))
        const out = []
        for (let k = 0; k < 100; k++) {
          const s = performance.now()
          el.dispatchEvent(new KeyboardEvent('keydown', { key: k % 2 ? 'ArrowDown' : 'ArrowRight', bubbles: true }))
          void el.offsetHeight
          const moved = performance.now() - s
          await afterFrame()
          out.push([moved, performance.now() - s])
          await frame()
        }
        return out
      })()`)) as [number, number][]
      const ks = stats(keys.map((x) => x[0]))
      console.log(`ui: key press → active cell moved and laid out, 100 keys in the page  median ${ks.median} ms, p95 ${ks.p95} ms, max ${ks.max} ms`)
      const kr = stats(keys.map((x) => x[1]))
      console.log(`ui: key press → rendered (its frame painted, vsync wait included)     median ${kr.median} ms, p95 ${kr.p95} ms, max ${kr.max} ms`)
      const k0 = performance.now()
      for (let k = 0; k < 100; k++) await page.keyboard.press('ArrowDown')
      await page.keyboard.press('PageDown')
      console.log(`ui: 100 × ArrowDown + PageDown (round trips included)                 ${(performance.now() - k0).toFixed(0)} ms`)
    } finally {
      await browser.close()
      await server.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The bench's server in this process, sharing the event loop with playwright. */
async function inProcessServer(service: LabService, served: string[]): Promise<{ url: string; close(): Promise<void> }> {
  if (process.env.UI_TIMELINE) {
    const matrix = service.results.matrix.bind(service.results)
    service.results.matrix = async (q) => {
      const s = performance.now()
      const v = await matrix(q)
      served.push(`${q.rows ? `${q.rows.offset}+${q.rows.limit}` : 'all'}${q.columns ? ` × ${q.columns.offset}+${q.columns.limit}` : ''} ${(performance.now() - s).toFixed(0)} ms`)
      return v
    }
  }
  const server = await startLabServer({ api: service, rendererDir: join(APP_ROOT, 'out', 'renderer') })
  return { url: server.url, close: async () => (await server.close(), await service.close()) }
}

/** The bench's server in a child process (tests/bench/ui-server.ts through tsx, as this bench runs); `served` collects
 *  its matrix timings. */
async function serverProcess(dbPath: string, served: string[]): Promise<{ url: string; close(): Promise<void> }> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(new URL('./ui-server.ts', import.meta.url)), dbPath], { stdio: ['ignore', 'pipe', 'inherit'], env: process.env })
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  const url = await new Promise<string>((resolve, reject) => {
    let buf = ''
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString('utf8')
      let nl: number
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl)
        buf = buf.slice(nl + 1)
        if (line.startsWith('url ')) resolve(line.slice(4))
        else if (line.startsWith('served ')) served.push(line.slice(7))
      }
    })
    void exited.then(() => reject(new Error('ui: the bench server exited before it listened')))
  })
  return { url, close: async () => (child.kill('SIGTERM'), await exited) }
}

/** Browser-side script (a string: this file is type-checked without DOM types): scrolls the grid `steps` times by
 *  `px`, down to the end and back up (every step moves), and returns per step [rendered, two frames] in ms: until the
 *  frame that draws the step has run its animation-frame callbacks (the grid draws there), style, layout, paint and
 *  commit (a message posted from that frame's animation-frame callback runs right after them), and until the next
 *  frame began (two animation frames; at 60 Hz never under 33.3 ms: the wait for the second frame is in it). */
function scrollScript(steps: number, px: number): string {
  return `(async () => {
    const el = document.querySelector('[role="grid"]')
    const channel = new MessageChannel()
    const afterFrame = () => new Promise((r) => requestAnimationFrame(() => { channel.port1.onmessage = r; channel.port2.postMessage(0) }))
    const frame = () => new Promise((r) => requestAnimationFrame(r))
    const out = []
    let dir = 1
    for (let k = 0; k < ${steps}; k++) {
      const max = el.scrollHeight - el.clientHeight
      if (el.scrollTop + dir * ${px} > max || el.scrollTop + dir * ${px} < 0) dir = -dir
      const s = performance.now()
      el.scrollTop += dir * ${px}
      el.dispatchEvent(new Event('scroll'))
      await afterFrame()
      const rendered = performance.now() - s
      await frame()
      out.push([rendered, performance.now() - s])
    }
    return out
  })()`
}

/** CPU (and wall) milliseconds per step of each trace event on the renderer's main thread (inclusive: a nested event
 *  of another name counts in both). CPU time is what a loaded machine disturbs least. */
function traceSummary(json: string, steps: number): string {
  type Ev = { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: { name?: string } }
  const { traceEvents } = JSON.parse(json) as { traceEvents: Ev[] }
  const main = traceEvents.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  const sum = new Map<string, { cpu: number; wall: number }>()
  // Events of one name nest (Paint inside Paint): only the outermost of each name counts.
  const until = new Map<string, number>()
  const mine = traceEvents.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))
  for (const e of mine) {
    if (e.ts < (until.get(e.name) ?? -1)) continue
    until.set(e.name, e.ts + (e.dur ?? 0))
    const s = sum.get(e.name) ?? { cpu: 0, wall: 0 }
    s.cpu += (e.tdur ?? 0) / 1000
    s.wall += (e.dur ?? 0) / 1000
    sum.set(e.name, s)
  }
  // The CPU of each task that renders a frame (it runs animation-frame callbacks): what one frame costs, whatever the
  // machine's load does to the wall time around it.
  const tasks = mine.filter((e) => e.name === 'RunTask')
  const frames = mine.filter((e) => e.name === 'FireAnimationFrame')
  const frameCpu: number[] = []
  let f = 0
  for (const t of tasks) {
    while (f < frames.length && frames[f]!.ts < t.ts) f++
    if (f < frames.length && frames[f]!.ts < t.ts + (t.dur ?? 0)) frameCpu.push((t.tdur ?? 0) / 1000)
  }
  const fs = stats(frameCpu)
  return [...sum]
    .sort((a, b) => b[1].cpu - a[1].cpu)
    .slice(0, 16)
    .map(([k, v]) => `ui: trace ${(v.cpu / steps).toFixed(2).padStart(7)} ms CPU/step (${(v.wall / steps).toFixed(1).padStart(6)} wall)  ${k}`)
    .concat(`ui: trace CPU of each frame's rendering task (${frameCpu.length} frames): median ${fs.median} ms, p95 ${fs.p95} ms, max ${fs.max} ms`)
    .join('\n')
}

/** The page load as a timeline: main-thread events of 4 ms and more and every resource request, in ms after the
 *  navigation started, up to the first frame with a cell. */
function loadTimeline(json: string, until: number): string {
  type Ev = { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: { name?: string; data?: { url?: string; frame?: string } } }
  const { traceEvents } = JSON.parse(json) as { traceEvents: Ev[] }
  const nav = traceEvents.find((e) => e.name === 'navigationStart' && e.args?.data !== undefined) ?? traceEvents.find((e) => e.name === 'navigationStart')
  if (!nav) return 'ui: load trace has no navigationStart'
  // The page's renderer is the one that asked for the app's assets (other renderers, the browser's own pages, are noise).
  const pid = traceEvents.find((e) => e.name === 'ResourceSendRequest' && e.args?.data?.url?.includes('/assets/'))?.pid
  const mains = new Set(traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === pid).map((e) => `${e.pid}:${e.tid}`))
  const at = (e: Ev): number => (e.ts - nav.ts) / 1000
  const out: string[] = []
  // Main-thread CPU up to the first cell: what a loaded machine stretches in wall time but does not change.
  let cpu = 0
  for (const e of traceEvents) {
    if (e.name === 'RunTask' && mains.has(`${e.pid}:${e.tid}`) && e.ph === 'X' && at(e) >= -50 && at(e) <= until) cpu += (e.tdur ?? 0) / 1000
  }
  for (const e of traceEvents) {
    const t = at(e)
    if (t < -50 || t > until + 20) continue
    if (e.pid !== pid) continue
    if (e.name === 'ResourceSendRequest' || e.name === 'ResourceFinish') out.push(`${t.toFixed(1).padStart(8)}          ${e.name} ${e.args?.data?.url?.split('/').pop() ?? ''}`)
    else if (mains.has(`${e.pid}:${e.tid}`) && e.ph === 'X' && (e.dur ?? 0) >= 4000 && !/RunTask|URLLoader|ResourceRequestSender/.test(e.name))
      out.push(`${t.toFixed(1).padStart(8)} ${((e.dur ?? 0) / 1000).toFixed(1).padStart(6)} ms ${e.name}${e.tdur !== undefined ? ` (CPU ${(e.tdur / 1000).toFixed(1)})` : ''}`)
  }
  out.push(`page main-thread CPU until the first cell: ${cpu.toFixed(0)} ms`)
  return out.map((l) => `ui: load ${l}`).join('\n')
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }[]
  samples?: number[]
  timeDeltas?: number[]
}

/** CPU milliseconds per function of a profile: self time, and inclusive time (a function counted once per sample
 *  however deep it recurses), the 25 largest of each. */
function profileSummary(p: CpuProfile): string {
  const parent = new Map<number, number>()
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const byId = new Map(p.nodes.map((n) => [n.id, n]))
  const name = (id: number): string => {
    const f = byId.get(id)!.callFrame
    return `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`
  }
  const self = new Map<string, number>()
  const incl = new Map<string, number>()
  const deltas = p.timeDeltas ?? []
  ;(p.samples ?? []).forEach((id, i) => {
    const ms = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000
    self.set(name(id), (self.get(name(id)) ?? 0) + ms)
    const seen = new Set<string>()
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) seen.add(name(n))
    for (const k of seen) incl.set(k, (incl.get(k) ?? 0) + ms)
  })
  const top = (m: Map<string, number>, label: string): string =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.UI_PROFILE_TOP ?? 25)).map(([k, v]) => `ui: profile ${label} ${v.toFixed(1).padStart(7)} ms  ${k}`).join('\n')
  return `${top(self, 'self')}\n${top(incl, 'incl')}`
}

function stats(xs: number[]): { median: string; p95: string; max: string } {
  const s = [...xs].sort((a, b) => a - b)
  const at = (q: number): string => (s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0).toFixed(1)
  return { median: at(0.5), p95: at(0.95), max: at(1) }
}
