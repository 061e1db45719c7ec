// The report's summary: per scenario, which system wins each headline category and by how
// much, from the medians over the repeats (ratios.mjs's summary). Pure.
import { METRICS, separated } from './ratios.mjs'

/** [category, metric key]: the headline figures (smoothness = the longest freeze). */
export const CATEGORIES = [
  ['audio latency (p50)', 'audioP50'],
  ['video latency (p50)', 'videoP50'],
  ['video quality (PSNR)', 'psnrMean'],
  ['video quality (SSIM)', 'ssimMean'],
  ['smoothness (longest freeze)', 'videoMaxGap']
]

/**
 * @param {Record<string, Record<string, Record<string, { median: number|null, min: number|null, max: number|null, n: number }>>>} summary
 * @param {string[]} [systems] rank only these (one group of ratios.mjs's GROUPS: numbers measured between the same two points); default all
 * @returns {Record<string, Array<{ category: string, key: string, unit: string, winner: string|null, value: number|null,
 *   runnerUp: string|null, runnerUpValue: number|null, margin: number|null, real: boolean|null }>>}
 *   margin: |winner − runner-up| in the metric's unit; real: the two min–max ranges don't overlap (null: < 2 runs)
 */
export function winners (summary, systems = null) {
  const out = {}
  for (const [scenario, bySystem] of Object.entries(summary)) {
    out[scenario] = CATEGORIES.map(([category, key]) => {
      const [, , unit, , better] = METRICS.find(m => m[0] === key) ?? []
      const ranked = Object.entries(bySystem)
        .filter(([system, m]) => (systems == null || systems.includes(system)) && typeof m[key]?.median === 'number')
        .sort(([, a], [, b]) => better === 'higher' ? b[key].median - a[key].median : a[key].median - b[key].median)
      const [first, second] = ranked
      return {
        category,
        key,
        unit: unit ?? '',
        winner: first?.[0] ?? null,
        value: first?.[1][key].median ?? null,
        runnerUp: second?.[0] ?? null,
        runnerUpValue: second?.[1][key].median ?? null,
        margin: first != null && second != null ? Math.abs(first[1][key].median - second[1][key].median) : null,
        real: first != null && second != null ? separated(first[1][key], second[1][key]) : null
      }
    })
  }
  return out
}
