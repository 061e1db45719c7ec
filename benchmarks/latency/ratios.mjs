// Per scenario, system and metric: median and min–max over the repeats, and each system ÷
// its baseline of the medians (Parley and single-stream ÷ libwebrtc, Parley's GUI ÷ the same
// browsers on WebRTC), with whether the difference is outside the run-to-run spread. Shared
// by the JSON and the report so both show the same numbers.
export const BASELINE = 'libwebrtc'

/**
 * Systems measured between the same two points, each group with its baseline: glass to glass
 * in the browsers (the `gui` systems: page capture → page drawing/playback), and engine to
 * engine (encoder input → decoder output). Numbers are compared within a group only.
 */
export const GROUPS = [
  { name: 'browser to browser', baseline: 'gui-webrtc', systems: ['gui-parley', 'gui-webrtc'] },
  { name: 'engine to engine', baseline: BASELINE, systems: ['parley', 'parley-single-stream', 'libwebrtc'] }
]

/** The system a system's ratios are taken against (null for a baseline itself or an unknown system). */
export function baselineOf (system) {
  const g = GROUPS.find(x => x.systems.includes(system))
  return g == null || g.baseline === system ? null : g.baseline
}

/**
 * [key, label, unit, value(run), better]: the metrics of the report's table, in its order.
 * better: which way is good ('lower' | 'higher'), null where neither is (bitrate).
 */
export const METRICS = [
  ['audioP50', 'audio p50', 'ms', r => r.audio?.latencyMs.p50, 'lower'],
  ['audioP95', 'audio p95', 'ms', r => r.audio?.latencyMs.p95, 'lower'],
  ['audioP99', 'audio p99', 'ms', r => r.audio?.latencyMs.p99, 'lower'],
  ['audioLoss', 'audio lost', '%', r => r.audio?.lossPercent, 'lower'],
  ['audioSimilarity', 'audio similarity', 'mean r', r => r.audio?.similarity?.mean, 'higher'],
  ['audioSimilarityP5', 'audio similarity', 'p5 r', r => r.audio?.similarity?.p5, 'higher'],
  ['audioConcealed', 'audio concealed', 'ms', r => r.audio?.concealment?.concealedMs, 'lower'],
  ['audioStretched', 'audio stretched', 'ms', r => r.audio?.concealment?.stretchedMs, 'lower'],
  ['videoP50', 'video p50', 'ms', r => r.video?.latencyMs.p50, 'lower'],
  ['videoP95', 'video p95', 'ms', r => r.video?.latencyMs.p95, 'lower'],
  ['videoP99', 'video p99', 'ms', r => r.video?.latencyMs.p99, 'lower'],
  ['videoLoss', 'video not shown', '%', r => r.video?.lossPercent, 'lower'],
  ['videoMaxGap', 'longest freeze', 'ms', r => r.video?.maxGapMs, 'lower'],
  ['psnrMean', 'PSNR Y', 'mean dB', r => r.video?.quality?.meanPsnrDb, 'higher'],
  ['psnrP5', 'PSNR Y', 'p5 dB', r => r.video?.quality?.p5PsnrDb, 'higher'],
  ['psnrLow', 'PSNR < 30 dB', '% frames', r => r.video?.quality?.belowLowShare == null ? null : r.video.quality.belowLowShare * 100, 'lower'],
  ['ssimMean', 'SSIM Y', 'mean', r => r.video?.quality?.meanSsim, 'higher'],
  ['bitrate', 'bitrate', 'kbit/s', r => r.bitrate?.totalBps == null ? null : r.bitrate.totalBps / 1000, null],
  ['cpuSender', 'CPU sender', '%', r => r.endpoints?.sender?.cpuPercent, 'lower'],
  ['cpuReceiver', 'CPU receiver', '%', r => r.endpoints?.receiver?.cpuPercent, 'lower'],
  ['rssSender', 'RSS sender', 'MiB', r => r.endpoints?.sender?.rssMiB, 'lower'],
  ['rssReceiver', 'RSS receiver', 'MiB', r => r.endpoints?.receiver?.rssMiB, 'lower']
]

const ok = r => r != null && r.error == null && r.skipped == null
const isNum = v => typeof v === 'number' && Number.isFinite(v)

export function ratio (a, b) {
  return typeof a === 'number' && typeof b === 'number' && b > 0 ? Math.round(a / b * 100) / 100 : null
}

/** { median, min, max, n } of one metric over a system's repeats (failed runs and missing values left out). */
export function spread (runs, f) {
  const v = runs.filter(ok).map(f).filter(isNum).sort((a, b) => a - b)
  if (v.length === 0) return { median: null, min: null, max: null, n: 0 }
  const mid = v.length >> 1
  const median = v.length % 2 === 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2
  return { median, min: v[0], max: v.at(-1), n: v.length }
}

/** { [scenario]: { [system]: { [metric]: spread } } }: what the table shows. */
export function summarize (runs) {
  const out = {}
  for (const scenario of [...new Set(runs.map(r => r.scenario))]) {
    out[scenario] = {}
    for (const system of [...new Set(runs.filter(r => r.scenario === scenario).map(r => r.system))]) {
      const rs = runs.filter(r => r.scenario === scenario && r.system === system)
      out[scenario][system] = Object.fromEntries(METRICS.map(([key, , , f]) => [key, spread(rs, f)]))
    }
  }
  return out
}

/**
 * A difference is real when the two systems' min–max ranges over their repeats do not
 * overlap; with fewer than 2 runs on either side there is no range: null (unknown).
 */
export function separated (a, b) {
  if (a.n < 2 || b.n < 2) return null
  return a.max < b.min || b.max < a.min
}

/**
 * { [scenario]: { [system]: { [metric]: { ratio: median ÷ its baseline's median, real } | null } } }
 * (baselineOf: libwebrtc for the engines, gui-webrtc for gui-parley; baselines themselves left out)
 * @param {ReturnType<typeof summarize>} summary
 */
export function ratiosVsBaseline (summary) {
  const out = {}
  for (const [scenario, bySystem] of Object.entries(summary)) {
    out[scenario] = {}
    for (const [system, metrics] of Object.entries(bySystem)) {
      const baseline = baselineOf(system)
      if (baseline == null) continue
      const base = bySystem[baseline]
      out[scenario][system] = Object.fromEntries(METRICS.map(([key]) => {
        const a = metrics[key]
        const b = base?.[key]
        const r = b == null ? null : ratio(a.median, b.median)
        return [key, r == null ? null : { ratio: r, real: separated(a, b) }]
      }))
    }
  }
  return out
}
