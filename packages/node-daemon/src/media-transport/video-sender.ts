// Video on a new one-way stream per group of pictures (a keyframe starts a group).
// Spare streams are opened ahead so a keyframe never waits for a round trip. When a
// group's stream backs up past the latency budget, its remaining frames are dropped
// (the caller then forces a keyframe, which starts a fresh stream): late video is
// useless, and queueing it would delay audio, which shares the congestion window.
import type { Stream } from '@libp2p/interface'
import { MEDIA_STREAM_CLOSE_TIMEOUT_MS, VIDEO_GROUP_DEADLINE_MS, VIDEO_MAX_QUEUED_BYTES, VIDEO_SPARE_STREAMS } from './constants.js'
import { closeOrAbort, queuedBytes } from './stream-io.js'

export interface VideoSenderOptions {
  /** Streams opened ahead; default VIDEO_SPARE_STREAMS (1). */
  spares?: number
  /** Abandon a group whose oldest queued frame is older than this; default VIDEO_GROUP_DEADLINE_MS. */
  groupDeadlineMs?: number
  /** Drop frames while more than this is queued; default VIDEO_MAX_QUEUED_BYTES. */
  maxQueuedBytes?: number
  /** One stream for the whole call (the ablation); default false. */
  singleStream?: boolean
  now?: () => number
}

export type VideoSendResult = 'sent' | 'dropped' | 'no-stream'

export class VideoSender {
  private current: Stream | undefined
  private readonly spares: Stream[] = []
  private opening = 0
  private closed = false
  private lastDrainAt = 0
  private readonly opts: Required<Omit<VideoSenderOptions, 'now'>>
  private readonly now: () => number
  framesSent = 0
  framesDropped = 0
  groupsAbandoned = 0
  bytesSent = 0

  constructor (private readonly open: () => Promise<Stream>, opts: VideoSenderOptions = {}) {
    this.opts = {
      spares: opts.spares ?? VIDEO_SPARE_STREAMS,
      groupDeadlineMs: opts.groupDeadlineMs ?? VIDEO_GROUP_DEADLINE_MS,
      maxQueuedBytes: opts.maxQueuedBytes ?? VIDEO_MAX_QUEUED_BYTES,
      singleStream: opts.singleStream ?? false
    }
    this.now = opts.now ?? Date.now
  }

  async start (): Promise<void> {
    await this.topUp()
  }

  /** Send one encoded, sealed frame. A keyframe starts a new group on a fresh stream. */
  send (frame: Uint8Array, keyframe: boolean): VideoSendResult {
    if (this.closed) return 'no-stream'
    if (keyframe && (!this.opts.singleStream || this.current == null)) {
      const spare = this.spares.shift()
      if (spare != null) {
        const old = this.current
        this.current = spare
        // the old group is finished: close gracefully (its tail may still be in flight)
        if (old != null) void closeOrAbort(old, MEDIA_STREAM_CLOSE_TIMEOUT_MS)
        this.topUp().catch(() => {})
      }
    }
    const s = this.current
    if (s == null || s.writeStatus !== 'writable') { this.framesDropped++; return 'no-stream' }
    const queued = queuedBytes(s)
    if (queued === 0) this.lastDrainAt = this.now()
    const stale = queued > 0 && this.now() - this.lastDrainAt > this.opts.groupDeadlineMs
    if (!keyframe && (queued > this.opts.maxQueuedBytes || stale)) {
      this.framesDropped++
      if (stale && !this.opts.singleStream) {
        // Abandon the group: the receiver gives up on it and waits for the keyframe.
        this.groupsAbandoned++
        this.current = undefined
        s.abort(new Error('video group abandoned'))
      }
      return 'dropped'
    }
    s.send(frame)
    this.framesSent++
    this.bytesSent += frame.byteLength
    return 'sent'
  }

  queuedBytes (): number {
    return this.current != null ? queuedBytes(this.current) : 0
  }

  async close (): Promise<void> {
    this.closed = true
    const all = [this.current, ...this.spares]
    await Promise.all(all.map(async s => { if (s != null) await closeOrAbort(s, MEDIA_STREAM_CLOSE_TIMEOUT_MS) }))
  }

  abort (): void {
    this.closed = true
    for (const s of [this.current, ...this.spares]) s?.abort(new Error('video sender aborted'))
  }

  private async topUp (): Promise<void> {
    const want = (this.opts.singleStream ? (this.current == null ? 1 : 0) : this.opts.spares) - this.spares.length - this.opening
    const jobs = []
    for (let k = 0; k < want; k++) {
      this.opening++
      jobs.push(this.open().then(s => {
        if (this.closed) s.abort(new Error('closed'))
        else this.spares.push(s)
      }).finally(() => { this.opening-- }))
    }
    await Promise.all(jobs)
  }
}
