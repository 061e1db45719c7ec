// Parley ÷ libwebrtc (and single-stream ÷ libwebrtc) per scenario and metric. Shared by
// the JSON and the report so both show the same numbers.
export const BASELINE = 'libwebrtc'

/** [key, label, unit, value(run)]: the metrics of the report's table, in its order. */
export const METRICS = [
  ['audioP50', 'audio p50', 'ms', r => r.audio?.latencyMs.p50],
  ['audioP95', 'audio p95', 'ms', r => r.audio?.latencyMs.p95],
  ['audioP99', 'audio p99', 'ms', r => r.audio?.latencyMs.p99],
  ['audioLoss', 'audio lost', '%', r => r.audio?.lossPercent],
  ['videoP50', 'video p50', 'ms', r => r.video?.latencyMs.p50],
  ['videoP95', 'video p95', 'ms', r => r.video?.latencyMs.p95],
  ['videoP99', 'video p99', 'ms', r => r.video?.latencyMs.p99],
  ['videoLoss', 'video not shown', '%', r => r.video?.lossPercent],
  ['videoMaxGap', 'longest freeze', 'ms', r => r.video?.maxGapMs],
  ['bitrate', 'bitrate', 'kbit/s', r => r.bitrate?.totalBps == null ? null : r.bitrate.totalBps / 1000],
  ['cpuSender', 'CPU sender', '%', r => r.endpoints?.sender?.cpuPercent],
  ['cpuReceiver', 'CPU receiver', '%', r => r.endpoints?.receiver?.cpuPercent],
  ['rssSender', 'RSS sender', 'MiB', r => r.endpoints?.sender?.rssMiB],
  ['rssReceiver', 'RSS receiver', 'MiB', r => r.endpoints?.receiver?.rssMiB]
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
