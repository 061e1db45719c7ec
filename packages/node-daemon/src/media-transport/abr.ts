// Sender-side adaptive bitrate. The QUIC transport here collapses under loss (≈ 1 Mbit/s
// sustainable at 1 % loss, 0.5–0.75 at 3 %, 50 ms RTT: docs/protocol.md §4 "Transport
// measurements"), and audio shares its congestion
// window with video, so the controller's first job is to find that ceiling and stay under
// it: step down fast (at most every STEP_DOWN_INTERVAL_MS) on loss, a growing one-way
// delay, a send queue or RTT inflation; probe up slowly after a clean period, and wait
// longer before probing again each time a probe fails.
export interface VideoRung { width: number, height: number, fps: number, bitrateBps: number }

/**
 * From top to bottom; index 0 is the best. "Paused" is below the last rung. All 16:9
 * (cameras and the GUI capture 16:9): a 4:3 rung would stretch every picture.
 */
export const VIDEO_LADDER: readonly VideoRung[] = [
  { width: 1280, height: 720, fps: 30, bitrateBps: 2_500_000 },
  { width: 960, height: 540, fps: 30, bitrateBps: 1_500_000 },
  { width: 768, height: 432, fps: 30, bitrateBps: 1_000_000 },
  { width: 640, height: 360, fps: 30, bitrateBps: 600_000 },
  { width: 480, height: 270, fps: 24, bitrateBps: 350_000 },
  { width: 320, height: 180, fps: 15, bitrateBps: 150_000 }
]
/** Where a call's video starts (640×360 at 600 kbit/s), and what the Offer announces. */
export const DEFAULT_START_RUNG = 3
export const AUDIO_MAX_BPS = 64_000
export const AUDIO_NORMAL_BPS = 32_000
export const AUDIO_MIN_BPS = 16_000
export const STEP_DOWN_INTERVAL_MS = 300
export const PROBE_AFTER_CLEAN_MS = 4_000
export const MAX_PROBE_WAIT_MS = 60_000
/**
 * Paused video comes back (at the bottom rung) after at most this much clean time, however
 * often probes failed: a frozen picture is what users notice most, and the bottom rung is
 * small. Audio below its normal rate climbs back after that.
 */
export const RESUME_VIDEO_MAX_WAIT_MS = 2_000
/** Loss above this is congestion. */
export const LOSS_CONGESTED = 0.04
/** Loss below this counts as clean. */
export const LOSS_CLEAN = 0.015
/** One-way delay growing faster than this (ms per s) means a queue is building. */
export const OWD_TREND_CONGESTED_MS_PER_S = 25
/** Reports in a row with the delay rising before it counts (2 × 500 ms)… */
export const OWD_TREND_REPORTS = 2
/** …unless the one-way delay is already this far above the call's minimum. */
export const OWD_QUEUE_BIG_MS = 50
/** Sender queue beyond this much media time is congestion. */
export const QUEUE_CONGESTED_MS = 150
/**
 * When the RTT comes from the transport itself (quinn measures it on its own thread), a rising
 * one-way delay counts as a building queue only if that RTT is also this far above its minimum:
 * a queue on the path delays the transport's packets too, while a busy CPU at either end delays
 * only the frames' handling in JavaScript (docs/protocol.md §4, ABR).
 */
export const OWD_RTT_CONFIRM_MS = 15
/** RTT above the call's minimum by more than this is congestion. */
export const RTT_INFLATION_MS = 150

export interface AbrInput {
  nowMs: number
  /** Fraction of frames lost in the last report interval (0…1). */
  loss: number
  owdTrendMsPerS: number
  rttMs: number | null
  /** Bytes queued in the sender's streams. */
  queuedBytes: number
  /** Receiver's median one-way delay above the call's minimum (ms), when it reports it. */
  owdExcessMs?: number
  /**
   * The transport's packet loss (QUIC, before retransmission), 0…1. Retransmission hides
   * it from the frame counts, so it only sets how much Opus FEC to spend.
   */
  transportLoss?: number
  /** `rttMs` is the transport's own (quinn's smoothed RTT), free of event-loop delay. Default false. */
  rttFromTransport?: boolean
}

export interface AbrDecision {
  audioBps: number
  /** Index into VIDEO_LADDER, or null when video is paused. */
  videoRung: number | null
  /** Expected loss to configure Opus FEC for (percent). */
  fecLossPercent: number
  reason: string
}

export interface AbrOptions {
  /** Rung to start on; default DEFAULT_START_RUNG (640×360, 600 kbit/s). */
  startRung?: number
  /** Video wanted at all; default true. */
  video?: boolean
}

export class AbrController {
  private rung: number | null
  private audioBps = AUDIO_NORMAL_BPS
  private minRtt = Number.POSITIVE_INFINITY
  private lastDownAt = Number.NEGATIVE_INFINITY
  private cleanSince: number | null = null
  private probeWaitMs = PROBE_AFTER_CLEAN_MS
  private lastProbeAt: number | null = null
  private delayRisingReports = 0
  private readonly video: boolean
  /** Best rung the receiver accepts (Renegotiate with a maximum size); 0 = no cap. */
  private receiverMaxRung = 0
  /** Best rung not larger than the source's pictures (no point upscaling); 0 = no cap. */
  private sourceMaxRung = 0
  private get maxRung (): number { return Math.max(this.receiverMaxRung, this.sourceMaxRung) }
  last: AbrDecision

  constructor (opts: AbrOptions = {}) {
    this.video = opts.video ?? true
    this.rung = this.video ? Math.min(Math.max(opts.startRung ?? DEFAULT_START_RUNG, 0), VIDEO_LADDER.length - 1) : null
    this.last = { audioBps: this.audioBps, videoRung: this.rung, fecLossPercent: 0, reason: 'start' }
  }

  /** Cap the ladder at the best rung that fits width × height (the receiver asked for at most that). */
  capResolution (width: number, height: number): void {
    this.receiverMaxRung = bestRungWithin(width, height)
    this.applyCap('the receiver')
  }

  /** Cap the ladder at the source's picture size (a live camera of 640×360 is never sent at 720p). */
  capToSource (width: number, height: number): boolean {
    const rung = bestRungWithin(width, height)
    if (rung === this.sourceMaxRung) return false
    this.sourceMaxRung = rung
    this.applyCap('the source')
    return true
  }

  private applyCap (by: string): void {
    if (this.rung != null && this.rung < this.maxRung) this.rung = this.maxRung
    this.last = { ...this.last, videoRung: this.rung, reason: `capped at ${VIDEO_LADDER[this.maxRung]?.width ?? 0}x${VIDEO_LADDER[this.maxRung]?.height ?? 0} by ${by}` }
  }

  update (input: AbrInput): AbrDecision {
    if (input.rttMs != null) this.minRtt = Math.min(this.minRtt, input.rttMs)
    const bps = this.audioBps + (this.rung != null ? (VIDEO_LADDER[this.rung]?.bitrateBps ?? 0) : 0)
    const queueMs = input.queuedBytes * 8 / Math.max(bps, 1) * 1000
    const reasons: string[] = []
    if (input.loss > LOSS_CONGESTED) reasons.push(`loss ${(input.loss * 100).toFixed(1)} %`)
    // One report's slope is noisy (a retransmitted frame or a busy CPU tilts it); a queue
    // that is really building keeps the delay rising report after report — or is already
    // big, and then one report is enough.
    this.delayRisingReports = input.owdTrendMsPerS > OWD_TREND_CONGESTED_MS_PER_S ? this.delayRisingReports + 1 : 0
    const delayRising = this.delayRisingReports >= OWD_TREND_REPORTS || (this.delayRisingReports > 0 && (input.owdExcessMs ?? 0) > OWD_QUEUE_BIG_MS)
    // a queue on the path shows in the transport's RTT too; a CPU stall does not
    const pathQueued = input.rttFromTransport !== true || input.rttMs == null || !Number.isFinite(this.minRtt) || input.rttMs > this.minRtt + OWD_RTT_CONFIRM_MS
    if (delayRising && pathQueued) reasons.push(`delay rising ${input.owdTrendMsPerS.toFixed(0)} ms/s`)
    if (queueMs > QUEUE_CONGESTED_MS) reasons.push(`queue ${queueMs.toFixed(0)} ms`)
    if (input.rttMs != null && Number.isFinite(this.minRtt) && input.rttMs > this.minRtt + RTT_INFLATION_MS) reasons.push(`rtt ${input.rttMs.toFixed(0)} ms`)
    const fecLossPercent = Math.min(30, Math.round(Math.max(input.loss, input.transportLoss ?? 0) * 100))
    let reason = 'hold'

    if (reasons.length > 0) {
      this.cleanSince = null
      if (this.lastProbeAt != null && input.nowMs - this.lastProbeAt < PROBE_AFTER_CLEAN_MS) {
        // the last probe up caused this: wait longer before the next one
        this.probeWaitMs = Math.min(this.probeWaitMs * 2, MAX_PROBE_WAIT_MS)
        this.lastProbeAt = null
      }
      if (input.nowMs - this.lastDownAt >= STEP_DOWN_INTERVAL_MS) {
        this.lastDownAt = input.nowMs
        reason = `down: ${reasons.join(', ')}`
        if (this.rung != null) {
          this.rung = this.rung + 1 < VIDEO_LADDER.length ? this.rung + 1 : null
          // audio keeps its quality while video can still give way
          if (this.rung == null) this.audioBps = AUDIO_NORMAL_BPS
        } else {
          this.audioBps = Math.max(AUDIO_MIN_BPS, Math.round(this.audioBps * 0.7))
        }
      }
    } else if (input.loss < LOSS_CLEAN) {
      this.cleanSince ??= input.nowMs
      const paused = this.video && this.rung == null
      const wait = paused ? Math.min(this.probeWaitMs, RESUME_VIDEO_MAX_WAIT_MS) : this.probeWaitMs
      if (input.nowMs - this.cleanSince >= wait) {
        this.cleanSince = input.nowMs
        this.lastProbeAt = input.nowMs
        reason = paused ? 'up: video resumes' : 'up: clean'
        if (paused) this.rung = VIDEO_LADDER.length - 1
        else if (this.audioBps < AUDIO_NORMAL_BPS) this.audioBps = Math.min(AUDIO_NORMAL_BPS, Math.round(this.audioBps / 0.7))
        else if (this.rung != null && this.rung > this.maxRung) this.rung--
        else if (this.audioBps < AUDIO_MAX_BPS) this.audioBps = Math.min(AUDIO_MAX_BPS, this.audioBps + 16_000)
        else reason = 'hold: at the top'
      }
    } else {
      this.cleanSince = null
    }
    this.last = { audioBps: this.audioBps, videoRung: this.rung, fecLossPercent, reason }
    return this.last
  }
}

function bestRungWithin (width: number, height: number): number {
  const i = VIDEO_LADDER.findIndex(r => r.width <= width && r.height <= height)
  return i < 0 ? VIDEO_LADDER.length - 1 : i
}
