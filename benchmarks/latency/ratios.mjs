// Parley ÷ libwebrtc (and single-stream ÷ libwebrtc) per scenario and metric. Shared by
// the JSON and the report so both show the same numbers.
export const BASELINE = 'libwebrtc'

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

export function ratio (a, b) {
  return typeof a === 'number' && typeof b === 'number' && b > 0 ? Math.round(a / b * 100) / 100 : null
}

/** { [scenario]: { [system]: { [metric]: system ÷ libwebrtc | null } } } */
export function ratiosVsBaseline (runs) {
  const out = {}
  for (const scenario of [...new Set(runs.map(r => r.scenario))]) {
    const base = runs.find(r => r.scenario === scenario && r.system === BASELINE)
    out[scenario] = {}
    for (const r of runs.filter(x => x.scenario === scenario && x.system !== BASELINE)) {
      out[scenario][r.system] = Object.fromEntries(METRICS.map(([key, , , f]) => [key, ok(r) && ok(base) ? ratio(f(r), f(base)) : null]))
    }
  }
  return out
}
