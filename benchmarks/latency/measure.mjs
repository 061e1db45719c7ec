// Pure: turns a system's sent/received content records into per-frame glass-to-glass
// latencies, loss, bitrate and series for the report. No engine sequence numbers involved:
// received ids are the (modular) content codes, unwrapped against what was sent.
import { quantile } from '../lib/stats.mjs'
import { AUDIO_ID_MODULUS, MARKER_PERIOD_MS, VIDEO_ID_MODULUS } from './content.mjs'
import { summarizeAudioSimilarity, summarizeVideoQuality } from './quality.mjs'

/** Frames sent in the last second may still be in flight when the run stops: not counted. */
export const TAIL_MS = 1000
/** Audio ids repeat every 8 markers: a receipt matches only a marker sent less than this before. */
export const AUDIO_MATCH_WINDOW_MS = AUDIO_ID_MODULUS * MARKER_PERIOD_MS
/** Video ids repeat every 4096 frames (136 s at 30 fps). */
export const VIDEO_MATCH_WINDOW_MS = 60_000

/**
 * Each receipt → the latest sent record with the same id (mod modulus) sent at or before
 * it and at most windowMs earlier. A sent record matched again is a duplicate (kept out).
 * @param {{ id: number, atMs: number }[]} sent full ids
 * @param {{ id: number, atMs: number }[]} received modular ids
 * @returns {{ matched: Array<{ id: number, sentAtMs: number, atMs: number, latencyMs: number, width?: number, height?: number }>, unmatched: number, duplicates: number }}
 */
export function matchByContent (sent, received, modulus, windowMs) {
  /** @type {Map<number, { id: number, atMs: number }[]>} */
  const byCode = new Map()
  for (const s of [...sent].sort((a, b) => a.atMs - b.atMs)) {
    const k = s.id % modulus
    if (!byCode.has(k)) byCode.set(k, [])
    byCode.get(k).push(s)
  }
  const seen = new Set()
  const matched = []
  let unmatched = 0
  let duplicates = 0
  for (const r of [...received].sort((a, b) => a.atMs - b.atMs)) {
    const list = byCode.get(r.id % modulus) ?? []
    // binary search: last sent with atMs <= r.atMs
    let lo = 0
    let hi = list.length - 1
    let best = -1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (list[mid].atMs <= r.atMs) { best = mid; lo = mid + 1 } else hi = mid - 1
    }
    const s = list[best]
    if (s === undefined || r.atMs - s.atMs > windowMs) { unmatched++; continue }
    if (seen.has(s.id)) { duplicates++; continue }
    seen.add(s.id)
    // the receiver's extra per-frame fields (size, quality scores) travel with the match
    const { id: _id, atMs: _at, ...extra } = r
    const m = { ...extra, id: s.id, sentAtMs: s.atMs, atMs: r.atMs, latencyMs: r.atMs - s.atMs }
    matched.push(m)
  }
  return { matched, unmatched, duplicates }
}

export function latencySummary (values) {
  if (values.length === 0) return { n: 0, mean: null, p50: null, p95: null, p99: null, max: null }
  const r = x => Math.round(x * 10) / 10
  return {
    n: values.length,
    mean: r(values.reduce((a, b) => a + b, 0) / values.length),
    p50: r(quantile(values, 0.5)),
    p95: r(quantile(values, 0.95)),
    p99: r(quantile(values, 0.99)),
    max: r(Math.max(...values))
  }
}

function measureKind (sent, received, modulus, windowMs, t0, from, to) {
  const { matched, unmatched, duplicates } = matchByContent(sent, received, modulus, windowMs)
  const inWindow = s => s.atMs >= from && s.atMs <= to
  const counted = sent.filter(inWindow)
  const got = matched.filter(m => m.sentAtMs >= from && m.sentAtMs <= to)
  const lat = got.map(m => m.latencyMs)
  const lost = counted.length - got.length
  return {
    latencyMs: latencySummary(lat),
    sent: counted.length,
    received: got.length,
    lost,
    lossPercent: counted.length > 0 ? Math.round(lost / counted.length * 1000) / 10 : null,
    unmatchedReceipts: unmatched,
    duplicateReceipts: duplicates,
    /** [sent time since the first frame (ms), latency (ms)] per received frame */
    series: got.map(m => [Math.round(m.sentAtMs - t0), Math.round(m.latencyMs * 10) / 10]),
    got
  }
}

/**
 * @param {import('./systems/types.mjs').SystemResult} result
 * @param {{ warmupMs: number, tailMs?: number }} options
 */
export function measure (result, { warmupMs, tailMs = TAIL_MS }) {
  const firsts = [result.video.sent[0]?.atMs, result.audio.sent[0]?.atMs].filter(x => x != null)
  const lasts = [result.video.sent.at(-1)?.atMs, result.audio.sent.at(-1)?.atMs].filter(x => x != null)
  if (firsts.length === 0) throw new Error(`${result.system}: nothing was sent`)
  const t0 = Math.min(...firsts)
  const from = t0 + warmupMs
  const to = Math.max(...lasts) - tailMs
  const video = measureKind(result.video.sent, result.video.received, VIDEO_ID_MODULUS, VIDEO_MATCH_WINDOW_MS, t0, from, to)
  const audio = measureKind(result.audio.sent, result.audio.received, AUDIO_ID_MODULUS, AUDIO_MATCH_WINDOW_MS, t0, from, to)

  // longest stretch without a new picture, among frames of the measured window
  let maxGapMs = null
  for (let i = 1; i < video.got.length; i++) maxGapMs = Math.max(maxGapMs ?? 0, video.got[i].atMs - video.got[i - 1].atMs)
  const sizes = {}
  for (const m of video.got) sizes[`${m.width}x${m.height}`] = (sizes[`${m.width}x${m.height}`] ?? 0) + 1
  const quality = summarizeVideoQuality(video.got)
  /** [shown time since the first frame (ms), PSNR dB, SSIM] per scored frame */
  const qualitySeries = video.got.filter(m => typeof m.psnrDb === 'number').map(m => [Math.round(m.atMs - t0), m.psnrDb, m.ssim])
  const similarity = summarizeAudioSimilarity(audio.got)
  const windowS = (to - from) / 1000

  const tl = (result.timeline ?? []).filter(p => p.tMs >= warmupMs && p.tMs <= to - t0)
  const mean = xs => xs.length > 0 ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : null
  const videoBps = mean(tl.map(p => p.videoBps).filter(Number.isFinite))
  const audioBps = mean(tl.map(p => p.audioBps).filter(Number.isFinite))
  delete video.got
  delete audio.got
  return {
    window: { fromMs: warmupMs, toMs: Math.round(to - t0), seconds: Math.round(windowS * 10) / 10 },
    video: { ...video, fps: windowS > 0 ? Math.round(video.received / windowS * 10) / 10 : null, maxGapMs: maxGapMs === null ? null : Math.round(maxGapMs), sizes, quality, qualitySeries, resolution: resolutionSteps(result.video.received, t0) },
    audio: { ...audio, concealedFrames: result.audio.concealedFrames ?? null, concealment: result.audio.concealment ?? null, similarity },
    bitrate: { videoBps, audioBps, totalBps: videoBps == null && audioBps == null ? null : (videoBps ?? 0) + (audioBps ?? 0) },
    timeline: result.timeline ?? []
  }
}

/**
 * Received picture size over time: [shown time since the first frame (ms), width, height]
 * at the first frame and at every change, over every readable frame (not just the window).
 */
export function resolutionSteps (received, t0) {
  const out = []
  for (const r of [...received].sort((a, b) => a.atMs - b.atMs)) {
    const last = out.at(-1)
    if (last === undefined || last[1] !== r.width || last[2] !== r.height) out.push([Math.round(r.atMs - t0), r.width, r.height])
  }
  return out
}
