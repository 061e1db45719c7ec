// Signal measurements for codec tests.

/** SNR in dB of `out` against `ref`, with `out` delayed by `delay` samples. */
export function snrDb (ref: Int16Array, out: Int16Array, delay: number): number {
  let signal = 0
  let noise = 0
  for (let i = 0; i < ref.length && i + delay < out.length; i++) {
    const r = ref[i] ?? 0
    const d = (out[i + delay] ?? 0) - r
    signal += r * r
    noise += d * d
  }
  return noise === 0 ? Infinity : 10 * Math.log10(signal / noise)
}

/** The delay (0 … maxDelay samples) at which `out` best matches `ref`. */
export function bestDelay (ref: Int16Array, out: Int16Array, maxDelay: number): { delay: number, snr: number } {
  let best = { delay: 0, snr: -Infinity }
  for (let d = 0; d <= maxDelay; d++) {
    const snr = snrDb(ref, out, d)
    if (snr > best.snr) best = { delay: d, snr }
  }
  return best
}

/** Frequency of a sinusoid from its interpolated rising zero crossings. */
export function estimateFrequencyHz (samples: Int16Array, sampleRate: number): number {
  const crossings: number[] = []
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1] ?? 0
    const b = samples[i] ?? 0
    if (a < 0 && b >= 0) crossings.push(i - 1 + a / (a - b))
  }
  const first = crossings[0]
  const last = crossings[crossings.length - 1]
  if (first === undefined || last === undefined || crossings.length < 2) return 0
  return (crossings.length - 1) * sampleRate / (last - first)
}

export function concat (frames: readonly Int16Array[]): Int16Array {
  const out = new Int16Array(frames.reduce((n, f) => n + f.length, 0))
  let o = 0
  for (const f of frames) {
    out.set(f, o)
    o += f.length
  }
  return out
}

export function rms (samples: Int16Array): number {
  let s = 0
  for (const v of samples) s += v * v
  return Math.sqrt(s / Math.max(1, samples.length))
}
