// Audio over a pool of pre-opened one-way streams, round-robin, with a delayed
// duplicate of each frame on another stream. QUIC retransmits a lost packet only after
// ≈ 1.5 RTT and holds back everything behind it on that stream; spreading frames over
// streams confines a loss to one frame, and the duplicate usually arrives before the
// retransmission would (docs/protocol.md §4 "Transport measurements").
import type { Stream } from '@libp2p/interface'
import {
  AUDIO_DUPLICATE_DELAY_MS, AUDIO_MAX_QUEUED_BYTES_PER_STREAM, AUDIO_POOL_SIZE, AUDIO_STREAM_MIN_LIFETIME_MS, AUDIO_STREAM_REFILL_BACKOFF_MS,
  MEDIA_STREAM_CLOSE_TIMEOUT_MS
} from './constants.js'
import { closeOrAbort, queuedBytes } from './stream-io.js'

export interface AudioSenderOptions {
  /** Streams in the pool. Default AUDIO_POOL_SIZE (8); 1 = the single-stream ablation. */
  poolSize?: number
  /** Delay of the redundant copy in ms; default AUDIO_DUPLICATE_DELAY_MS (10); 0 disables it. */
  duplicateDelayMs?: number
}

export class AudioSender {
  private readonly streams: Array<Stream | undefined> = []
  private next = 0
  private closed = false
  private readonly timers = new Set<NodeJS.Timeout>()
  readonly poolSize: number
  readonly duplicateDelayMs: number
  framesSent = 0
  framesDropped = 0
  bytesSent = 0

  constructor (private readonly open: () => Promise<Stream>, opts: AudioSenderOptions = {}) {
    this.poolSize = opts.poolSize ?? AUDIO_POOL_SIZE
    this.duplicateDelayMs = opts.duplicateDelayMs ?? AUDIO_DUPLICATE_DELAY_MS
  }

  /** Open the whole pool before the first frame, so no frame waits for a stream. */
  async start (): Promise<void> {
    await Promise.all(Array.from({ length: this.poolSize }, async (_, i) => { await this.fill(i) }))
  }

  send (frame: Uint8Array): void {
    if (this.closed) return
    const i = this.pick()
    if (i < 0) { this.framesDropped++; return }
    this.write(i, frame)
    if (this.duplicateDelayMs > 0 && this.poolSize > 1) {
      const j = (i + Math.floor(this.poolSize / 2)) % this.poolSize
      const t = setTimeout(() => { this.timers.delete(t); this.write(j, frame) }, this.duplicateDelayMs)
      this.timers.add(t)
    }
    this.framesSent++
  }

  queuedBytes (): number {
    return this.streams.reduce((n, s) => n + (s != null ? queuedBytes(s) : 0), 0)
  }

  async close (): Promise<void> {
    this.closed = true
    for (const t of this.timers) clearTimeout(t)
    await Promise.all(this.streams.map(async s => { if (s != null) await closeOrAbort(s, MEDIA_STREAM_CLOSE_TIMEOUT_MS) }))
  }

  /** Hard stop (connection lost, call ended abruptly). */
  abort (): void {
    this.closed = true
    for (const t of this.timers) clearTimeout(t)
    for (const s of this.streams) s?.abort(new Error('audio sender aborted'))
  }

  private pick (): number {
    for (let k = 0; k < this.poolSize; k++) {
      const i = (this.next + k) % this.poolSize
      const s = this.streams[i]
      if (s?.writeStatus === 'writable' && queuedBytes(s) <= AUDIO_MAX_QUEUED_BYTES_PER_STREAM) {
        this.next = (i + 1) % this.poolSize
        return i
      }
    }
    return -1
  }

  private write (i: number, frame: Uint8Array): void {
    const s = this.streams[i]
    if (s?.writeStatus !== 'writable' || queuedBytes(s) > AUDIO_MAX_QUEUED_BYTES_PER_STREAM) return
    s.send(frame)
    this.bytesSent += frame.byteLength
  }

  private async fill (i: number): Promise<void> {
    if (this.closed) return
    const s = await this.open()
    if (this.closed) { s.abort(new Error('closed')); return }
    this.streams[i] = s
    const openedAt = Date.now()
    s.addEventListener('close', () => {
      if (this.streams[i] === s) this.streams[i] = undefined
      if (this.closed) return
      // replace a stream the peer or the transport closed, off the frame path; one that
      // lived only briefly (the peer's router refused it: its call ended) is replaced after
      // a pause, or the pool would redial in a tight loop until our side ends the call too
      const refill = (): void => { this.fill(i).catch(() => {}) }
      if (Date.now() - openedAt >= AUDIO_STREAM_MIN_LIFETIME_MS) { refill(); return }
      const t = setTimeout(() => { this.timers.delete(t); refill() }, AUDIO_STREAM_REFILL_BACKOFF_MS)
      this.timers.add(t)
    })
  }
}
