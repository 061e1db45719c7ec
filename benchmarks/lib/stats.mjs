// Small statistics helpers shared by the benchmark scripts.
export function quantile (values, q) {
  if (values.length === 0) return NaN
  const s = [...values].sort((a, b) => a - b)
  const pos = (s.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return s[lo] + (s[hi] - s[lo]) * (pos - lo)
}

export function summary (values) {
  return {
    n: values.length,
    mean: values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : NaN,
    p50: quantile(values, 0.5),
    p95: quantile(values, 0.95),
    p99: quantile(values, 0.99),
    max: values.length > 0 ? Math.max(...values) : NaN
  }
}

export function fmt (x, digits = 1) {
  return Number.isFinite(x) ? x.toFixed(digits) : '-'
}
