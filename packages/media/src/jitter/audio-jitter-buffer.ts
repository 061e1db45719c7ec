import {
  DEFAULT_OPUS_FRAME_DURATION_MS, JITTER_CEILING_MS, JITTER_FLOOR_MS, JITTER_INITIAL_TARGET_MS,
  JITTER_MAX_CONCEALMENT_MS, JITTER_MAX_SEQ_JUMP_FRAMES, JITTER_MIN_SAMPLES, JITTER_TARGET_PERCENTILE, JITTER_TRIM_INTERVAL_TICKS,
  JITTER_STRETCH_INTERVAL_TICKS, JITTER_TRIM_MARGIN_MS, JITTER_WINDOW_FRAMES
} from '../constants.js'
import { InvalidOptionError } from '../errors.js'
import type { AudioFrame } from '../wire/audio-frame.js'
import { seqAdd, seqDiff } from './seq.js'

export interface AudioJitterBufferOptions {
  /** Duration of one frame = one playout tick. Default DEFAULT_OPUS_FRAME_DURATION_MS (20). */
  frameDurationMs?: number
  /** Lowest target delay. Default JITTER_FLOOR_MS (20). */
  floorMs?: number
  /** Highest target delay; frames that would need more are late. Default JITTER_CEILING_MS (250). */
  ceilingMs?: number
  /** Target before any jitter has been measured. Default JITTER_INITIAL_TARGET_MS (40). */
  initialTargetMs?: number
  /** Continuous concealment after which playout stops and rebuffers. Default JITTER_MAX_CONCEALMENT_MS (200). */
  maxConcealmentMs?: number
}

/** What to play on this tick. `fec`: call decodeFec(nextFrame.payload); nextFrame stays queued. */
export type PlayoutDecision =
  | { type: 'decode', seq: number, frame: AudioFrame }
  | { type: 'fec', seq: number, nextFrame: AudioFrame }
  | { type: 'plc', seq: number }
  | { type: 'silence' }

export type PushResult = 'accepted' | 'late' | 'duplicate'

export interface JitterBufferStats {
  /** Frames pushed, including late and duplicate ones. */
  received: number
  /** Copies of a frame already buffered or played (e.g. redundant sends). */
  duplicates: number
  /** Frames that arrived after their playout slot. */
  late: number
  /** Playout slots whose frame was missing (concealed by FEC or PLC). */
  lost: number
  /** Ticks that produced concealment instead of a frame's own packet (PLC + FEC). */
  concealed: number
  /** Of `concealed`, ticks that used the next packet's FEC. */
  fec: number
  /** Frames discarded to bring the delay down towards the target. */
  trimmed: number
  /** Concealed frames inserted to raise the delay towards the target. */
  stretched: number
  /**
   * How much later than the fastest observed transit the last frame played
   * (the delay the buffer adds to absorb jitter).
   */
  currentDelayMs: number
  /** Audio queued from the playout point to the newest frame. */
  bufferedMs: number
  targetDelayMs: number
  /** 95th percentile of transit time above its minimum over the window. */
  jitterMs: number
  playing: boolean
}

interface Slot {
  frame: AudioFrame
  arrivalMs: number
}

const PLAYED_MEMORY_FRAMES = 256

/**
 * Audio jitter buffer driven by the caller's clock: push() on arrival,
 * pop() once per frame duration. Target delay follows measured jitter between
 * floor and ceiling; gaps become FEC (if the next packet is here) or PLC;
 * an empty buffer stretches playout with PLC instead of skipping ahead.
 */
export class AudioJitterBuffer {
  readonly frameDurationMs: number
  readonly floorMs: number
  readonly ceilingMs: number
  private readonly initialTargetMs: number
  private readonly maxConcealTicks: number
  private readonly slots = new Map<number, Slot>()
  private readonly transitMs: number[] = []
  private transitCursor = 0
  private readonly played: number[] = []
  private nextSeq: number | undefined
  private playing = false
  private concealRun = 0
  private ticksSinceTrim = 0
  private ticksSinceStretch = 0
  private minTransit = 0
  /** Capture time (ms) the frame at nextSeq has, from the last frame played. */
  private expectedCaptureMs: number | undefined
  private delay = 0
  private target: number
  private jitter = 0
  private counters = { received: 0, duplicates: 0, late: 0, lost: 0, concealed: 0, fec: 0, trimmed: 0, stretched: 0 }

  constructor (options: AudioJitterBufferOptions = {}) {
    this.frameDurationMs = options.frameDurationMs ?? DEFAULT_OPUS_FRAME_DURATION_MS
    this.floorMs = options.floorMs ?? JITTER_FLOOR_MS
    this.ceilingMs = options.ceilingMs ?? JITTER_CEILING_MS
    this.initialTargetMs = options.initialTargetMs ?? JITTER_INITIAL_TARGET_MS
    const maxConcealmentMs = options.maxConcealmentMs ?? JITTER_MAX_CONCEALMENT_MS
    if (!(this.frameDurationMs > 0) || !(this.floorMs >= 0) || !(this.ceilingMs >= this.floorMs) || !(maxConcealmentMs > 0)) {
      throw new InvalidOptionError('jitter buffer needs frameDurationMs > 0, 0 ≤ floorMs ≤ ceilingMs, maxConcealmentMs > 0')
    }
    this.maxConcealTicks = Math.max(1, Math.round(maxConcealmentMs / this.frameDurationMs))
    this.target = clamp(this.initialTargetMs, this.floorMs, this.ceilingMs)
  }

  push (frame: AudioFrame, arrivalTimeMs: number): PushResult {
    this.counters.received++
    if (this.slots.has(frame.seq) || this.played.includes(frame.seq)) {
      this.counters.duplicates++
      return 'duplicate'
    }
    this.recordTransit(arrivalTimeMs - frame.captureTsUs / 1000)
    if (this.nextSeq !== undefined) {
      const ahead = seqDiff(frame.seq, this.nextSeq)
      if (ahead < 0) {
        if (-ahead <= JITTER_MAX_SEQ_JUMP_FRAMES) {
          this.counters.late++
          return 'late'
        }
        this.restart()  // far behind: the sender restarted its sequence
      } else if (ahead > JITTER_MAX_SEQ_JUMP_FRAMES) {
        this.restart()
      }
    }
    this.slots.set(frame.seq, { frame, arrivalMs: arrivalTimeMs })
    this.enforceCapacity()
    return 'accepted'
  }

  /** Call once per frameDurationMs. */
  pop (nowMs: number): PlayoutDecision {
    this.updateTarget()
    if (!this.playing && !this.tryStart(nowMs)) return { type: 'silence' }
    const seq = this.nextSeq as number
    this.ticksSinceTrim++
    this.ticksSinceStretch++

    if (this.slots.size === 0) {
      this.concealRun++
      if (this.concealRun > this.maxConcealTicks) {
        this.playing = false
        this.concealRun = 0
        return { type: 'silence' }
      }
      this.counters.concealed++
      // Playout by deadline: once the frame due now is later than the target delay it
      // is concealed and skipped (dropped as late if it still comes), so a stall on the
      // path does not become lasting delay. Earlier than that (a frame a little behind
      // its usual arrival) the concealment waits for it instead, which adds one frame
      // of delay.
      if (this.expectedCaptureMs !== undefined && nowMs - (this.expectedCaptureMs + this.minTransit) >= this.target) {
        this.counters.lost++
        this.nextSeq = seqAdd(seq, 1)
        this.expectedCaptureMs += this.frameDurationMs
      }
      return { type: 'plc', seq }
    }

    const delay = this.playoutDelayMs(nowMs)
    this.delay = delay
    if (delay < this.target - this.frameDurationMs && this.ticksSinceStretch >= JITTER_STRETCH_INTERVAL_TICKS) {
      // Playing earlier than the jitter requires: insert one concealed frame to build delay.
      this.ticksSinceStretch = 0
      this.counters.concealed++
      this.counters.stretched++
      return { type: 'plc', seq }
    }
    // Trim only real excess in the buffer: after a lasting path-delay increase the
    // delay is high but the queue is short, and trimming would just underrun.
    if (delay > this.target + JITTER_TRIM_MARGIN_MS && this.queuedMs() > this.target + JITTER_TRIM_MARGIN_MS &&
        this.ticksSinceTrim >= JITTER_TRIM_INTERVAL_TICKS) {
      this.ticksSinceTrim = 0
      if (this.slots.delete(seq)) this.remember(seq)
      this.nextSeq = seqAdd(seq, 1)
      if (this.expectedCaptureMs !== undefined) this.expectedCaptureMs += this.frameDurationMs
      this.counters.trimmed++
      if (this.slots.size === 0) return this.pop(nowMs)
    }

    const now = this.nextSeq as number
    const slot = this.slots.get(now)
    this.nextSeq = seqAdd(now, 1)
    this.concealRun = 0
    if (slot !== undefined) {
      this.slots.delete(now)
      this.remember(now)
      this.expectedCaptureMs = slot.frame.captureTsUs / 1000 + this.frameDurationMs
      return { type: 'decode', seq: now, frame: slot.frame }
    }
    if (this.expectedCaptureMs !== undefined) this.expectedCaptureMs += this.frameDurationMs
    this.counters.lost++
    this.counters.concealed++
    const next = this.slots.get(this.nextSeq)
    if (next !== undefined) {
      this.counters.fec++
      return { type: 'fec', seq: now, nextFrame: next.frame }
    }
    return { type: 'plc', seq: now }
  }

  stats (): JitterBufferStats {
    return {
      ...this.counters,
      currentDelayMs: this.delay,
      bufferedMs: this.queuedMs(),
      targetDelayMs: this.target,
      jitterMs: this.jitter,
      playing: this.playing
    }
  }

  /** Forget all frames and timing (e.g. on a new call leg). Counters are kept. */
  reset (): void {
    this.restart()
    this.transitMs.length = 0
    this.transitCursor = 0
    this.target = clamp(this.initialTargetMs, this.floorMs, this.ceilingMs)
    this.jitter = 0
  }

  private restart (): void {
    this.expectedCaptureMs = undefined
    this.slots.clear()
    this.played.length = 0
    this.nextSeq = undefined
    this.playing = false
    this.concealRun = 0
  }

  private tryStart (nowMs: number): boolean {
    let first: number | undefined
    let firstArrival = Infinity
    for (const [seq, slot] of this.slots) {
      if (first === undefined || seqDiff(seq, first) < 0) first = seq
      firstArrival = Math.min(firstArrival, slot.arrivalMs)
    }
    if (first === undefined) return false
    const firstCaptureMs = (this.slots.get(first) as Slot).frame.captureTsUs / 1000
    const delay = nowMs - (firstCaptureMs + this.minTransit)
    if (delay < this.target && nowMs - firstArrival < this.target && this.spanFrom(first) < this.target) return false
    if (this.nextSeq !== undefined) {
      const skipped = seqDiff(first, this.nextSeq)
      if (skipped > 0) this.counters.lost += skipped
    }
    // After a stall the backlog can exceed the target: start near the newest
    // frames instead of carrying the whole stall as extra delay.
    while (this.spanFrom(first) > this.target + this.frameDurationMs) {
      this.slots.delete(first)
      this.remember(first)
      this.counters.trimmed++
      first = seqAdd(first, 1)
      while (!this.slots.has(first)) first = seqAdd(first, 1)
    }
    this.nextSeq = first
    this.playing = true
    this.ticksSinceTrim = 0
    this.ticksSinceStretch = 0
    this.delay = this.playoutDelayMs(nowMs)
    return true
  }

  /** Audio from `from` to the newest buffered frame, inclusive. */
  private spanFrom (from: number): number {
    let newest = -1
    for (const seq of this.slots.keys()) newest = Math.max(newest, seqDiff(seq, from))
    return newest < 0 ? 0 : (newest + 1) * this.frameDurationMs
  }

  private queuedMs (): number {
    return this.nextSeq === undefined ? 0 : this.spanFrom(this.nextSeq)
  }

  /** Now minus the time the frame at nextSeq would arrive over the fastest observed path. */
  private playoutDelayMs (nowMs: number): number {
    const seq = this.nextSeq as number
    for (const [s, slot] of this.slots) {
      const captureMs = slot.frame.captureTsUs / 1000 - seqDiff(s, seq) * this.frameDurationMs
      return nowMs - (captureMs + this.minTransit)
    }
    return 0
  }

  /** Never hold more than twice the ceiling: drop the oldest frames. */
  private enforceCapacity (): void {
    const maxFrames = Math.max(2, Math.ceil((2 * this.ceilingMs) / this.frameDurationMs))
    while (this.slots.size > maxFrames) {
      let oldest: number | undefined
      for (const seq of this.slots.keys()) if (oldest === undefined || seqDiff(seq, oldest) < 0) oldest = seq
      if (oldest === undefined) return
      this.slots.delete(oldest)
      this.remember(oldest)
      this.counters.trimmed++
      if (this.nextSeq !== undefined && seqDiff(oldest, this.nextSeq) >= 0) this.nextSeq = seqAdd(oldest, 1)
    }
  }

  private remember (seq: number): void {
    this.played.push(seq)
    if (this.played.length > PLAYED_MEMORY_FRAMES) this.played.shift()
  }

  private recordTransit (ms: number): void {
    if (this.transitMs.length < JITTER_WINDOW_FRAMES) this.transitMs.push(ms)
    else this.transitMs[this.transitCursor] = ms
    this.transitCursor = (this.transitCursor + 1) % JITTER_WINDOW_FRAMES
  }

  private updateTarget (): void {
    if (this.transitMs.length === 0) return
    const sorted = [...this.transitMs].sort((a, b) => a - b)
    const min = sorted[0] ?? 0
    this.minTransit = min
    if (sorted.length < JITTER_MIN_SAMPLES) return
    const p = sorted[Math.min(sorted.length - 1, Math.floor(JITTER_TARGET_PERCENTILE * (sorted.length - 1)))] ?? min
    this.jitter = p - min
    // One extra frame: playout ticks are discrete, so a frame can be up to a tick early.
    this.target = clamp(this.jitter + this.frameDurationMs, this.floorMs, this.ceilingMs)
  }
}

function clamp (v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v))
}
