// CI gate for `npm run bench -- --quick --out <dir>`: exits non-zero unless latency.json
// has numbers for the three engine systems in every scenario that ran, and for the two
// browser-to-browser (`gui`) systems in every scenario where they ran and in at least one,
// in every repeat: latency, loss, bitrate, CPU/RSS, and the quality figures (PSNR, SSIM,
// audio similarity). It checks that numbers exist, never how good they are.
//   node benchmarks/latency/check.mjs <dir>
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const REQUIRED_SYSTEMS = ['parley', 'parley-single-stream', 'libwebrtc']
/** --quick runs these in one scenario only (run.mjs GUI_QUICK_SCENARIOS): required where they ran, and somewhere. */
const GUI_SYSTEMS = ['gui-parley', 'gui-webrtc']
const dir = process.argv[2]
if (dir == null) { process.stderr.write('usage: node benchmarks/latency/check.mjs <dir>\n'); process.exit(2) }

const problems = []
const file = join(dir, 'latency.json')
const report = join(dir, 'latency-report.html')
if (!existsSync(file)) problems.push(`${file} is missing`)
if (!existsSync(report)) problems.push(`${report} is missing`)
const data = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { runs: [] }
const isNum = v => typeof v === 'number' && Number.isFinite(v)
const scenarios = [...new Set(data.runs.map(r => r.scenario))]
if (scenarios.length === 0) problems.push('no scenario ran')
if (data.machine == null) problems.push('machine info missing')
for (const scenario of scenarios) {
  for (const system of REQUIRED_SYSTEMS) {
    const at = `${scenario} · ${system}`
    const rs = data.runs.filter(x => x.scenario === scenario && x.system === system)
    if (rs.length === 0) problems.push(`${at}: not run`)
    for (const r of rs) checkRun(r, rs.length > 1 ? `${at} · run ${r.repeat}` : at)
  }
  // the gui systems: both or neither in a scenario (a ratio needs its baseline)
  const guiHere = GUI_SYSTEMS.filter(s => data.runs.some(x => x.scenario === scenario && x.system === s))
  for (const system of guiHere.length > 0 ? GUI_SYSTEMS : []) {
    const at = `${scenario} · ${system}`
    const rs = data.runs.filter(x => x.scenario === scenario && x.system === system)
    if (rs.length === 0) problems.push(`${at}: not run (its partner ${guiHere[0]} was)`)
    for (const r of rs) checkRun(r, rs.length > 1 ? `${at} · run ${r.repeat}` : at)
  }
}
for (const system of GUI_SYSTEMS) if (scenarios.length > 0 && !data.runs.some(x => x.system === system)) problems.push(`${system}: not run in any scenario`)

function checkRun (r, at) {
  if (r.skipped != null) { problems.push(`${at}: skipped (${r.skipped})`); return }
  if (r.error != null) { problems.push(`${at}: failed (${r.error})`); return }
  for (const kind of ['audio', 'video']) {
    if (!(r[kind]?.received > 0)) problems.push(`${at}: no ${kind} frames received`)
    for (const q of ['p50', 'p95', 'p99']) if (!isNum(r[kind]?.latencyMs?.[q])) problems.push(`${at}: ${kind} ${q} is not a number`)
    if (!isNum(r[kind]?.lossPercent)) problems.push(`${at}: ${kind} loss is not a number`)
  }
  if (!isNum(r.bitrate?.totalBps)) problems.push(`${at}: no bitrate`)
  for (const q of ['meanPsnrDb', 'p5PsnrDb', 'belowLowShare', 'meanSsim']) if (!isNum(r.video?.quality?.[q])) problems.push(`${at}: video quality ${q} is not a number`)
  if (!isNum(r.audio?.similarity?.mean)) problems.push(`${at}: audio similarity is not a number`)
  for (const side of ['sender', 'receiver']) {
    if (!isNum(r.endpoints?.[side]?.cpuPercent) || !isNum(r.endpoints?.[side]?.rssMiB)) problems.push(`${at}: no CPU/RSS for the ${side}`)
  }
  if (r.path?.viaRelay !== true) problems.push(`${at}: media not shown to have gone through the relay`)
}
if (problems.length > 0) {
  process.stderr.write(`latency check FAILED (${problems.length}):\n${problems.map(p => `  - ${p}`).join('\n')}\n`)
  process.exit(1)
}
process.stdout.write(`latency check ok: ${scenarios.length} scenario(s) × ${REQUIRED_SYSTEMS.length} engine systems, and ${GUI_SYSTEMS.join(' and ')} in ${scenarios.filter(sc => data.runs.some(x => x.scenario === sc && x.system === GUI_SYSTEMS[0])).join(', ')}, have numbers\n`)
