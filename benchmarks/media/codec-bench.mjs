#!/usr/bin/env node
// Media codec benchmark: per-frame Opus/VP9 encode+decode cost (mean, p50, p99)
// and event-loop lag while encoding 720p30 on the main thread, on the libuv
// pool (AsyncWorker, what @parley/media uses) and in a worker_threads worker.
//
//   npx tsc -b packages/media && node benchmarks/media/codec-bench.mjs [--out bench-out] [--quick] [--frames 300] [--lag-seconds 5]
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { parseArgs } from 'node:util'
import os from 'node:os'

const here = dirname(fileURLToPath(import.meta.url))
const mediaUrl = new URL('../../packages/media/dist/index.js', import.meta.url)
const media = await import(mediaUrl.href)
const { OpusEncoder, OpusDecoder, Vp9Encoder, Vp9Decoder, SyntheticAudioSource, SyntheticVideoSource, codecVersions } = media

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: resolve(here, '../../bench-out') },
    quick: { type: 'boolean', default: false },
    frames: { type: 'string', default: '300' },
    'lag-seconds': { type: 'string', default: '5' }
  }
})
// --quick (CI) trims the run; --out is the results directory (media.json inside).
const FRAMES = args.quick ? Math.min(60, Number(args.frames)) : Number(args.frames)
const LAG_SECONDS = args.quick ? Math.min(2, Number(args['lag-seconds'])) : Number(args['lag-seconds'])
const OUT_FILE = resolve(args.out, 'media.json')

function summary (samplesMs) {
  const s = [...samplesMs].sort((a, b) => a - b)
  const q = p => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))]
  return {
    n: s.length,
    meanMs: s.reduce((a, b) => a + b, 0) / s.length,
    p50Ms: q(0.5),
    p99Ms: q(0.99),
    maxMs: s[s.length - 1]
  }
}

const nowMs = () => Number(process.hrtime.bigint()) / 1e6

function timeSync (fn) {
  const t = nowMs()
  const r = fn()
  return [nowMs() - t, r]
}

async function benchOpus () {
  const src = new SyntheticAudioSource({ signals: [{ type: 'chirp', startHz: 100, endHz: 4000, durationMs: 2000 }, { type: 'tone', frequencyHz: 220, amplitude: 0.2 }] })
  const frames = Array.from({ length: 250 }, (_, i) => src.frame(i))
  const enc = new OpusEncoder({ bitrateBps: 32_000 })
  const dec = new OpusDecoder()
  const e = []; const d = []; const a = []
  let bytes = 0
  const n = Math.max(FRAMES, 1000)
  for (let i = 0; i < n; i++) {
    const [te, pkt] = timeSync(() => enc.encodeSync(frames[i % frames.length]))
    const [td] = timeSync(() => dec.decodeSync(pkt))
    if (i >= 20) { e.push(te); d.push(td); bytes += pkt.length }
  }
  for (let i = 0; i < 500; i++) {
    const t = nowMs()
    await dec.decode(await enc.encode(frames[i % frames.length]))
    a.push(nowMs() - t)
  }
  return { name: 'opus 20ms mono 32k', encode: summary(e), decode: summary(d), asyncRoundTrip: summary(a), kbps: bytes * 8 / (e.length * 0.02) / 1000 }
}

function videoFrames (w, h, n) {
  const src = new SyntheticVideoSource({ width: w, height: h })
  return Array.from({ length: n }, (_, i) => src.frame(i))
}

async function benchVp9 (w, h, bitrateBps, threads) {
  const frames = videoFrames(w, h, 60)
  const enc = new Vp9Encoder({ width: w, height: h, bitrateBps, threads })
  const dec = new Vp9Decoder({ threads })
  const e = []; const d = []; const a = []
  let bytes = 0
  for (let i = 0; i < FRAMES; i++) {
    const [te, pkt] = timeSync(() => enc.encodeSync(frames[i % frames.length], { ptsUs: i * 33_333 }))
    const [td] = timeSync(() => dec.decodeSync(pkt.data))
    if (i >= 5) { e.push(te); d.push(td); bytes += pkt.data.length }
  }
  for (let i = 0; i < Math.min(FRAMES, 120); i++) {
    const t = nowMs()
    const pkt = await enc.encode(frames[i % frames.length], { ptsUs: (FRAMES + i) * 33_333 })
    await dec.decode(pkt.data)
    a.push(nowMs() - t)
  }
  return { name: `vp9 ${w}x${h} ${bitrateBps / 1e6} Mbit/s threads=${threads}`, encode: summary(e), decode: summary(d), asyncRoundTrip: summary(a), kbps: bytes * 8 / (e.length / 30) / 1000 }
}

/** Encodes 720p at 30 fps for LAG_SECONDS while a histogram samples event-loop delay. */
async function lagRun (mode) {
  const w = 1280; const h = 720
  const frames = videoFrames(w, h, 30)
  let worker
  let encodeFrame
  if (mode === 'worker_threads') {
    worker = new Worker(new URL('./encode-worker.mjs', import.meta.url), { workerData: { mediaUrl: mediaUrl.href, w, h } })
    const pending = new Map()
    worker.on('message', m => { pending.get(m.id)(m); pending.delete(m.id) })
    let id = 0
    encodeFrame = (frame, ptsUs) => new Promise(res => {
      const copy = frame.data.slice()  // transferred, so the source frame stays reusable
      pending.set(++id, res)
      worker.postMessage({ id, data: copy, ptsUs }, [copy.buffer])
    })
  } else {
    const enc = new Vp9Encoder({ width: w, height: h, bitrateBps: 2_500_000 })
    encodeFrame = mode === 'main-thread sync'
      ? async (frame, ptsUs) => enc.encodeSync(frame, { ptsUs })
      : (frame, ptsUs) => enc.encode(frame, { ptsUs })
  }
  await encodeFrame(frames[0], 0)  // warm-up (keyframe)
  const hist = monitorEventLoopDelay({ resolution: 1 })
  hist.enable()
  const total = LAG_SECONDS * 30
  const start = nowMs()
  let late = 0
  for (let i = 1; i <= total; i++) {
    const due = start + i * 1000 / 30
    const wait = due - nowMs()
    if (wait > 0) await new Promise(r => setTimeout(r, wait))
    else late++
    await encodeFrame(frames[i % frames.length], i * 33_333)
  }
  hist.disable()
  await worker?.terminate()
  return {
    mode,
    lagP50Ms: hist.percentile(50) / 1e6,
    lagP99Ms: hist.percentile(99) / 1e6,
    lagMaxMs: hist.max / 1e6,
    lagMeanMs: hist.mean / 1e6,
    framesBehindSchedule: late
  }
}

const f = x => x.toFixed(3).padStart(8)
const results = { when: new Date().toISOString(), node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, versions: codecVersions(), codecs: [], eventLoopLag: [] }

results.codecs.push(await benchOpus())
results.codecs.push(await benchVp9(320, 240, 300_000, 1))
results.codecs.push(await benchVp9(640, 480, 1_000_000, 1))
results.codecs.push(await benchVp9(1280, 720, 2_500_000, 1))
results.codecs.push(await benchVp9(1280, 720, 2_500_000, 2))

console.log(`\nPer-frame codec cost (ms, one call on the calling thread; async = encode+decode through the thread pool)`)
console.log(`${'codec'.padEnd(40)} ${'enc mean'.padStart(8)} ${'enc p50'.padStart(8)} ${'enc p99'.padStart(8)} ${'dec mean'.padStart(8)} ${'dec p99'.padStart(8)} ${'async p99'.padStart(9)} ${'kbit/s'.padStart(8)}`)
for (const c of results.codecs) {
  console.log(`${c.name.padEnd(40)} ${f(c.encode.meanMs)} ${f(c.encode.p50Ms)} ${f(c.encode.p99Ms)} ${f(c.decode.meanMs)} ${f(c.decode.p99Ms)} ${f(c.asyncRoundTrip.p99Ms)} ${c.kbps.toFixed(0).padStart(8)}`)
}

for (const mode of ['main-thread sync', 'AsyncWorker (libuv pool)', 'worker_threads']) results.eventLoopLag.push(await lagRun(mode))
console.log(`\nEvent-loop lag while encoding 1280x720 @ 30 fps for ${LAG_SECONDS} s (ms)`)
console.log(`${'mode'.padEnd(28)} ${'p50'.padStart(8)} ${'p99'.padStart(8)} ${'max'.padStart(8)} ${'late frames'.padStart(12)}`)
for (const r of results.eventLoopLag) console.log(`${r.mode.padEnd(28)} ${f(r.lagP50Ms)} ${f(r.lagP99Ms)} ${f(r.lagMaxMs)} ${String(r.framesBehindSchedule).padStart(12)}`)

mkdirSync(dirname(OUT_FILE), { recursive: true })
writeFileSync(OUT_FILE, JSON.stringify(results, null, 2))
console.log(`\nwrote ${args.out}`)
