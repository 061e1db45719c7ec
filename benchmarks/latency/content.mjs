// Content codes: what the media itself carries, so the harness can match a received frame
// to the sent one without trusting any engine's sequence numbers.
//
// Video: @parley/media's synthetic picture with the 16-block counter along the top edge
// re-drawn as 12 bits of id + 4 bits of CRC, so a read from a blurred, scaled or
// half-decoded picture is rejected instead of being taken for another frame.
// Audio: silence with a 10 ms tone burst every 100 ms whose frequency says which of 8
// markers it is (8 × 100 ms = 800 ms of unambiguous matching).
import { FRAME_COUNTER_BITS, FRAME_COUNTER_BLOCK_PX, SyntheticVideoSource, drawFrameCounter } from '@parley/media'

export const VIDEO_ID_BITS = 12
export const VIDEO_ID_MODULUS = 1 << VIDEO_ID_BITS
const CRC_BITS = FRAME_COUNTER_BITS - VIDEO_ID_BITS
// Without it the all-black counter (a grey or uninitialised picture reads as 0) would pass.
const CRC_XOR = 0b1010
const BLACK = 16
const WHITE = 235

/** CRC-4 (x⁴ + x + 1) of a 12-bit id: catches every 1-bit error and every burst ≤ 4 bits. */
export function crc4 (id) {
  let r = (id & (VIDEO_ID_MODULUS - 1)) << CRC_BITS
  for (let bit = FRAME_COUNTER_BITS - 1; bit >= CRC_BITS; bit--) {
    if ((r >> bit) & 1) r ^= 0b10011 << (bit - CRC_BITS)
  }
  return (r & 0xf) ^ CRC_XOR
}

export function videoCode (index) {
  const id = index & (VIDEO_ID_MODULUS - 1)
  return (id << CRC_BITS) | crc4(id)
}

/** Same rule as @parley/media's drawFrameCounter, so the reader knows where the blocks are. */
export function counterBlockPx (sourceWidth) {
  return Math.min(FRAME_COUNTER_BLOCK_PX, Math.floor(sourceWidth / FRAME_COUNTER_BITS / 2) * 2)
}

/** @param {{ width: number, height: number }} size source picture size */
export function createVideoContent ({ width, height }) {
  const source = new SyntheticVideoSource({ width, height })
  return {
    width,
    height,
    /** @param {number} index frame number, 0… */
    frame (index) {
      const f = source.frame(index)
      drawFrameCounter(f, videoCode(index))
      return f
    }
  }
}

/**
 * Reads the id from a decoded picture of any size: the counter was drawn for the source
 * size, so block k's centre scales with the picture. Returns null for an unreadable or
 * implausible code (checksum mismatch, or blocks neither clearly black nor white).
 * @param {{ data: ArrayLike<number>, width: number, height: number }} frame I420 (luma first)
 */
export function readVideoId (frame, sourceWidth, sourceHeight) {
  const { data, width, height } = frame
  const block = counterBlockPx(sourceWidth)
  const sx = width / sourceWidth
  const sy = height / sourceHeight
  const y0 = Math.floor(block * 0.25 * sy)
  const y1 = Math.max(y0 + 1, Math.ceil(block * 0.75 * sy))
  let code = 0
  for (let k = 0; k < FRAME_COUNTER_BITS; k++) {
    const x0 = Math.floor((k * block + block * 0.25) * sx)
    const x1 = Math.max(x0 + 1, Math.ceil((k * block + block * 0.75) * sx))
    let sum = 0
    let n = 0
    for (let y = y0; y < y1 && y < height; y++) {
      for (let x = x0; x < x1 && x < width; x++) { sum += data[y * width + x]; n++ }
    }
    if (n === 0) return null
    const mean = sum / n
    // a block blurred halfway between black and white is a guess, not a bit
    if (Math.abs(mean - (BLACK + WHITE) / 2) < (WHITE - BLACK) / 6) return null
    code = (code << 1) | (mean > (BLACK + WHITE) / 2 ? 1 : 0)
  }
  const id = code >> CRC_BITS
  return (code & 0xf) === crc4(id) ? id : null
}

/**
 * readVideoId as JavaScript source for a browser page (the `gui` systems read ids there, in
 * the page, at the moment of capture and of drawing): the same functions, with the
 * constants they use bound in a closure. Evaluates to the function.
 */
export function videoIdReaderSource () {
  const constants = { FRAME_COUNTER_BITS, FRAME_COUNTER_BLOCK_PX, VIDEO_ID_MODULUS, CRC_BITS, CRC_XOR, BLACK, WHITE }
  const decls = Object.entries(constants).map(([k, v]) => `const ${k} = ${JSON.stringify(v)};`).join(' ')
  return `(() => { ${decls}\n${crc4.toString()}\n${counterBlockPx.toString()}\n${readVideoId.toString()}\nreturn readVideoId })()`
}

// ---- audio ---------------------------------------------------------------------------

export const SAMPLE_RATE_HZ = 48_000
export const AUDIO_FRAME_SAMPLES = 960
export const AUDIO_FRAME_MS = 20
export const MARKER_EVERY_FRAMES = 5
export const MARKER_PERIOD_MS = MARKER_EVERY_FRAMES * AUDIO_FRAME_MS
export const AUDIO_ID_MODULUS = 8
export const MARKER_SAMPLES = 480
const MARKER_AMPLITUDE = 16_000
const RAMP_SAMPLES = 48
/** 600 … 2400 Hz, ≈ 257 Hz apart: well inside Opus's voice band and > 2 bins of a 10 ms Goertzel. */
export const MARKER_FREQUENCIES_HZ = Array.from({ length: AUDIO_ID_MODULUS }, (_, k) => 600 + k * 1800 / (AUDIO_ID_MODULUS - 1))

/** Marker index started by content frame i, or null. */
export function markerOfFrame (i) {
  return i % MARKER_EVERY_FRAMES === 0 ? i / MARKER_EVERY_FRAMES : null
}

/** @returns {Int16Array} content frame i (960 samples, 48 kHz mono) */
export function audioFrame (i) {
  const pcm = new Int16Array(AUDIO_FRAME_SAMPLES)
  const m = markerOfFrame(i)
  if (m === null) return pcm
  const w = 2 * Math.PI * MARKER_FREQUENCIES_HZ[m % AUDIO_ID_MODULUS] / SAMPLE_RATE_HZ
  for (let n = 0; n < MARKER_SAMPLES; n++) {
    // short raised-cosine ramps keep the burst's spectrum narrow (no click)
    const edge = Math.min(n, MARKER_SAMPLES - 1 - n)
    const env = edge >= RAMP_SAMPLES ? 1 : 0.5 - 0.5 * Math.cos(Math.PI * edge / RAMP_SAMPLES)
    pcm[n] = Math.round(MARKER_AMPLITUDE * env * Math.sin(w * n))
  }
  return pcm
}

const ONSET_THRESHOLD = 3000
/** A new marker needs this much quiet before it (bursts are 100 ms apart, codecs ring a few ms). */
const QUIET_MS = 40
/** The best frequency must beat the runner-up by this power ratio. */
const MIN_DOMINANCE = 4

function goertzelPower (samples, freqHz, sampleRate) {
  const coeff = 2 * Math.cos(2 * Math.PI * freqHz / sampleRate)
  let s1 = 0
  let s2 = 0
  const n = samples.length
  for (let i = 0; i < n; i++) {
    const hann = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1))
    const s = samples[i] * hann + coeff * s1 - s2
    s2 = s1
    s1 = s
  }
  return s1 * s1 + s2 * s2 - coeff * s1 * s2
}

/**
 * Streaming marker detector for received PCM. push() each buffer with the time it left
 * the engine; it returns the markers whose classification window completed, with
 * atMs = that buffer time + the onset's offset in its buffer, minus the detector's own
 * onset delay on the clean signal (so a lossless zero-delay path reads 0 ms).
 */
export class AudioMarkerDetector {
  constructor ({ sampleRate = SAMPLE_RATE_HZ } = {}) {
    this.rejected = 0
    this.setRate(sampleRate)
    this.sinceLoud = Infinity
  }

  /** A new rate restarts detection (libwebrtc's sink starts at 16 kHz, then switches to 48). */
  setRate (sampleRate) {
    this.sampleRate = sampleRate
    this.windowSamples = Math.round(MARKER_SAMPLES * sampleRate / SAMPLE_RATE_HZ)
    this.quietSamples = Math.round(QUIET_MS * sampleRate / 1000)
    // mid-stream we don't know whether a burst is under way: wait for quiet first
    this.sinceLoud = 0
    /** samples pushed since the last rate change (onsetSample counts from here) */
    this.samples = 0
    /** @type {{ atMs: number, onset: number, window: number[] } | null} */
    this.pending = null
  }

  /**
   * @param {ArrayLike<number>} pcm mono samples (take one channel of interleaved input first)
   * @param {number} atMs when this buffer left the engine
   * @param {number} [sampleRate] of this buffer, if it can change
   * @returns {{ id: number, atMs: number, onsetSample: number }[]} onsetSample: where the
   *   marker's sample 0 falls, in samples pushed since the last rate change (for aligning
   *   the received waveform with the source, quality.mjs)
   */
  push (pcm, atMs, sampleRate = this.sampleRate) {
    if (sampleRate !== this.sampleRate) this.setRate(sampleRate)
    const found = []
    for (let i = 0; i < pcm.length; i++) {
      const x = pcm[i]
      if (this.pending !== null) {
        this.pending.window.push(x)
        if (this.pending.window.length === this.windowSamples) {
          const id = this.classify(this.pending.window)
          if (id !== null) found.push({ id, atMs: this.pending.atMs, onsetSample: this.pending.onset - Math.round(ONSET_SAMPLES_BY_CLASS[id] * this.sampleRate / SAMPLE_RATE_HZ) })
          else this.rejected++
          this.pending = null
        }
      }
      if (Math.abs(x) > ONSET_THRESHOLD) {
        if (this.sinceLoud >= this.quietSamples && this.pending === null) {
          this.pending = { atMs: atMs + (i / this.sampleRate) * 1000 - ONSET_DELAY_MS, onset: this.samples + i, window: [x] }
        }
        this.sinceLoud = 0
      } else {
        this.sinceLoud++
      }
    }
    this.samples += pcm.length
    return found
  }

  classify (window) {
    const powers = MARKER_FREQUENCIES_HZ.map(f => goertzelPower(window, f, this.sampleRate))
    let best = 0
    for (let k = 1; k < powers.length; k++) if (powers[k] > powers[best]) best = k
    const runnerUp = Math.max(...powers.filter((_, k) => k !== best))
    return powers[best] >= MIN_DOMINANCE * runnerUp ? best : null
  }
}

/**
 * Where the threshold crossing falls in each marker's clean burst (samples at 48 kHz): it
 * depends on the tone's phase under the ramp, so aligning a received waveform with the
 * source (onsetSample) needs the class's own value, not the one-size ONSET_DELAY_MS.
 */
const ONSET_SAMPLES_BY_CLASS = MARKER_FREQUENCIES_HZ.map((_, k) => audioFrame(k * MARKER_EVERY_FRAMES).findIndex(x => Math.abs(x) > ONSET_THRESHOLD))

/** Where the detector puts the onset of a clean burst (threshold crossing inside the ramp). */
const ONSET_DELAY_MS = (() => {
  const pcm = audioFrame(0)
  const first = pcm.findIndex(x => Math.abs(x) > ONSET_THRESHOLD)
  return (first / SAMPLE_RATE_HZ) * 1000
})()
