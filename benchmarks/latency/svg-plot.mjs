// Minimal SVG line/step/dot plots for the report: no library and no script, so the
// report is one self-contained file that renders anywhere (and in CI artefacts).

export const esc = s => String(s).replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c])

/** About `count` round tick values covering [lo, hi]. */
export function niceTicks (lo, hi, count = 5) {
  if (!(hi > lo)) return [lo]
  const raw = (hi - lo) / count
  const mag = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 2.5, 5, 10].map(m => m * mag).find(s => s >= raw) ?? 10 * mag
  const out = []
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.round(v * 1e6) / 1e6)
  return out
}

let plotCount = 0
const fmtTick = v => Math.abs(v) >= 1000 ? `${Math.round(v / 100) / 10}k` : String(v)

/**
 * @param {object} o
 * @param {string} o.title
 * @param {string} o.xLabel
 * @param {string} o.yLabel
 * @param {[number, number]} o.x  domain
 * @param {[number, number]} o.y  domain
 * @param {Array<{ label: string, color: string, dash?: string, kind: 'line'|'step'|'dots', points: Array<[number, number]> }>} o.series
 * @param {string} [o.note] small text under the title (e.g. what was clipped)
 */
export function plot ({ title, xLabel, yLabel, x, y, series, note = '', width = 560, height = 300 }) {
  const m = { l: 58, r: 14, t: note ? 40 : 28, b: 42 }
  const w = width - m.l - m.r
  const h = height - m.t - m.b
  const sx = v => m.l + (v - x[0]) / (x[1] - x[0] || 1) * w
  const sy = v => m.t + h - (v - y[0]) / (y[1] - y[0] || 1) * h
  const parts = []
  parts.push(`<text x="${m.l}" y="16" class="t">${esc(title)}</text>`)
  if (note) parts.push(`<text x="${m.l}" y="31" class="n">${esc(note)}</text>`)
  for (const v of niceTicks(x[0], x[1], 6)) {
    parts.push(`<line x1="${sx(v)}" x2="${sx(v)}" y1="${m.t}" y2="${m.t + h}" class="g"/>`)
    parts.push(`<text x="${sx(v)}" y="${m.t + h + 15}" text-anchor="middle" class="k">${fmtTick(v)}</text>`)
  }
  for (const v of niceTicks(y[0], y[1], 5)) {
    parts.push(`<line x1="${m.l}" x2="${m.l + w}" y1="${sy(v)}" y2="${sy(v)}" class="g"/>`)
    parts.push(`<text x="${m.l - 6}" y="${sy(v) + 4}" text-anchor="end" class="k">${fmtTick(v)}</text>`)
  }
  parts.push(`<rect x="${m.l}" y="${m.t}" width="${w}" height="${h}" class="f"/>`)
  parts.push(`<text x="${m.l + w / 2}" y="${height - 6}" text-anchor="middle" class="a">${esc(xLabel)}</text>`)
  parts.push(`<text transform="translate(13 ${m.t + h / 2}) rotate(-90)" text-anchor="middle" class="a">${esc(yLabel)}</text>`)
  const clip = `clip${++plotCount}`
  parts.push(`<clipPath id="${clip}"><rect x="${m.l}" y="${m.t - 2}" width="${w}" height="${h + 4}"/></clipPath>`)
  parts.push(`<g clip-path="url(#${clip})">`)
  for (const s of series) {
    if (s.points.length === 0) continue
    // values beyond the domain are pinned to its edge so that outliers stay visible
    const px = p => [sx(Math.min(Math.max(p[0], x[0]), x[1])).toFixed(1), sy(Math.min(Math.max(p[1], y[0]), y[1])).toFixed(1)]
    if (s.kind === 'dots') {
      parts.push(`<g fill="${s.color}" fill-opacity="0.75">${s.points.map(p => { const [a, b] = px(p); return `<circle cx="${a}" cy="${b}" r="1.8"/>` }).join('')}</g>`)
    } else {
      let d = ''
      let prev = null
      for (const p of s.points) {
        const [a, b] = px(p)
        if (prev === null) d += `M${a},${b}`
        else if (s.kind === 'step') d += `H${a}V${b}`
        else d += `L${a},${b}`
        prev = p
      }
      parts.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="1.6"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`)
    }
  }
  parts.push('</g>')
  // legend, top right inside the frame
  const shown = series.filter(s => s.label)
  // ≈ 6.8 px per character at 12 px: wide enough for the longest label
  const legendW = 34 + 6.8 * Math.max(0, ...shown.map(s => s.label.length))
  if (shown.length > 0) parts.push(`<rect x="${m.l + w - legendW - 4}" y="${m.t + 2}" width="${legendW}" height="${shown.length * 15 + 4}" fill="#fff" fill-opacity="0.85"/>`)
  shown.forEach((s, i) => {
    const ly = m.t + 14 + i * 15
    const lx = m.l + w - legendW
    parts.push(s.kind === 'dots'
      ? `<circle cx="${lx + 11}" cy="${ly - 4}" r="3" fill="${s.color}"/>`
      : `<line x1="${lx}" x2="${lx + 22}" y1="${ly - 4}" y2="${ly - 4}" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`)
    parts.push(`<text x="${lx + 28}" y="${ly}" class="l">${esc(s.label)}</text>`)
  })
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`
}

/** Empirical CDF as step points [value, fraction]. */
export function cdfPoints (values) {
  const s = [...values].sort((a, b) => a - b)
  const out = [[s[0] ?? 0, 0]]
  s.forEach((v, i) => out.push([v, (i + 1) / s.length]))
  return out
}
