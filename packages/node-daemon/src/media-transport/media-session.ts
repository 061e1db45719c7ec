// The media engine of one connected call, composed of pipelines with one job each
// (docs/protocol.md §4): audio send (audio-send.ts), video send (video-send.ts), receive
// (receive.ts), the control channel (control-channel.ts) and the numbers (session-stats.ts),
// with the ABR turning the peer's reports into encoder settings. The session owns their
// lifetimes and the streams: it opens them through a MediaLink and takes the peer's from
// the router. Sources and sinks are pluggable: synthetic or file sources and file
// recorders for headless calls and tests, the GUI's capture and playback for live calls.
import type { CallMediaStats } from '@parley/core/ipc'
import { systemClock } from '@parley/media'
import type { Clock } from '@parley/media'
import type { Logger } from '../logger.js'
import type { ParleyLibp2p } from '../p2p/node.js'
import { AbrController } from './abr.js'
import type { AbrDecision } from './abr.js'
import { AudioSendPipeline } from './audio-send.js'
import { AudioSender } from './audio-sender.js'
import { REPORT_INTERVAL_MS } from './constants.js'
import { ControlChannel } from './control-channel.js'
import type { FrameCipher } from './frame-cipher.js'
import { libp2pMediaLink } from './media-link.js'
import type { InboundMedia, MediaLink } from './media-link.js'
import type { AudioInput, MediaOutput, VideoInput } from './media-types.js'
import { ReceivePipeline } from './receive.js'
import { SessionStats } from './session-stats.js'
import { patternInput, toneInput } from './synthetic-inputs.js'
import { every } from './ticker.js'
import { VideoSender } from './video-sender.js'
import { VideoSendPipeline } from './video-send.js'

export type { AudioInput, MediaOutput, PullAudioInput, PullVideoInput, PushAudioInput, PushVideoInput, VideoInput } from './media-types.js'
export type { CallMediaStats as MediaStats, TransportStats } from '@parley/core/ipc'

export interface MediaSessionOptions {
  /** Where the peer's streams of this call come from (the daemon's MediaRouter). */
  router: InboundMedia
  /** How to open streams to the peer; default: over `node`, on the call's connection. */
  link?: MediaLink
  /** The daemon's libp2p node; needed only when no `link` is given. */
  node?: ParleyLibp2p
  log: Logger
  callId: string
  peerId: string
  cipher: FrameCipher
  audio: boolean
  video: boolean
  /** Default: a 440 Hz tone and the counted test pattern. */
  input?: { audio?: AudioInput, video?: VideoInput }
  output?: MediaOutput
  /** Head-of-line countermeasures off: one stream per kind, no duplicates (the ablation). Default false. */
  singleStream?: boolean
  /** Start rung of the video ladder (see abr.ts); default the ABR's. */
  startRung?: number
  /** Drives every timer of the session; default the system clock. */
  clock?: Clock
}

export class MediaSession {
  private readonly o: MediaSessionOptions
  private readonly clock: Clock
  private readonly link: MediaLink
  private readonly abr: AbrController
  private readonly audio: AudioSendPipeline
  private readonly video: VideoSendPipeline
  private readonly receive: ReceivePipeline
  private readonly control: ControlChannel
  private readonly numbers: SessionStats
  private readonly stopping = new AbortController()
  private readonly unsubscribe: Array<() => void> = []
  private stopped = false

  constructor (opts: MediaSessionOptions) {
    this.o = opts
    this.clock = opts.clock ?? systemClock
    if (opts.link == null && opts.node == null) throw new TypeError('MediaSession needs a link or a node')
    this.link = opts.link ?? libp2pMediaLink(opts.node as ParleyLibp2p, opts.peerId, opts.callId)
    this.abr = new AbrController({ video: opts.video, ...(opts.startRung != null ? { startRung: opts.startRung } : {}) })
    this.audio = new AudioSendPipeline(this.clock, opts.cipher)
    this.video = new VideoSendPipeline(this.clock, opts.cipher, this.abr, opts.video)
    this.control = new ControlChannel(this.clock, {
      onKeyframeRequest: () => { this.video.requestKeyframe() },
      onReport: (r) => { this.applyAbr(this.abr.update(this.numbers.abrInput(r, this.clock.nowMs()))) }
    })
    this.receive = new ReceivePipeline({
      clock: this.clock,
      cipher: opts.cipher,
      ...(opts.output != null ? { output: opts.output } : {}),
      clockOffsetMs: () => this.control.clockOffsetMs,
      onControl: (m) => { this.control.receive(m) },
      requestKeyframe: (reason) => { this.control.send({ type: 'keyframe', reason }) }
    })
    this.numbers = new SessionStats({ audio: this.audio, video: this.video, receive: this.receive, control: this.control, abr: this.abr, pathStats: this.link.pathStats }, this.clock.nowMs())
  }

  /**
   * Accept the peer's media streams from now on. The caller listens as soon as it sends
   * the offer: the callee starts sending right after answering, possibly before the
   * answer has reached the caller.
   */
  listen (): void {
    this.o.router.register(this.o.callId, { peerId: this.o.peerId, accept: (kind, stream, leftover) => { this.receive.accept(kind, stream, leftover) } })
  }

  async start (): Promise<void> {
    this.listen()
    this.numbers.begin(this.clock.nowMs())
    await this.openTransport()
    const signal = this.stopping.signal
    if (this.o.audio) this.unsubscribe.push(this.audio.start(this.o.input?.audio ?? toneInput(440), signal))
    if (this.o.video) this.unsubscribe.push(this.video.start(this.o.input?.video ?? patternInput(), signal))
    this.receive.start(signal)
    this.control.startPings(signal)
    every(this.clock, REPORT_INTERVAL_MS, signal, () => { this.control.send(this.numbers.report(this.clock.nowMs())) })
  }

  /**
   * After the connection dropped and came back: new streams on the new connection, and a
   * keyframe so the peer's decoder can resume. The sealers keep counting, so no nonce is
   * ever reused across the reconnect.
   */
  async restartTransport (): Promise<void> {
    this.audio.sender?.abort()
    this.video.sender?.abort()
    this.control.abort('reconnecting')
    this.receive.abortInbound('reconnecting')
    this.audio.sender = undefined
    this.video.sender = undefined
    await this.openTransport()
    this.video.requestKeyframe()
  }

  /** ms since the peer's last media or control bytes (Infinity before the first). */
  silentForMs (): number { return this.receive.silentForMs() }
  /** ms since the peer's first media or control bytes of this call (0 before them). */
  heardForMs (): number { return this.receive.heardForMs() }

  setAudioMuted (muted: boolean): void { this.audio.muted = muted }
  setVideoOn (on: boolean): void { this.video.setVideoOn(on) }
  setHold (hold: boolean): void { this.audio.onHold = hold; this.video.setHold(hold) }
  requestKeyframe (): void { this.video.requestKeyframe() }
  /** The peer renegotiated: video wanted or not, and at most this size. */
  renegotiate (video: boolean, maxWidth?: number, maxHeight?: number): void {
    this.video.remoteWantsVideo = video
    if (maxWidth != null && maxHeight != null) {
      this.abr.capResolution(maxWidth, maxHeight)
      this.applyAbr(this.abr.last)
    }
    if (video) this.video.requestKeyframe()
  }

  stats (): CallMediaStats { return this.numbers.snapshot() }

  async stop (): Promise<void> {
    if (this.stopped) return
    this.stopped = true
    this.stopping.abort()
    for (const u of this.unsubscribe.splice(0)) u()
    this.o.router.unregister(this.o.callId)
    await Promise.allSettled([this.audio.sender?.close(), this.video.sender?.close(), this.control.close()])
    await this.receive.stop()
    await Promise.allSettled([this.audio.stop(), this.video.stop()])
  }

  /** The control stream, the audio pool and the video spares (again, after a reconnect). */
  private async openTransport (): Promise<void> {
    const single = this.o.singleStream === true
    this.control.attach(await this.link.open('control'))
    if (this.o.audio) {
      const sender = new AudioSender(async () => await this.link.open('audio'), single ? { poolSize: 1, duplicateDelayMs: 0 } : {})
      await sender.start()
      this.audio.sender = sender
    }
    if (this.o.video) {
      const sender = new VideoSender(async () => await this.link.open('video'), { singleStream: single })
      await sender.start()
      this.video.sender = sender
    }
  }

  private applyAbr (d: AbrDecision): void {
    this.audio.applyAbr(d)
    this.video.applyAbr(d)
  }
}
