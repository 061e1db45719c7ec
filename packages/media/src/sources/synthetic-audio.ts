import type { Clock } from '../clock.js'
import { systemClock } from '../clock.js'
import { DEFAULT_OPUS_CHANNELS, DEFAULT_OPUS_FRAME_DURATION_MS, OPUS_SAMPLE_RATE_HZ } from '../constants.js'
import { assertChannels, assertFrameDuration } from '../codec/opus-encoder.js'
import type { OpusChannels, OpusFrameDurationMs } from '../codec/opus-encoder.js'

/** Signals are summed; amplitudes are fractions of full scale. */
export type AudioSignal =
  | { type: 'tone', frequencyHz: number, amplitude?: number }
  /** Linear sweep from startHz to endHz over durationMs, repeating. */
  | { type: 'chirp', startHz: number, endHz: number, durationMs: number, amplitude?: number }
  /** Rectangular pulses of widthSamples starting at each time. */
  | { type: 'clicks', atMs: readonly number[], amplitude?: number, widthSamples?: number }

export interface SyntheticAudioOptions {
  /** Default DEFAULT_OPUS_CHANNELS (1); every channel carries the same signal. */
  channels?: OpusChannels
  /** Default DEFAULT_OPUS_FRAME_DURATION_MS (20). */
  frameDurationMs?: OpusFrameDurationMs
  /** Default: one 440 Hz tone at amplitude 0.5. */
  signals?: readonly AudioSignal[]
}

export interface AudioSourceFrame {
  index: number
  pcm: Int16Array
  /** Capture time on the pacing clock, in µs. */
  captureTsUs: number
}

export interface PacedSourceOptions {
  /** Default systemClock. */
  clock?: Clock
  /** Stop after this many frames. Default: never. */
  count?: number
  signal?: AbortSignal
}

const DEFAULT_AMPLITUDE = 0.5
const DEFAULT_CLICK_WIDTH_SAMPLES = 48

/** Deterministic test audio: frame(i) is a pure function of i. */
export class SyntheticAudioSource {
  readonly channels: OpusChannels
  readonly frameDurationMs: OpusFrameDurationMs
  readonly frameSamples: number
  readonly signals: readonly AudioSignal[]

  constructor (options: SyntheticAudioOptions = {}) {
    const channels = options.channels ?? DEFAULT_OPUS_CHANNELS
    const frameDurationMs = options.frameDurationMs ?? DEFAULT_OPUS_FRAME_DURATION_MS
    assertChannels(channels)
    assertFrameDuration(frameDurationMs)
    this.channels = channels
    this.frameDurationMs = frameDurationMs
    this.frameSamples = OPUS_SAMPLE_RATE_HZ * frameDurationMs / 1000
    this.signals = options.signals ?? [{ type: 'tone', frequencyHz: 440, amplitude: DEFAULT_AMPLITUDE }]
  }

  /** Value in [-1, 1] at absolute sample index n. */
  sampleAt (n: number): number {
    const t = n / OPUS_SAMPLE_RATE_HZ
    let v = 0
    for (const s of this.signals) {
      const a = s.amplitude ?? DEFAULT_AMPLITUDE
      if (s.type === 'tone') {
        v += a * Math.sin(2 * Math.PI * s.frequencyHz * t)
      } else if (s.type === 'chirp') {
        const period = s.durationMs / 1000
        const tt = t % period
        const k = (s.endHz - s.startHz) / period
        v += a * Math.sin(2 * Math.PI * (s.startHz * tt + k * tt * tt / 2))
      } else {
        const width = s.widthSamples ?? DEFAULT_CLICK_WIDTH_SAMPLES
        for (const at of s.atMs) {
          const start = Math.round(at * OPUS_SAMPLE_RATE_HZ / 1000)
          if (n >= start && n < start + width) v += a
        }
      }
    }
    return Math.max(-1, Math.min(1, v))
  }

  frame (index: number): Int16Array {
    const out = new Int16Array(this.frameSamples * this.channels)
    const first = index * this.frameSamples
    for (let i = 0; i < this.frameSamples; i++) {
      const s = Math.round(this.sampleAt(first + i) * 32767)
      for (let c = 0; c < this.channels; c++) out[i * this.channels + c] = s
    }
    return out
  }

  /** Yields frames paced in real (or injected) time, one per frameDurationMs. */
  async * frames (options: PacedSourceOptions = {}): AsyncGenerator<AudioSourceFrame> {
    yield * paced(options, this.frameDurationMs, i => this.frame(i), (index, pcm, captureTsUs) => ({ index, pcm, captureTsUs }))
  }
}

/** Shared pacing loop: frame i is due at start + i × interval, so pacing does not drift. */
export async function * paced<P, F> (
  options: PacedSourceOptions,
  intervalMs: number,
  make: (index: number) => P,
  wrap: (index: number, payload: P, captureTsUs: number) => F
): AsyncGenerator<F> {
  const clock = options.clock ?? systemClock
  const start = clock.nowMs()
  for (let i = 0; options.count === undefined || i < options.count; i++) {
    const due = start + i * intervalMs
    const wait = due - clock.nowMs()
    if (wait > 0) await clock.sleep(wait, options.signal)
    options.signal?.throwIfAborted()
    yield wrap(i, make(i), Math.round(due * 1000))
  }
}
