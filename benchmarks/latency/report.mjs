// The HTML report: one self-contained file (inline CSS and SVG, no script, no external
// URL). At the top, who wins what per scenario; per scenario: the table (medians and
// min–max over the repeats, Parley ÷ libwebrtc and single-stream ÷ libwebrtc), latency
// CDFs, latency, bitrate, quality and received resolution over time.
import { quantile } from '../lib/stats.mjs'
import { GROUPS, METRICS, baselineOf, summarize } from './ratios.mjs'
import { cdfPoints, esc, plot } from './svg-plot.mjs'
import { winners } from './winners.mjs'

export const COLORS = { parley: '#1f6fd1', 'parley-single-stream': '#e07b00', libwebrtc: '#2a9d3a', 'gui-parley': '#6a3fc1', 'gui-webrtc': '#0f8f8f' }
const color = s => COLORS[s] ?? '#777'
const ok = r => r.error == null && r.skipped == null

const CSS = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #222; max-width: 1200px }
h1 { font-size: 22px } h2 { font-size: 18px; margin-top: 36px; border-bottom: 1px solid #ccc }
table { border-collapse: collapse; margin: 8px 0 12px } td, th { padding: 3px 8px; border: 1px solid #ddd; text-align: right }
th { background: #f3f3f3 } td:first-child, th:first-child { text-align: left }
tr.ratio td { color: #555; font-style: italic } .bad { color: #b00 } .muted { color: #777 }
.plots { display: grid; grid-template-columns: repeat(2, 560px); gap: 8px }
svg { background: #fff; border: 1px solid #e5e5e5 }
svg .t { font: bold 13px system-ui, sans-serif } svg .n { font: 11px system-ui, sans-serif; fill: #666 }
svg .k { font: 11px system-ui, sans-serif; fill: #444 } svg .a { font: 12px system-ui, sans-serif; fill: #222 }
svg .l { font: 12px system-ui, sans-serif } svg .g { stroke: #eee } svg .f { fill: none; stroke: #999 }
code { background: #f4f4f4; padding: 0 3px } .wide { overflow-x: auto }
`

const num = (v, d = 1) => typeof v === 'number' && Number.isFinite(v) ? v.toFixed(d) : '–'
/**
 * Red: more than 10 % worse than libwebrtc in the metric's own direction; bold: outside
 * the run-to-run spread (min–max ranges apart); ≈ and grey: inside it.
 */
function ratioCell (cell, better) {
  if (cell == null) return '<td class="muted">–</td>'
  const v = cell.ratio
  const worse = (better === 'lower' && v > 1.1) || (better === 'higher' && v < 1 / 1.1)
  if (cell.real === false) return `<td class="muted" title="min–max ranges overlap: not a real difference">≈×${v.toFixed(2)}</td>`
  const text = cell.real === true ? `<b>×${v.toFixed(2)}</b>` : `×${v.toFixed(2)}`
  return `<td${worse ? ' class="bad"' : ''}>${text}</td>`
}
/** Digits per unit: whole ms, kbit/s; correlation and SSIM need more. */
const digits = unit => unit === 'ms' || unit === 'kbit/s' ? 0 : unit === 'mean' || unit.endsWith(' r') ? 3 : 1

/** x/y upper bound for latency axes: the largest p99 (tails beyond are pinned to the edge). */
function latencyCap (runs, kinds) {
  const p = runs.flatMap(r => kinds.map(k => r[k].latencyMs.p99)).filter(Number.isFinite)
  const all = runs.flatMap(r => kinds.map(k => r[k].latencyMs.max)).filter(Number.isFinite)
  const cap = p.length > 0 ? Math.max(...p) * 1.25 : 100
  return { cap: Math.max(20, cap), clipped: all.some(v => v > cap) }
}

/**
 * One run per system for the plots: with repeats, the one whose video p50 is nearest the
 * median of that system's runs (plots of every repeat would hide each other).
 */
function representatives (runs) {
  const out = []
  for (const system of [...new Set(runs.map(r => r.system))]) {
    const rs = runs.filter(r => r.system === system && ok(r))
    if (rs.length === 0) continue
    const mid = quantile(rs.map(r => r.video.latencyMs.p50 ?? 0), 0.5)
    out.push(rs.reduce((a, b) => Math.abs((b.video.latencyMs.p50 ?? 0) - mid) < Math.abs((a.video.latencyMs.p50 ?? 0) - mid) ? b : a))
  }
  return out
}

function scenarioPlots (runs) {
  const good = representatives(runs)
  if (good.length === 0) return '<p class="muted">No successful run, nothing to plot.</p>'
  const out = []
  for (const kind of ['audio', 'video']) {
    const { cap, clipped } = latencyCap(good, [kind])
    out.push(plot({
      title: `${kind === 'audio' ? 'Audio' : 'Video'} latency CDF (glass to glass, per ${kind === 'audio' ? 'marker' : 'frame'})`,
      note: clipped ? `x axis ends at 1.25 × the largest p99 (${cap.toFixed(0)} ms); slower frames sit on the right edge` : '',
      xLabel: 'latency (ms)', yLabel: 'fraction of frames', x: [0, cap], y: [0, 1],
      series: good.map(r => ({ label: `${r.system} (p50 ${num(r[kind].latencyMs.p50, 0)} ms)`, color: color(r.system), kind: 'step', points: cdfPoints(r[kind].series.map(p => p[1])) }))
    }))
  }
  const tMax = Math.max(...good.map(r => r.window.toMs + 1000))
  const { cap, clipped } = latencyCap(good, ['audio', 'video'])
  out.push(plot({
    title: 'Latency over time (line: video frames, dots: audio markers)',
    note: clipped ? `y axis ends at ${cap.toFixed(0)} ms; slower frames sit on the top edge` : '',
    xLabel: 'send time (s since the first frame)', yLabel: 'latency (ms)', x: [0, tMax / 1000], y: [0, cap],
    series: good.flatMap(r => [
      { label: `${r.system} video`, color: color(r.system), kind: 'line', points: r.video.series.map(([t, l]) => [t / 1000, l]) },
      { label: '', color: color(r.system), kind: 'dots', points: r.audio.series.map(([t, l]) => [t / 1000, l]) }
    ])
  }))
  const bps = good.flatMap(r => r.timeline.filter(p => p.tMs <= tMax).map(p => ((p.videoBps ?? 0) + (p.audioBps ?? 0)) / 1000))
  const yMax = bps.length > 0 ? Math.max(100, quantile(bps, 0.99) * 1.15) : 1000
  out.push(plot({
    title: 'Received bitrate over time (audio + video payload, 500 ms bins)',
    xLabel: 'time (s since the first frame)', yLabel: 'kbit/s', x: [0, tMax / 1000], y: [0, yMax],
    series: good.map(r => ({ label: `${r.system} (mean ${num(r.bitrate.totalBps / 1000, 0)})`, color: color(r.system), kind: 'line', points: r.timeline.filter(p => p.tMs <= tMax).map(p => [p.tMs / 1000, ((p.videoBps ?? 0) + (p.audioBps ?? 0)) / 1000]) }))
  }))
  const psnrs = good.flatMap(r => (r.video.qualitySeries ?? []).map(p => p[1]))
  const yLo = psnrs.length > 0 ? Math.max(0, Math.floor(quantile(psnrs, 0.01) / 5) * 5 - 5) : 20
  out.push(plot({
    title: 'Picture quality over time (luma PSNR per scored frame)',
    note: 'identical pictures are capped at 100 dB; SSIM per frame is in latency.json (video.qualitySeries)',
    xLabel: 'shown time (s since the first frame)', yLabel: 'PSNR (dB)', x: [0, tMax / 1000], y: [yLo, Math.max(yLo + 10, Math.min(100, Math.max(0, ...psnrs) + 2))],
    series: good.map(r => ({ label: `${r.system} (mean ${num(r.video.quality?.meanPsnrDb)} dB, SSIM ${num(r.video.quality?.meanSsim, 3)})`, color: color(r.system), kind: 'line', points: (r.video.qualitySeries ?? []).map(([t, p]) => [t / 1000, p]) }))
  }))
  const heights = good.flatMap(r => (r.video.resolution ?? []).map(p => p[2]))
  out.push(plot({
    title: 'Received picture size over time (height; legend: sizes seen)',
    xLabel: 'shown time (s since the first frame)', yLabel: 'picture height (px)', x: [0, tMax / 1000], y: [0, Math.max(100, ...heights) * 1.1],
    series: good.map(r => {
      const steps = r.video.resolution ?? []
      const sizes = [...new Set(steps.map(([, w, h]) => `${w}×${h}`))].join(' → ')
      return { label: `${r.system} (${sizes || 'none'})`, color: color(r.system), kind: 'step', points: steps.length > 0 ? [...steps.map(([t, , h]) => [t / 1000, h]), [tMax / 1000, steps.at(-1)[2]]] : [] }
    })
  }))
  return `<div class="plots">${out.join('')}</div>`
}

function scenarioTable (scenario, runs, summary, ratios) {
  const head = `<tr><th>system</th>${METRICS.map(([, label, unit]) => `<th>${esc(label)}<br><span class="muted">${esc(unit)}</span></th>`).join('')}</tr>`
  const rows = [...new Set(runs.map(r => r.system))].map(system => {
    const bad = runs.filter(r => r.system === system && !ok(r))
    const note = bad.map(r => `<tr><td>${esc(system)}${r.repeat > 1 ? ` run ${r.repeat}` : ''}</td>${failedCell(r, METRICS.length)}</tr>`).join('')
    const sm = summary[scenario]?.[system]
    if (sm == null || bad.length === runs.filter(r => r.system === system).length) return note
    const cell = (sp, unit) => sp.n > 1 ? `<td>${num(sp.median, digits(unit))}<br><span class="muted">${num(sp.min, digits(unit))}–${num(sp.max, digits(unit))}</span></td>` : `<td>${num(sp.median, digits(unit))}</td>`
    return `<tr><td style="color:${color(system)}"><b>${esc(system)}</b></td>${METRICS.map(([key, , unit]) => cell(sm[key], unit)).join('')}</tr>${note}`
  })
  const ratioRows = Object.entries(ratios[scenario] ?? {}).map(([system, rs]) =>
    `<tr class="ratio"><td>${esc(system)} ÷ ${esc(baselineOf(system) ?? '')}</td>${METRICS.map(([key, , , , better]) => ratioCell(rs[key], better)).join('')}</tr>`)
  return `<div class="wide"><table>${head}${rows.join('')}${ratioRows.join('')}</table></div>`
}

function stagesTable (runs) {
  const stageKeys = ['encodeMs', 'sendQueueMs', 'networkMs', 'jitterBufferMs', 'decodeMs']
  const rows = runs.filter(ok).flatMap(r => ['audio', 'video'].map(kind => {
    const s = r.stages?.[kind]
    return `<tr><td>${esc(r.system)} ${kind}</td>${stageKeys.map(k => `<td>${num(s?.[k], 1)}</td>`).join('')}</tr>`
  }))
  return `<details><summary>Per-stage breakdown (medians the engines report; – = not exposed)</summary><table><tr><th>system</th>${stageKeys.map(k => `<th>${k.replace('Ms', '')} ms</th>`).join('')}</tr>${rows.join('')}</table></details>`
}

/** A source handing frames over this late (ms, p99) means the machine was busy, not the engine slow. */
const LOADED_LATE_P99_MS = 20

function detailsList (runs) {
  const several = runs.some(x => x.repeat > 1)
  return `<ul>${runs.filter(ok).map(r => {
    const q = r.extra?.quality
    const scoring = q == null ? '' : `; quality: ${q.scored} frames scored (every ${q.everyN}${q.overBudget > 0 ? `, ${q.overBudget} over the memory budget` : ''}) in ${num(q.computeMs / 1000)} s`
    const conceal = r.audio.concealment == null ? '' : `; concealed ${num(r.audio.concealment.concealedMs, 0)} ms, stretched ${num(r.audio.concealment.stretchedMs, 0)} ms`
    const pacing = r.extra?.sourcePacing
    const loaded = pacing?.lateP99Ms > LOADED_LATE_P99_MS ? ` <span class="bad">source handed frames over late (p99 ${num(pacing.lateP99Ms)} ms, max ${num(pacing.lateMaxMs)} ms): the machine was loaded, latencies are inflated</span>` : ''
    const sizes = Object.entries(r.video.sizes).sort((a, b) => b[1] - a[1]).map(([s, n]) => `${s} ×${n}`).join(', ')
    const rl = r.relay
    return `<li><b>${esc(r.system)}</b>${several ? ` run ${r.repeat}` : ''}: video ${r.video.received}/${r.video.sent} frames shown (${num(r.video.fps)} fps; sizes ${esc(sizes)}), audio markers ${r.audio.received}/${r.audio.sent}, concealed 20 ms frames ${r.audio.concealedFrames ?? '–'}; relay A→B ${rl.upstream.packetsIn} pkts (${rl.upstream.droppedLoss} lost, ${rl.upstream.droppedQueue} queue drops), B→A ${rl.downstream.packetsIn} pkts${conceal}${scoring}; wall ${num(r.wallS)} s${loaded}</li>`
  }).join('')}</ul>`
}

/**
 * Per scenario, the winner of each headline category and its margin over the runner-up,
 * one table per group of systems measured between the same two points (browser to browser
 * first: what a user lives with); scenarios where the group did not run are left out.
 */
function winnersTables (summary) {
  return GROUPS.map(group => {
    const byScenario = Object.entries(winners(summary, group.systems))
      .filter(([scenario]) => group.systems.some(s => summary[scenario]?.[s] != null))
    if (byScenario.length === 0) return ''
    const cats = byScenario[0][1]
    const cell = w => {
      if (w.winner == null) return '<td class="muted">–</td>'
      const d = digits(w.unit)
      const unit = w.unit === 'mean' ? '' : ` ${w.unit.replace(/^(mean|p5) /, '')}`
      const spread = w.real === false ? ', within the run-to-run spread' : w.real === true ? ', outside the spread' : ''
      const margin = w.runnerUp == null ? '' : `<br><span class="muted">by ${num(w.margin, d)}${unit} over ${esc(w.runnerUp)} (${num(w.runnerUpValue, d)})${spread}</span>`
      return `<td style="text-align:left"><b style="color:${color(w.winner)}">${esc(w.winner)}</b> ${num(w.value, d)}${unit}${margin}</td>`
    }
    return `<h3>${esc(group.name)} (${group.systems.map(esc).join(', ')})</h3><table><tr><th>scenario</th>${cats.map(c => `<th>${esc(c.category)}</th>`).join('')}</tr>${
      byScenario.map(([scenario, ws]) => `<tr><td>${esc(scenario)}</td>${ws.map(cell).join('')}</tr>`).join('')}</table>`
  }).join('')
}

const failedCell = (r, span) => `<td colspan="${span}" class="bad" style="text-align:left">${esc(r.skipped ? `skipped: ${r.skipped}` : `failed: ${r.error}`)}</td>`

/** Every run, one line each (the table above shows medians). */
function runsTable (runs) {
  const row = r => `<tr><td>${esc(r.scenario)}</td><td style="color:${color(r.system)};text-align:left">${esc(r.system)}</td><td>${r.repeat ?? 1}</td>${ok(r)
    ? `<td>${num(r.audio.latencyMs.p50, 0)} / ${num(r.audio.latencyMs.p95, 0)} / ${num(r.audio.latencyMs.p99, 0)}</td><td>${num(r.video.latencyMs.p50, 0)} / ${num(r.video.latencyMs.p95, 0)} / ${num(r.video.latencyMs.p99, 0)}</td><td>${num(r.audio.lossPercent)}</td><td>${num(r.video.lossPercent)}</td><td>${num(r.video.quality?.meanPsnrDb)} / ${num(r.video.quality?.meanSsim, 3)}</td><td>${num(r.bitrate.totalBps / 1000, 0)}</td>`
    : failedCell(r, 6)}</tr>`
  return `<details><summary>Every run</summary><table><tr><th>scenario</th><th>system</th><th>run</th><th>audio p50 / p95 / p99 ms</th><th>video p50 / p95 / p99 ms</th><th>audio lost %</th><th>video not shown %</th><th>PSNR dB / SSIM</th><th>kbit/s</th></tr>${runs.map(row).join('')}</table></details>`
}

/** @param {any} result the latency.json object */
export function renderReport (result) {
  const { runs, machine, config } = result
  const summary = result.summary ?? summarize(runs)
  const ratios = result.ratios
  const scenarios = [...new Set(runs.map(r => r.scenario))]
  const repeats = config.repeats ?? 1
  const sections = scenarios.map(name => {
    const sc = config.scenarios.find(s => s.name === name)
    const rs = runs.filter(r => r.scenario === name)
    const cells = repeats > 1 ? ' Cells: median, min–max below; plots: the run nearest each system\'s median video p50.' : ''
    return `<h2>${esc(name)}</h2><p>${esc(sc?.description ?? '')} — seed ${sc?.seed}, ${num((rs[0]?.durationMs ?? 0) / 1000, 0)} s of media per run, ${repeats} run(s) per system, first ${config.warmupMs / 1000} s and last second not counted.${cells}</p>
${scenarioTable(name, rs, summary, ratios)}${scenarioPlots(rs)}${stagesTable(rs)}${detailsList(rs)}`
  })
  const spreadNote = repeats > 1 ? '“Within the run-to-run spread”: the two systems\' min–max ranges overlap, not a real difference.' : 'One run per system: no spread to judge a margin by (use --repeat).'
  return `<!doctype html><html><head><meta charset="utf-8"><title>Parley frame latency</title><style>${CSS}</style></head><body>
<h1>Frame latency, glass to glass: Parley vs libwebrtc</h1>
<p>${esc(result.at)} · ${config.quick ? 'quick' : 'full'} run · ${repeats} run(s) per system and scenario, interleaved · ${esc(machine.cpuModel ?? '')} (${machine.cpus} cores, ${machine.memGiB} GiB) · Node ${esc(machine.node)} · ${esc(machine.platform)} · ${num(result.runtimeS, 0)} s</p>
<h2>Who wins</h2>
<p>Medians over the repeats; the margin is over the runner-up. ${spreadNote}</p>
${winnersTables(summary)}
<p>Same content for every system: ${config.video.width}×${config.video.height} at ${config.video.fps} fps (start ${config.video.startBitrateBps / 1000} kbit/s) with the frame id drawn in the picture, 48 kHz audio with a tone marker every 100 ms. Latency is from the moment a frame enters the sender's engine to the moment the decoded picture / PCM leaves the receiver's engine, matched by the content (not by sequence numbers), one machine clock. All media through the same userspace link relay. Quality: luma PSNR and SSIM of each shown frame (scaled to the source size) against its source frame; audio similarity: correlation of each marker's 20 ms block with the source's. <b>parley-single-stream</b> = Parley with <code>--single-stream-media</code> (head-of-line countermeasures off). <b>Browser to browser</b> (<b>gui-parley</b>, <b>gui-webrtc</b>): two headless Chromium browsers whose fake camera and microphone play the same content from files; glass starts when page A's capture hands a frame to page code and ends when page B draws the picture / its playback outputs the sound: gui-parley = Parley's GUI and daemons, gui-webrtc = the same browsers with Chromium's own WebRTC. Their CPU and memory are each browser's whole process tree (+ its daemon for Parley; RSS summed over processes, shared pages counted in each). Engine to engine (parley, parley-single-stream, libwebrtc): from encoder input to decoder output. Each system is compared with the baseline of its group. Ratios: red = more than 10 % worse than the baseline (lower latency, loss, CPU, memory are better; higher PSNR, SSIM, similarity are better; bitrate is neither); bold = outside the run-to-run spread, ≈ grey = inside it.</p>
${runsTable(runs)}${sections.join('')}</body></html>`
}
