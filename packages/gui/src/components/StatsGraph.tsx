// Live graph of call.stats: bitrate, RTT and media latency over the last minute. Each
// line has its own scale (they differ by orders of magnitude); the legend gives values.
import type { JSX } from 'preact'
import type { StatsSample } from '../store.js'

const W = 300
const H = 90
const PAD = 4
/** Early in a call the few samples spread over at least this many slots, not the whole width. */
const MIN_WINDOW = 10
const SERIES = [
  { key: 'bitrateKbps', label: 'Bitrate', unit: 'kbit/s', cls: 's-bitrate' },
  { key: 'rttMs', label: 'RTT', unit: 'ms', cls: 's-rtt' },
  { key: 'latencyMs', label: 'Latency', unit: 'ms', cls: 's-latency' }
] as const

export function StatsGraph ({ samples, capacity }: { samples: StatsSample[], capacity: number }): JSX.Element {
  const last = samples[samples.length - 1]
  const fmt = (v: number | null | undefined): string => v == null ? '–' : v >= 100 ? v.toFixed(0) : v.toFixed(1)
  const summary = SERIES.map(s => `${s.label} ${fmt(last?.[s.key])} ${s.unit}`).join(', ')
  return (
    <figure class='graph'>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio='none' role='img' aria-label={`Call statistics: ${summary}`} data-points={samples.length}>
        {[0.25, 0.5, 0.75].map(f => <line key={f} class='grid' x1={0} x2={W} y1={H * f} y2={H * f} />)}
        {SERIES.map(s => <polyline key={s.key} class={`series ${s.cls}`} points={points(samples.map(x => x[s.key]), capacity)} />)}
      </svg>
      <figcaption class='legend'>
        {SERIES.map(s => (
          <span key={s.key} class='legend-item'><i class={`swatch ${s.cls}`} aria-hidden='true' />{s.label} <b>{fmt(last?.[s.key])}</b> {s.unit}</span>
        ))}
      </figcaption>
    </figure>
  )
}

/** The window fills from the left until it holds `capacity` samples, then scrolls. */
function points (values: Array<number | null>, capacity: number): string {
  const max = Math.max(1, ...values.map(v => v ?? 0)) * 1.15
  const step = W / Math.max(1, Math.min(capacity, Math.max(values.length, MIN_WINDOW)) - 1)
  const out: string[] = []
  values.forEach((v, i) => {
    if (v == null) return
    out.push(`${(i * step).toFixed(1)},${(H - PAD - (v / max) * (H - 2 * PAD)).toFixed(1)}`)
  })
  return out.join(' ')
}
