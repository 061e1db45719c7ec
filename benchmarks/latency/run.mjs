// `npm run bench`: glass-to-glass frame latency of Parley, Parley with head-of-line
// countermeasures off, and libwebrtc, on the same content through the same link relay.
// Writes <out>/latency.json (numbers), <out>/latency-raw.json (every sent/received
// record) and <out>/latency-report.html. Progress goes to stderr.
//
//   node benchmarks/latency/run.mjs [--quick] [--out dir] [--scenario name]... \
//     [--systems gui-parley,gui-webrtc,parley,parley-single-stream,libwebrtc] [--duration-s n] [--video-size WxH] \
//     [--repeat n]
//
// --video-size: the source picture every system gets (default 1280×720; --quick keeps
// 640×360 so CI stays short — the scoring costs ≈ 3× more per frame at 720p, README).
// Frame rate (30) and start bitrate (600 kbit/s) are the same at any size.
// --repeat: runs per system and scenario (default 3; 1 with --quick), interleaved — for
// each scenario, every system's run 1, then every system's run 2, … — so a noisy stretch
// of the machine hits all systems alike. latency.json keeps every run; the table shows
// medians and min–max.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { benchArgs, machineInfo } from '../lib/args.mjs'
import { createLinkRelay } from '../link/relay.mjs'
import { getScenario, scenarioRelayOptions } from '../link/scenarios.mjs'
import { measure } from './measure.mjs'
import { renderReport } from './report.mjs'
import { ratiosVsBaseline, summarize } from './ratios.mjs'

// The `gui` systems first: browser to browser is what a user lives with (ratios.mjs GROUPS).
export const SYSTEMS = {
  'gui-parley': 'systems/gui-parley.mjs',
  'gui-webrtc': 'systems/gui-webrtc.mjs',
  parley: 'systems/parley.mjs',
  'parley-single-stream': 'systems/parley.mjs',
  libwebrtc: 'systems/webrtc.mjs'
}
const ALL_SCENARIOS = ['clean', 'rtt50', 'rtt50-loss1', 'rtt50-loss3', 'rtt50-bursty3', 'cap1m', 'step-2m-0.5m-2m']
const QUICK_SCENARIOS = ['clean', 'rtt50-loss3']
/** Browsers cost ≈ 20 s of set-up per run: --quick runs the `gui` systems in this one scenario only. */
const GUI_SYSTEMS = ['gui-parley', 'gui-webrtc']
const GUI_QUICK_SCENARIOS = ['clean']
const QUICK_DURATION_MS = 8000
const REPEATS = 3
const QUICK_REPEATS = 1
/** Frames sent in the first second are not counted (connection and jitter buffers settle). */
const WARMUP_MS = 1000
/** Same for every system: the source size and Parley's call defaults for the encoder start. */
const VIDEO_SIZE = { width: 1280, height: 720 }
const QUICK_VIDEO_SIZE = { width: 640, height: 360 }
const VIDEO_FPS = 30
const START_BITRATE_BPS = 600_000
/** A system that neither finishes nor fails this long after its media time is stuck. */
const RUN_SLACK_MS = 90_000

const argv = process.argv.slice(2)
const { out, quick } = benchArgs(argv)
const many = flag => argv.flatMap((a, i) => a === flag && argv[i + 1] != null ? [argv[i + 1]] : [])
const one = flag => many(flag).at(-1)
const scenarioNames = many('--scenario').length > 0 ? many('--scenario') : quick ? QUICK_SCENARIOS : ALL_SCENARIOS
/** With --quick and no --scenario, the gui systems run only in GUI_QUICK_SCENARIOS. */
const runsIn = (system, scenario) => !(quick && many('--scenario').length === 0 && GUI_SYSTEMS.includes(system) && !GUI_QUICK_SCENARIOS.includes(scenario))
const systems = (one('--systems') ?? Object.keys(SYSTEMS).join(',')).split(',').map(s => s.trim()).filter(Boolean)
for (const s of systems) if (!(s in SYSTEMS)) throw new RangeError(`unknown system ${JSON.stringify(s)} (known: ${Object.keys(SYSTEMS).join(', ')})`)
const durationOverrideMs = one('--duration-s') != null ? Number(one('--duration-s')) * 1000 : null
const repeats = one('--repeat') != null ? Number(one('--repeat')) : quick ? QUICK_REPEATS : REPEATS
if (!Number.isInteger(repeats) || repeats < 1) throw new RangeError(`--repeat wants a whole number ≥ 1, got ${JSON.stringify(one('--repeat'))}`)
const scenarios = scenarioNames.map(getScenario)
const VIDEO = { ...(one('--video-size') != null ? parseSize(one('--video-size')) : quick ? QUICK_VIDEO_SIZE : VIDEO_SIZE), fps: VIDEO_FPS, startBitrateBps: START_BITRATE_BPS }

const t00 = performance.now()
const progress = msg => process.stderr.write(`[bench ${((performance.now() - t00) / 1000).toFixed(1)} s] ${msg}\n`)

const relays = new Set()
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    progress(`${sig}: closing relays`)
    Promise.allSettled([...relays].map(r => r.close())).finally(() => process.exit(130))
  })
}

async function loadSystem (system) {
  const file = fileURLToPath(new URL(SYSTEMS[system], import.meta.url))
  if (!existsSync(file)) return null
  return await import(file)
}

async function runOne (mod, system, scenario, durationMs) {
  let relay = null
  const makeRelay = async targetPort => {
    if (relay !== null) throw new Error('makeRelay called twice')
    // the schedule (step scenario) counts from the first media frame: the system calls startSchedule()
    relay = await createLinkRelay(scenarioRelayOptions(scenario, targetPort, { seed: scenario.seed, scheduleStart: 'manual' }))
    relays.add(relay)
    return relay
  }
  let timer
  try {
    const result = await Promise.race([
      mod.run({ system, scenario, seed: scenario.seed, durationMs, warmupMs: WARMUP_MS, video: VIDEO, progress: m => progress(`  ${m}`), makeRelay }),
      new Promise((resolve, reject) => { timer = setTimeout(() => reject(new Error(`no result ${(durationMs + RUN_SLACK_MS) / 1000} s after start`)), durationMs + RUN_SLACK_MS) })
    ])
    if (relay === null) throw new Error('the system never created the relay (media did not go through the link)')
    if (result.path?.viaRelay !== true) throw new Error(`media did not go through the relay: ${JSON.stringify(result.path)}`)
    return result
  } finally {
    clearTimeout(timer)
    if (relay !== null) { await relay.close(); relays.delete(relay) }
  }
}

const runs = []
const raw = []
let failures = 0
const total = scenarios.reduce((n, sc) => n + systems.filter(s => runsIn(s, sc.name)).length * repeats, 0)
let k = 0
progress(`${quick ? 'quick' : 'full'} mode, ${VIDEO.width}×${VIDEO.height}@${VIDEO.fps}: ${scenarios.map(s => s.name).join(', ')} × ${systems.join(', ')} × ${repeats} → ${out}`)
for (const scenario of scenarios) {
  const durationMs = durationOverrideMs ?? (quick ? QUICK_DURATION_MS : scenario.durationMs)
  for (let repeat = 1; repeat <= repeats; repeat++) {
    for (const system of systems.filter(s => runsIn(s, scenario.name))) {
      k++
      const head = `[${k}/${total}] ${scenario.name} · ${system}${repeats > 1 ? ` · run ${repeat}/${repeats}` : ''}`
      const base = { system, scenario: scenario.name, repeat, seed: scenario.seed, durationMs, warmupMs: WARMUP_MS }
      const mod = await loadSystem(system)
      if (mod === null) {
        progress(`${head}: SKIPPED — ${SYSTEMS[system]} is not present`)
        runs.push({ ...base, skipped: `${SYSTEMS[system]} not present` })
        continue
      }
      progress(`${head}: ${(durationMs / 1000).toFixed(0)} s`)
      const t = performance.now()
      try {
        const r = await runOne(mod, system, scenario, durationMs)
        const m = measure(r, { warmupMs: WARMUP_MS })
        const { upstream, downstream, foreignPackets, sendErrors } = r.relay
        const dir = d => ({ packetsIn: d.packetsIn, packetsOut: d.packetsOut, bytesOut: d.bytesOut, droppedLoss: d.droppedLoss, droppedQueue: d.droppedQueue, meanAddedDelayMs: round1(d.meanAddedDelayMs) })
        runs.push({
          ...base,
          wallS: round1((performance.now() - t) / 1000),
          ...m,
          stages: roundStages(r.stages),
          endpoints: r.endpoints,
          relay: { upstream: dir(upstream), downstream: dir(downstream), foreignPackets, sendErrors },
          path: r.path,
          extra: r.extra ?? null
        })
        raw.push({ ...base, video: r.video, audio: r.audio })
        progress(`${head}: audio p50 ${m.audio.latencyMs.p50} / p95 ${m.audio.latencyMs.p95} ms (lost ${m.audio.lossPercent} %), video p50 ${m.video.latencyMs.p50} / p95 ${m.video.latencyMs.p95} ms (${m.video.received}/${m.video.sent} frames), PSNR ${m.video.quality.meanPsnrDb} dB / SSIM ${m.video.quality.meanSsim} (${m.video.quality.n} frames scored in ${r.extra?.quality?.computeMs ?? '?'} ms), audio similarity ${m.audio.similarity.mean}, ${((m.bitrate.totalBps ?? 0) / 1000).toFixed(0)} kbit/s`)
      } catch (err) {
        failures++
        progress(`${head}: FAILED — ${err.stack ?? err.message}`)
        runs.push({ ...base, error: err.message })
      }
    }
  }
}

const summary = summarize(runs)
const result = {
  name: 'latency',
  at: new Date().toISOString(),
  machine: machineInfo(),
  config: { quick, warmupMs: WARMUP_MS, video: VIDEO, repeats, systems, scenarios, argv },
  runs,
  summary,
  ratios: ratiosVsBaseline(summary),
  runtimeS: round1((performance.now() - t00) / 1000)
}
mkdirSync(out, { recursive: true })
writeFileSync(join(out, 'latency.json'), JSON.stringify(result, null, 1))
writeFileSync(join(out, 'latency-raw.json'), JSON.stringify({ at: result.at, runs: raw }))
writeFileSync(join(out, 'latency-report.html'), renderReport(result))
progress(`done in ${result.runtimeS} s: ${join(out, 'latency.json')}, ${join(out, 'latency-report.html')}${failures > 0 ? ` — ${failures} run(s) FAILED` : ''}`)
process.exit(failures > 0 ? 1 : 0)

function round1 (x) { return Math.round(x * 10) / 10 }

/** 'WxH' → { width, height }: even sides (I420), 64 px (room for the frame-id counter) to 1920 px (the daemon's /media socket limit, MEDIA_MAX_VIDEO_SIDE_PX). */
function parseSize (text) {
  const m = /^(\d+)[x×](\d+)$/.exec(text)
  const size = m === null ? null : { width: Number(m[1]), height: Number(m[2]) }
  if (size === null || size.width % 2 !== 0 || size.height % 2 !== 0 || size.width < 64 || size.height < 64 || size.width > 1920 || size.height > 1920) {
    throw new RangeError(`--video-size wants WxH with even sides from 64 to 1920 px, got ${JSON.stringify(text)}`)
  }
  return size
}

function roundStages (stages) {
  if (stages == null) return null
  const r = s => s == null ? null : Object.fromEntries(Object.entries(s).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 100) / 100 : v]))
  return { audio: r(stages.audio), video: r(stages.video) }
}
