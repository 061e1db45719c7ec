// Video send pipeline of a call: pictures (a pulled test pattern on the session clock, or
// live frames pushed from the GUI) → scale to the ABR's rung → VP9 → frame seal → a
// stream per group of pictures. A frame is encoded only when the rung's frame-rate budget
// allows, the user's camera is on, the peer wants video, the ABR has not paused it and the
// call is not on hold. Dropped frames and new streams force a keyframe.
import { Vp9Encoder, scaleI420 } from '@parley/media'
import type { Clock, I420Frame } from '@parley/media'
import { VIDEO_LADDER } from './abr.js'
import type { AbrController, AbrDecision } from './abr.js'
import {
  LIVE_VP9_CPU_USED, LIVE_VP9_THREADS, PULL_VIDEO_INTERVAL_MS, STAGE_SAMPLES, VIDEO_BURST_FRAMES, VIDEO_CREDIT_MIN
} from './constants.js'
import { sealVideoFrame } from './frame-cipher.js'
import type { FrameCipher } from './frame-cipher.js'
import type { VideoInput } from './media-types.js'
import { RecentSamples } from './samples.js'
import { every } from './ticker.js'
import type { VideoSender } from './video-sender.js'

export class VideoSendPipeline {
  /** The stream-per-group sender; none while (re)connecting. */
  sender: VideoSender | undefined
  /** The user's camera switch. */
  videoOn: boolean
  /** The peer's last Renegotiate said it wants video. */
  remoteWantsVideo = true
  onHold = false
  sent = 0
  dropped = 0
  bytesSent = 0
  readonly encodeMs = new RecentSamples(STAGE_SAMPLES)
  private encoder: Vp9Encoder | undefined
  /** The ABR's "video paused" rung, independent of the user's switch. */
  private abrPaused = false
  private forceKey = true
  private encoding = false
  /** A live picture that arrived while the encoder was busy; only the newest is kept. */
  private pending: I420Frame | null = null
  private lastAtMs = Number.NEGATIVE_INFINITY
  private credit = VIDEO_BURST_FRAMES
  private index = 0
  private seq = 0
  private groupId = 0
  private stopped = false

  constructor (private readonly clock: Clock, private readonly cipher: FrameCipher, private readonly abr: AbrController, videoOn: boolean) {
    this.videoOn = videoOn
  }

  get width (): number { return this.encoder?.width ?? 0 }
  get height (): number { return this.encoder?.height ?? 0 }

  /** Opens the encoder at the ABR's rung and starts taking pictures; returns a live input's unsubscribe. */
  start (input: VideoInput, signal: AbortSignal): () => void {
    const rung = VIDEO_LADDER[this.abr.last.videoRung ?? VIDEO_LADDER.length - 1]
    if (rung != null) {
      this.encoder = new Vp9Encoder({ width: rung.width, height: rung.height, frameRate: rung.fps, bitrateBps: rung.bitrateBps, cpuUsed: LIVE_VP9_CPU_USED, threads: LIVE_VP9_THREADS, errorResilient: true })
    }
    if ('subscribe' in input) return input.subscribe(f => { this.onLive(f) })
    every(this.clock, PULL_VIDEO_INTERVAL_MS, signal, () => { void this.send((w, h) => input.frame(this.index, w, h)) })
    return () => {}
  }

  requestKeyframe (): void { this.forceKey = true }

  setVideoOn (on: boolean): void {
    if (on && !this.videoOn) this.forceKey = true
    this.videoOn = on
  }

  setHold (hold: boolean): void {
    if (!hold && this.onHold) this.forceKey = true
    this.onHold = hold
  }

  /** The rung the ABR decided: bitrate and size, or paused below the ladder. */
  applyAbr (d: AbrDecision): void {
    const enc = this.encoder
    if (enc == null) return
    if (d.videoRung == null) { this.abrPaused = true; return }
    if (this.abrPaused) { this.abrPaused = false; this.forceKey = true }
    const rung = VIDEO_LADDER[d.videoRung]
    if (rung == null) return
    if (enc.bitrateBps !== rung.bitrateBps) enc.setBitrate(rung.bitrateBps)
    if (enc.width !== rung.width || enc.height !== rung.height) {
      enc.setResolution(rung.width, rung.height)
      this.forceKey = true
    }
  }

  queuedBytes (): number { return this.sender?.queuedBytes() ?? 0 }

  async stop (): Promise<void> {
    this.stopped = true
    await this.encoder?.close()
  }

  /** A live picture: encode it now, or after the frame being encoded (newest one wins). */
  private onLive (frame: I420Frame): void {
    if (this.abr.capToSource(frame.width, frame.height)) this.applyAbr(this.abr.last)
    if (this.encoding) { this.pending = frame; return }
    void this.send((w, h) => scaleI420(frame, w, h)).then(() => {
      const next = this.pending
      this.pending = null
      if (next != null && !this.stopped) this.onLive(next)
    })
  }

  private async send (picture: (width: number, height: number) => I420Frame): Promise<void> {
    if (this.sender == null || this.encoder == null || !this.videoOn || !this.remoteWantsVideo || this.abrPaused || this.onHold || this.encoding) return
    // The rung's frame rate (15 fps at the bottom of the ladder), as a budget of frames
    // that refills with time: live frames reach us in bursts (a WebSocket, a busy event
    // loop), and a gap-based rule would drop the second frame of every burst.
    const fps = VIDEO_LADDER[this.abr.last.videoRung ?? 0]?.fps ?? 30
    const now = this.clock.nowMs()
    const elapsed = Number.isFinite(this.lastAtMs) ? now - this.lastAtMs : 1000
    this.lastAtMs = now
    this.credit = Math.min(VIDEO_BURST_FRAMES, this.credit + elapsed * fps / 1000)
    if (this.credit < VIDEO_CREDIT_MIN) return
    this.credit = Math.max(0, this.credit - 1)
    this.encoding = true
    try {
      const captureTsUs = Math.round(now * 1000)
      const enc = this.encoder
      const keyframe = this.forceKey
      this.forceKey = false
      const img = picture(enc.width, enc.height)
      this.index++
      const e0 = this.clock.nowMs()
      const out = await enc.encode(img, { ptsUs: captureTsUs, keyframe })
      this.encodeMs.push(this.clock.nowMs() - e0)
      if (out == null || this.stopped || this.sender == null) return
      if (out.keyframe) this.groupId++
      const bytes = sealVideoFrame(this.cipher, {
        seq: this.seq, captureTsUs, keyframe: out.keyframe, temporalLayer: out.temporalLayer ?? 0,
        width: enc.width, height: enc.height, groupId: this.groupId, payload: out.data
      })
      // every sealed frame uses up its counter (a nonce is never reused), sent or not
      this.seq++
      if (this.sender.send(bytes, out.keyframe) === 'sent') {
        this.sent++
        this.bytesSent += bytes.length
      } else {
        // the receiver sees a gap and waits for a keyframe: send one next
        this.dropped++
        this.forceKey = true
      }
    } finally {
      this.encoding = false
    }
  }
}
