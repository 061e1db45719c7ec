import { KEYFRAME_REQUEST_INTERVAL_MS, VIDEO_GAP_TIMEOUT_MS, VIDEO_MAX_PENDING_FRAMES } from '../constants.js'
import type { VideoFrame } from '../wire/video-frame.js'
import { seqAdd, seqDiff } from './seq.js'

export type KeyframeRequestReason = 'start' | 'gap' | 'overflow' | 'group-without-keyframe'

export interface VideoAssemblerOptions {
  /** How long a missing frame is waited for. Default VIDEO_GAP_TIMEOUT_MS (150). */
  gapTimeoutMs?: number
  /** Frames held while waiting for a missing one. Default VIDEO_MAX_PENDING_FRAMES (120). */
  maxPendingFrames?: number
  /** Minimum spacing of keyframe requests. Default KEYFRAME_REQUEST_INTERVAL_MS (500). */
  keyframeRequestIntervalMs?: number
  /** Called when the decoder cannot continue without a keyframe (rate-limited). Default: none. */
  onKeyframeRequest?: (reason: KeyframeRequestReason) => void
}

export interface VideoAssemblerStats {
  /** Frames handed out for decoding. */
  released: number
  /** Frames older than the release point (late or duplicate). */
  stale: number
  /** Frames thrown away because they depend on something missing. */
  undecodable: number
  /** Missing frames given up on. */
  gaps: number
  keyframeRequests: number
  waitingForKeyframe: boolean
  pending: number
}

interface Held {
  frame: VideoFrame
  arrivalMs: number
}

/**
 * Orders video frames for the decoder. Releases frames strictly in sequence;
 * a missing frame is waited for up to gapTimeoutMs, then everything up to the
 * next keyframe is discarded and a keyframe is requested. A keyframe always
 * resynchronises, even across a gap. The sender numbers only frames it sends,
 * so frames its ABR drops (top temporal layers) leave no gap.
 */
export class VideoAssembler {
  private readonly gapTimeoutMs: number
  private readonly maxPending: number
  private readonly requestIntervalMs: number
  private readonly onKeyframeRequest: ((reason: KeyframeRequestReason) => void) | undefined
  private readonly pending = new Map<number, Held>()
  private expected: number | undefined
  private group: number | undefined
  private waiting = true
  private lastRequestMs = -Infinity
  private counters = { released: 0, stale: 0, undecodable: 0, gaps: 0, keyframeRequests: 0 }

  constructor (options: VideoAssemblerOptions = {}) {
    this.gapTimeoutMs = options.gapTimeoutMs ?? VIDEO_GAP_TIMEOUT_MS
    this.maxPending = options.maxPendingFrames ?? VIDEO_MAX_PENDING_FRAMES
    this.requestIntervalMs = options.keyframeRequestIntervalMs ?? KEYFRAME_REQUEST_INTERVAL_MS
    this.onKeyframeRequest = options.onKeyframeRequest
  }

  /** Returns the frames that became decodable, in decode order. */
  push (frame: VideoFrame, arrivalTimeMs: number): VideoFrame[] {
    if (this.expected !== undefined && seqDiff(frame.seq, this.expected) < 0) {
      this.counters.stale++
      return []
    }
    if (this.group !== undefined && seqDiff(frame.groupId, this.group) < 0) {
      this.counters.stale++
      return []
    }
    if (this.pending.has(frame.seq)) {
      this.counters.stale++
      return []
    }
    this.pending.set(frame.seq, { frame, arrivalMs: arrivalTimeMs })
    const out = this.drain(arrivalTimeMs)
    if (this.waiting && !frame.keyframe && out.length === 0) this.request('start', arrivalTimeMs)
    if (this.pending.size > this.maxPending) out.push(...this.giveUp('overflow', arrivalTimeMs))
    return out
  }

  /** Call periodically (e.g. every frame interval) so gaps time out without new arrivals. */
  tick (nowMs: number): VideoFrame[] {
    if (this.waiting) {
      if (this.pending.size > 0) this.request('gap', nowMs)
      return []
    }
    const oldest = this.oldestPendingArrival()
    if (oldest !== undefined && nowMs - oldest >= this.gapTimeoutMs) return this.giveUp('gap', nowMs)
    return []
  }

  stats (): VideoAssemblerStats {
    return { ...this.counters, waitingForKeyframe: this.waiting, pending: this.pending.size }
  }

  private drain (nowMs: number): VideoFrame[] {
    const out: VideoFrame[] = []
    if (this.waiting) {
      const key = this.lowestKeyframe()
      if (key === undefined) return out
      this.startAt(key)
    }
    for (;;) {
      const exp = this.expected as number
      let held = this.pending.get(exp)
      if (held === undefined) {
        // A keyframe further on makes the missing frames irrelevant.
        const key = this.lowestKeyframe()
        if (key === undefined) break
        this.counters.gaps++
        this.startAt(key)
        held = this.pending.get(this.expected as number)
        if (held === undefined) break
      }
      const f = held.frame
      this.pending.delete(f.seq)
      if (!f.keyframe && this.group !== undefined && f.groupId !== this.group) {
        // Groups start with a keyframe; a new group without one cannot be decoded.
        this.counters.undecodable++
        this.enterWaiting('group-without-keyframe', nowMs)
        return out.concat(this.drain(nowMs))
      }
      this.group = f.groupId
      this.expected = seqAdd(f.seq, 1)
      this.counters.released++
      out.push(f)
    }
    return out
  }

  private startAt (keySeq: number): void {
    for (const seq of [...this.pending.keys()]) {
      if (seqDiff(seq, keySeq) < 0) {
        this.pending.delete(seq)
        this.counters.undecodable++
      }
    }
    this.expected = keySeq
    this.group = undefined
    this.waiting = false
  }

  private giveUp (reason: KeyframeRequestReason, nowMs: number): VideoFrame[] {
    this.counters.gaps++
    this.enterWaiting(reason, nowMs)
    return this.drain(nowMs)
  }

  private enterWaiting (reason: KeyframeRequestReason, nowMs: number): void {
    this.waiting = true
    const key = this.lowestKeyframe()
    if (key === undefined) {
      this.counters.undecodable += this.pending.size
      // Keep the newest frames' position so stale ones are still recognised.
      let newest: number | undefined
      for (const seq of this.pending.keys()) if (newest === undefined || seqDiff(seq, newest) > 0) newest = seq
      if (newest !== undefined) this.expected = seqAdd(newest, 1)
      this.pending.clear()
      this.request(reason, nowMs)
    }
  }

  private request (reason: KeyframeRequestReason, nowMs: number): void {
    if (nowMs - this.lastRequestMs < this.requestIntervalMs) return
    this.lastRequestMs = nowMs
    this.counters.keyframeRequests++
    this.onKeyframeRequest?.(reason)
  }

  private lowestKeyframe (): number | undefined {
    let best: number | undefined
    for (const [seq, held] of this.pending) {
      if (held.frame.keyframe && (best === undefined || seqDiff(seq, best) < 0)) best = seq
    }
    return best
  }

  private oldestPendingArrival (): number | undefined {
    let t: number | undefined
    for (const held of this.pending.values()) t = t === undefined ? held.arrivalMs : Math.min(t, held.arrivalMs)
    return t
  }
}
