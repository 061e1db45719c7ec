// Picture and sound quality of what a system showed/played, against the source content:
// PSNR and SSIM of the luma plane per shown video frame, and the correlation of each
// received audio marker block with the source block. Pure math plus two small collectors
// the systems' receivers use; measure.mjs summarises the per-frame numbers.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { quantile } from '../lib/stats.mjs'
import { AUDIO_FRAME_SAMPLES, AUDIO_ID_MODULUS, MARKER_EVERY_FRAMES, SAMPLE_RATE_HZ, VIDEO_ID_MODULUS, audioFrame, createVideoContent } from './content.mjs'

/** PSNR of identical planes is infinite; JSON has no Infinity, so per-frame values are capped here. */
export const PSNR_CAP_DB = 100
/** "Visibly degraded" line for the share-below figure (8-bit luma; ~30 dB is where coding artefacts show). */
export const LOW_PSNR_DB = 30
/** SSIM window (px, square) and stride: libvpx's vpx_dsp/ssim.c formulation (8×8 unweighted, every 4 px). */
export const SSIM_WINDOW_PX = 8
export const SSIM_STRIDE_PX = 4
const SSIM_C1 = (0.01 * 255) ** 2
const SSIM_C2 = (0.03 * 255) ** 2
/**
 * Luma planes a receiver keeps for scoring after the run (the scoring is not cheap: see
 * the README for timings). Frames whose id is a multiple of N are kept, N chosen so the
 * run's source-size planes fit this budget; N is the same for every system of a run.
 */
export const QUALITY_BUDGET_BYTES = 192 * 2 ** 20
/**
 * Received audio is aligned to the source by the marker onset, whose threshold crossing
 * moves by several samples when a codec or noise changes the ramp's amplitude; the best
 * lag within ± this many samples (0.5 ms) counts, as delay-searching audio metrics do. So
 * the score measures waveform shape, not polarity: an inverted high tone finds a
 * half-period lag inside the window.
 */
export const AUDIO_ALIGN_SAMPLES = 24

/** Bilinear resize of one 8-bit plane, sampling at pixel centres (the way a viewer scales a small picture up). */
export function scalePlane (src, sw, sh, dw, dh) {
  if (sw === dw && sh === dh) return src
  const dst = new Uint8Array(dw * dh)
  const fx = sw / dw
  const fy = sh / dh
  for (let y = 0; y < dh; y++) {
    const syf = Math.min(sh - 1, Math.max(0, (y + 0.5) * fy - 0.5))
    const y0 = Math.floor(syf)
    const y1 = Math.min(sh - 1, y0 + 1)
    const wy = syf - y0
    for (let x = 0; x < dw; x++) {
      const sxf = Math.min(sw - 1, Math.max(0, (x + 0.5) * fx - 0.5))
      const x0 = Math.floor(sxf)
      const x1 = Math.min(sw - 1, x0 + 1)
      const wx = sxf - x0
      const top = src[y0 * sw + x0] * (1 - wx) + src[y0 * sw + x1] * wx
      const bot = src[y1 * sw + x0] * (1 - wx) + src[y1 * sw + x1] * wx
      dst[y * dw + x] = Math.round(top * (1 - wy) + bot * wy)
    }
  }
  return dst
}

/** PSNR (dB) of two equal-size 8-bit planes; Infinity when they are identical. */
export function psnr (a, b) {
  if (a.length !== b.length || a.length === 0) throw new RangeError(`planes differ in size (${a.length} vs ${b.length})`)
  let se = 0
  for (let i = 0; i < a.length; i++) { const d = a[i] - b[i]; se += d * d }
  const mse = se / a.length
  return mse === 0 ? Infinity : 10 * Math.log10(255 * 255 / mse)
}

/** Mean SSIM of two equal-size 8-bit planes over 8×8 windows every 4 px (1 = identical). */
export function ssim (a, b, width, height) {
  if (a.length !== width * height || b.length !== width * height) throw new RangeError('planes do not match the size')
  const n = SSIM_WINDOW_PX * SSIM_WINDOW_PX
  let sum = 0
  let count = 0
  for (let y = 0; y + SSIM_WINDOW_PX <= height; y += SSIM_STRIDE_PX) {
    for (let x = 0; x + SSIM_WINDOW_PX <= width; x += SSIM_STRIDE_PX) {
      let sa = 0; let sb = 0; let saa = 0; let sbb = 0; let sab = 0
      for (let j = 0; j < SSIM_WINDOW_PX; j++) {
        let i = (y + j) * width + x
        for (let k = 0; k < SSIM_WINDOW_PX; k++, i++) {
          const p = a[i]; const q = b[i]
          sa += p; sb += q; saa += p * p; sbb += q * q; sab += p * q
        }
      }
      const ma = sa / n; const mb = sb / n
      const va = saa / n - ma * ma; const vb = sbb / n - mb * mb; const cov = sab / n - ma * mb
      sum += ((2 * ma * mb + SSIM_C1) * (2 * cov + SSIM_C2)) / ((ma * ma + mb * mb + SSIM_C1) * (va + vb + SSIM_C2))
      count++
    }
  }
  return count === 0 ? null : sum / count
}

/** Pearson correlation of two equal-length sample blocks; null when either is flat. */
export function correlation (a, b) {
  const n = Math.min(a.length, b.length)
  let sa = 0; let sb = 0
  for (let i = 0; i < n; i++) { sa += a[i]; sb += b[i] }
  const ma = sa / n; const mb = sb / n
  let ab = 0; let aa = 0; let bb = 0
  for (let i = 0; i < n; i++) { const x = a[i] - ma; const y = b[i] - mb; ab += x * y; aa += x * x; bb += y * y }
  return aa === 0 || bb === 0 ? null : ab / Math.sqrt(aa * bb)
}

/** Id as read (mod 4096) → full frame index nearest the previous one (ids wrap every 136 s). */
export function unwrapId (id, previous) {
  if (previous == null) return id
  const k = Math.round((previous - id) / VIDEO_ID_MODULUS)
  return id + k * VIDEO_ID_MODULUS
}

/** Keep every Nth frame so that a run of durationMs at the source size fits QUALITY_BUDGET_BYTES. */
export function qualityEveryN ({ width, height, fps }, durationMs, budgetBytes = QUALITY_BUDGET_BYTES) {
  const planes = Math.ceil(fps * durationMs / 1000)
  return Math.max(1, Math.ceil(planes * width * height / budgetBytes))
}

/**
 * Receiver side: keep() the luma of every Nth shown frame as it arrives, score() them all
 * after the run, off the measured CPU window; score() writes psnrDb and ssim onto the
 * received record the frame came with. Kept planes go to an unlinked temporary file, not
 * the heap: the libwebrtc receiver's RSS is measured, and up to QUALITY_BUDGET_BYTES of
 * kept pictures would inflate it (Parley's receiving page, this harness, is not measured).
 */
export class VideoQualityRecorder {
  /**
   * @param {{ width: number, height: number, fps: number }} video source @param {number} durationMs
   * @param {{ everyN?: number }} [o] keep every Nth frame instead of the budget's N (the gui
   *   systems choose in the page, by time, and keep all they are given; the budget still holds)
   */
  constructor (video, durationMs, { everyN = qualityEveryN(video, durationMs) } = {}) {
    this.source = { width: video.width, height: video.height }
    this.everyN = everyN
    this.kept = []
    this.bytes = 0
    this.overBudget = 0
    this.lastFull = null
    /** @type {number | null} */
    this.fd = null
  }

  /** @param {{ id: number }} record the received record (id mod 4096) @param {Uint8Array | Uint8ClampedArray} data I420, luma first */
  keep (record, data, width, height) {
    const full = unwrapId(record.id, this.lastFull)
    this.lastFull = full
    if (full % this.everyN !== 0) return
    if (this.bytes + width * height > QUALITY_BUDGET_BYTES) { this.overBudget++; return }
    if (this.fd === null) {
      const dir = mkdtempSync(join(tmpdir(), 'parley-bench-quality-'))
      this.fd = openSync(join(dir, 'luma'), 'w+')
      // unlinked at once: the data lives as long as the descriptor, nothing is left behind
      rmSync(dir, { recursive: true })
    }
    writeSync(this.fd, data, 0, width * height, this.bytes)
    this.kept.push({ record, full, width, height, offset: this.bytes })
    this.bytes += width * height
  }

  /** @returns {{ scored: number, everyN: number, overBudget: number, computeMs: number }} */
  score () {
    const t = performance.now()
    const content = createVideoContent(this.source)
    const { width, height } = this.source
    for (const k of this.kept) {
      const src = content.frame(k.full).data.subarray(0, width * height)
      const y = new Uint8Array(k.width * k.height)
      readSync(/** @type {number} */ (this.fd), y, 0, y.length, k.offset)
      const got = scalePlane(y, k.width, k.height, width, height)
      k.record.psnrDb = round2(Math.min(PSNR_CAP_DB, psnr(src, got)))
      k.record.ssim = round4(ssim(src, got, width, height))
    }
    const out = { scored: this.kept.length, everyN: this.everyN, overBudget: this.overBudget, computeMs: Math.round(performance.now() - t) }
    this.kept = []
    if (this.fd !== null) { closeSync(this.fd); this.fd = null }
    this.bytes = 0
    return out
  }
}

/**
 * Receiver side: scores each detected audio marker against the source. push() every PCM
 * buffer (48 kHz mono) before handing it to the marker detector, then track() each marker
 * the detector returns; the 20 ms block starting at the marker's onset is correlated with
 * the source frame that starts the marker (best lag within ±AUDIO_ALIGN_SAMPLES), and the
 * result lands on the record as `similarity`.
 */
export class AudioSimilarityTracker {
  constructor () {
    /** ring of recent samples; `end` = absolute index one past the newest */
    this.ring = new Float32Array(SAMPLE_RATE_HZ)
    this.end = 0
    this.pending = []
    this.source = Array.from({ length: AUDIO_ID_MODULUS }, (_, m) => audioFrame(m * MARKER_EVERY_FRAMES))
  }

  /** @param {ArrayLike<number>} pcm @param {number} [sampleRate] other rates are not scored */
  push (pcm, sampleRate = SAMPLE_RATE_HZ) {
    // the detector counts onsets from its last rate change: count 48 kHz samples from there too
    if (sampleRate !== SAMPLE_RATE_HZ) { this.pending = []; this.end = 0; return }
    for (let i = 0; i < pcm.length; i++) this.ring[(this.end + i) % this.ring.length] = pcm[i]
    this.end += pcm.length
    this.pending = this.pending.filter(p => !this.tryScore(p))
  }

  /** @param {{ id: number, onsetSample?: number }} marker as the detector returned it, onsetSample in samples pushed since the detector's last rate change */
  track (marker, onsetSample = marker.onsetSample) {
    if (onsetSample == null) return
    const p = { marker, start: onsetSample }
    if (!this.tryScore(p)) this.pending.push(p)
  }

  tryScore ({ marker, start }) {
    const from = start - AUDIO_ALIGN_SAMPLES
    const to = start + AUDIO_FRAME_SAMPLES + AUDIO_ALIGN_SAMPLES
    if (to > this.end) return false
    if (from < this.end - this.ring.length || from < 0) return true
    const src = this.source[marker.id % AUDIO_ID_MODULUS]
    const block = new Float32Array(AUDIO_FRAME_SAMPLES)
    let best = null
    for (let lag = -AUDIO_ALIGN_SAMPLES; lag <= AUDIO_ALIGN_SAMPLES; lag++) {
      for (let i = 0; i < AUDIO_FRAME_SAMPLES; i++) block[i] = this.ring[(start + lag + i) % this.ring.length]
      const c = correlation(block, src)
      if (c != null && (best == null || c > best)) best = c
    }
    marker.similarity = best == null ? null : round4(best)
    return true
  }
}

/** { n, meanPsnrDb, p5PsnrDb, belowLowShare (PSNR < LOW_PSNR_DB), meanSsim } over scored frames (PSNR capped). */
export function summarizeVideoQuality (frames) {
  const scored = frames.filter(f => typeof f.psnrDb === 'number')
  if (scored.length === 0) return { n: 0, meanPsnrDb: null, p5PsnrDb: null, belowLowShare: null, meanSsim: null }
  const p = scored.map(f => f.psnrDb)
  const s = scored.map(f => f.ssim).filter(x => typeof x === 'number')
  return {
    n: scored.length,
    meanPsnrDb: round2(mean(p)),
    p5PsnrDb: round2(quantile(p, 0.05)),
    belowLowShare: round4(p.filter(x => x < LOW_PSNR_DB).length / p.length),
    meanSsim: s.length > 0 ? round4(mean(s)) : null
  }
}

/** { n, mean, p5 } of the markers' similarity scores. */
export function summarizeAudioSimilarity (markers) {
  const v = markers.map(m => m.similarity).filter(x => typeof x === 'number')
  return v.length === 0 ? { n: 0, mean: null, p5: null } : { n: v.length, mean: round4(mean(v)), p5: round4(quantile(v, 0.05)) }
}

const mean = xs => xs.reduce((a, b) => a + b, 0) / xs.length
const round2 = x => x == null ? null : Math.round(x * 100) / 100
const round4 = x => x == null ? null : Math.round(x * 10000) / 10000
