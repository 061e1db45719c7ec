// Loudness of the remote audio for the in-call meter: 0–100 on a -60…0 dBFS scale,
// with a peak that holds for PEAK_HOLD_MS (speech and beeps are short).

const FLOOR_DB = -60
const PEAK_HOLD_MS = 3_000
/** Per 20 ms frame: the meter falls at about 15 dB a second, like a VU meter. */
const DECAY_PER_FRAME = 0.95

export interface Level { level: number, peak: number }

export class LevelMeter {
  private level = 0
  private peak = 0
  private peakAt = 0

  /** Feed one frame of s16 PCM; returns the new reading. */
  push (pcm: Int16Array, nowMs: number): Level {
    let sum = 0
    for (let i = 0; i < pcm.length; i++) { const s = pcm[i] ?? 0; sum += s * s }
    const rms = Math.sqrt(sum / Math.max(1, pcm.length)) / 0x8000
    const db = rms > 0 ? 20 * Math.log10(rms) : FLOOR_DB
    const scaled = Math.max(0, Math.min(100, (db - FLOOR_DB) / -FLOOR_DB * 100))
    this.level = Math.max(scaled, this.level * DECAY_PER_FRAME)
    if (this.level >= this.peak || nowMs - this.peakAt > PEAK_HOLD_MS) { this.peak = this.level; this.peakAt = nowMs }
    return { level: this.level, peak: this.peak }
  }

  reset (): Level {
    this.level = 0
    this.peak = 0
    return { level: 0, peak: 0 }
  }
}
