// The media engine of one connected call: capture → encode → seal → streams on the
// sending side; streams → open → jitter buffer / assembler → decode → sink on the
// receiving side; receiver reports and ping/pong on the control streams; the ABR
// adjusting encoders from what the peer reports. Sources and sinks are pluggable:
// synthetic or file sources and file recorders for headless calls and tests; the GUI
// plugs in browser capture and playback later.
import type { Stream } from '@libp2p/interface'
import { FrameReplayError } from '@parley/core/call/index'
import { peerIdFromString } from '@libp2p/peer-id'
import {
  AudioPlayout, MediaFrameReader, OpusDecoder, OpusEncoder,
  VideoAssembler, Vp9Decoder, Vp9Encoder, scaleI420, systemClock
} from '@parley/media'
import type { AudioFrame, Clock, I420Frame, VideoFrame } from '@parley/media'
import type { Logger } from '../logger.js'
import type { ParleyLibp2p } from '../p2p/node.js'
import { quicPathStats } from '../p2p/quic-stats.js'
import type { QuicPathStats } from '../p2p/quic-stats.js'
import { AbrController, VIDEO_LADDER } from './abr.js'
import type { AbrDecision } from './abr.js'
import { AudioSender } from './audio-sender.js'
import { MEDIA_PROTOCOL, MEDIA_STREAM_CLOSE_TIMEOUT_MS } from './constants.js'
import { ControlReader, encodeControl } from './control.js'
import type { ControlMessage, ReceiverReport } from './control.js'
import { openAudioFrame, openVideoFrame, sealAudioFrame, sealVideoFrame } from './frame-cipher.js'
import type { FrameCipher } from './frame-cipher.js'
import type { MediaRouter } from './media-router.js'
import { encodeStreamHeader } from './stream-header.js'
import type { StreamKindName } from './stream-header.js'
import { acceptOneWay, closeOrAbort, onStreamData } from './stream-io.js'
import { VideoSender } from './video-sender.js'
import { ArrivalLossCounter } from './loss-counter.js'
import type { AudioInput, MediaOutput, PullAudioInput, VideoInput } from './media-types.js'
import { patternInput, toneInput } from './synthetic-inputs.js'

export const REPORT_INTERVAL_MS = 500
export const PING_INTERVAL_MS = 1000
export const AUDIO_FRAME_MS = 20
/** One-way delay above the call's minimum before its trend counts as congestion. */
export const OWD_QUEUE_MIN_EXCESS_MS = 20
/** An audio frame this many frames behind the newest one and still missing is lost (300 ms). */
export const NETWORK_LOSS_GRACE_FRAMES = 15
/** Frames the video frame-rate budget can save up (a burst of this many passes). */
export const VIDEO_BURST_FRAMES = 2
/** Budget needed to encode a frame: a little under one, for timer jitter. */
export const VIDEO_CREDIT_MIN = 0.8
/** Recent samples per stage kept for the stats' medians. */
export const STAGE_SAMPLES = 200

export type { AudioInput, MediaOutput, PullAudioInput, PullVideoInput, PushAudioInput, PushVideoInput, VideoInput } from './media-types.js'

export interface MediaSessionOptions {
  node: ParleyLibp2p
  router: MediaRouter
  log: Logger
  callId: string
  peerId: string
  cipher: FrameCipher
  audio: boolean
  video: boolean
  input?: { audio?: AudioInput, video?: VideoInput }
  output?: MediaOutput
  /** Head-of-line countermeasures off: one stream per kind, no duplicates (the ablation). */
  singleStream?: boolean
  /** Start rung of the video ladder (see abr.ts). */
  startRung?: number
  clock?: Clock
}

export interface TransportStats {
  rttMs: number | null
  /** Packets lost ÷ sent over the last report interval, before retransmission. */
  lossFraction: number
  sentPackets: number
  lostPackets: number
  congestionEvents: number
}

export interface MediaStats {
  rttMs: number | null
  /**
   * Stage medians (ms) over recent frames: encodeMs (sender), transitMs = capture → arrival
   * at the receiver (encode + send queue + network, clock-offset corrected), decodeMs.
   */
  audio: { sent: number, received: number, decoded: number, concealed: number, late: number, lost: number, jitterBufferMs: number, jitterTargetMs: number, jitterMs: number, bitrateSentBps: number, bitrateReceivedBps: number, latencyMs: number | null, encodeMs: number | null, transitMs: number | null, decodeMs: number | null }
  video: { sent: number, dropped: number, received: number, decoded: number, keyframeRequests: number, width: number, height: number, fps: number, bitrateSentBps: number, bitrateReceivedBps: number, latencyMs: number | null, encodeMs: number | null, transitMs: number | null, decodeMs: number | null }
  forgedFrames: number
  /** Redundant audio copies and replays, dropped by the replay window. */
  duplicateFrames: number
  abr: AbrDecision & { queuedBytes: number }
  /** The QUIC connection's path as quinn sees it (null over TCP). */
  transport: TransportStats | null
  remote: ReceiverReport | null
}

export class MediaSession {
  private readonly o: MediaSessionOptions
  private readonly clock: Clock
  private readonly abr: AbrController
  private audioSender: AudioSender | undefined
  private videoSender: VideoSender | undefined
  private control: Stream | undefined
  /** The peer's streams of this call, until they end: reset when the call stops or reconnects. */
  private readonly inbound = new Set<Stream>()
  private readonly opusEnc = new OpusEncoder({ bitrateBps: 32_000, fec: true, expectedLossPercent: 5 })
  private readonly opusDec = new OpusDecoder()
  private readonly playout: AudioPlayout
  private vpxEnc: Vp9Encoder | undefined
  private readonly vpxDec = new Vp9Decoder()
  private readonly assembler: VideoAssembler
  private readonly timers: NodeJS.Timeout[] = []
  private readonly unsubscribe: Array<() => void> = []
  private lastVideoAtMs = Number.NEGATIVE_INFINITY
  private videoCredit = VIDEO_BURST_FRAMES
  /** A live picture that arrived while the encoder was busy; only the newest is kept. */
  private pendingVideo: I420Frame | null = null
  private stopped = false
  /** When the peer's last media or control bytes arrived (the silence watchdog reads it). */
  private lastHeardAtMs = Number.NEGATIVE_INFINITY
  private firstHeardAtMs: number | null = null
  private audioIndex = 0
  private videoIndex = 0
  private videoSeq = 0
  private groupId = 0
  private forceKey = true
  private encodingVideo = false
  private decodingVideo = Promise.resolve()
  private audioMuted = false
  /** The user's camera switch. */
  private videoOn: boolean
  /** The ABR's "video paused" rung, independent of the user's switch. */
  private abrPaused = false
  /** The peer's last Renegotiate said it wants video. */
  private remoteWantsVideo = true
  private onHold = false
  private rttMs: number | null = null
  private clockOffsetMs = 0
  private lastRemote: ReceiverReport | null = null
  private readonly counters = {
    aSent: 0, aBytesSent: 0, aRecv: 0, aBytesRecv: 0, aDecoded: 0, aConcealed: 0,
    vSent: 0, vDropped: 0, vBytesSent: 0, vRecv: 0, vBytesRecv: 0, vDecoded: 0, forged: 0, duplicates: 0
  }

  private readonly latency = { audio: [] as number[], video: [] as number[], owd: [] as Array<[number, number]> }
  /** Recent per-stage times (ms) for the stats' stage breakdown; each kept to STAGE_SAMPLES. */
  private readonly stages = { aEncode: [] as number[], vEncode: [] as number[], aDecode: [] as number[], vDecode: [] as number[], aTransit: [] as number[], vTransit: [] as number[] }
  private prevReport = { aRecv: 0, aLost: 0, at: 0, aBytesSent: 0, vBytesSent: 0, aBytesRecv: 0, vBytesRecv: 0 }
  private rates = { aSent: 0, vSent: 0, aRecv: 0, vRecv: 0 }
  private minOwdMs = Number.POSITIVE_INFINITY
  /** QUIC path statistics of the call's connection, over the last report interval. */
  private transport: TransportStats | null = null
  private prevPath: QuicPathStats | null = null
  private readonly audioLoss = new ArrivalLossCounter(NETWORK_LOSS_GRACE_FRAMES)

  constructor (opts: MediaSessionOptions) {
    this.o = opts
    this.clock = opts.clock ?? systemClock
    this.videoOn = opts.video
    this.abr = new AbrController({ video: opts.video, ...(opts.startRung != null ? { startRung: opts.startRung } : {}) })
    this.playout = new AudioPlayout(this.opusDec)
    this.assembler = new VideoAssembler({ onKeyframeRequest: (reason) => { this.sendControl({ type: 'keyframe', reason }) } })
  }

  /**
   * Accept the peer's media streams from now on. The caller listens as soon as it sends
   * the offer: the callee starts sending right after answering, possibly before the
   * answer has reached the caller.
   */
  listen (): void {
    this.o.router.register(this.o.callId, { peerId: this.o.peerId, accept: (kind, stream, leftover) => { this.accept(kind, stream, leftover) } })
  }

  async start (): Promise<void> {
    this.listen()
    this.prevReport.at = this.clock.nowMs()
    await this.openTransport()
    if (this.o.video) {
      const rung = VIDEO_LADDER[this.abr.last.videoRung ?? VIDEO_LADDER.length - 1] ?? VIDEO_LADDER[3]
      if (rung != null) this.vpxEnc = new Vp9Encoder({ width: rung.width, height: rung.height, frameRate: rung.fps, bitrateBps: rung.bitrateBps, cpuUsed: 8, threads: 2, errorResilient: true })
    }
    const audioIn = this.o.input?.audio ?? toneInput(440)
    const videoIn = this.o.input?.video ?? patternInput()
    const t0 = this.clock.nowMs()
    if ('subscribe' in audioIn) this.unsubscribe.push(audioIn.subscribe(pcm => { void this.sendLiveAudio(pcm) }))
    else this.every(AUDIO_FRAME_MS, () => { void this.sendAudio(audioIn, t0) })
    this.every(AUDIO_FRAME_MS, () => { void this.playAudio() })
    if (this.o.video) {
      if ('subscribe' in videoIn) this.unsubscribe.push(videoIn.subscribe(f => { this.onLiveVideo(f) }))
      else this.every(1000 / 30, () => { void this.sendVideo((w, h) => videoIn.frame(this.videoIndex, w, h)) })
    }
    this.every(REPORT_INTERVAL_MS, () => { this.report() })
    this.every(PING_INTERVAL_MS, () => { this.sendControl({ type: 'ping', t: this.clock.nowMs() }) })
    this.every(50, () => { for (const f of this.assembler.tick(this.clock.nowMs())) this.decodeVideo(f) })
  }

  /** Open the control stream, the audio pool and the video spares (again, after a reconnect). */
  private async openTransport (): Promise<void> {
    const { node, callId, peerId } = this.o
    const remote = peerIdFromString(peerId)
    const opener = (kind: StreamKindName) => async (): Promise<Stream> => {
      const s = await node.dialProtocol(remote, MEDIA_PROTOCOL, { signal: AbortSignal.timeout(10_000) })
      s.send(encodeStreamHeader({ kind, callId }))
      return s
    }
    this.control = await opener('control')()
    if (this.o.audio) {
      this.audioSender = new AudioSender(opener('audio'), this.o.singleStream === true ? { poolSize: 1, duplicateDelayMs: 0 } : {})
      await this.audioSender.start()
    }
    if (this.o.video) {
      this.videoSender = new VideoSender(opener('video'), { singleStream: this.o.singleStream === true })
      await this.videoSender.start()
    }
  }

  /**
   * After the connection dropped and came back: new streams on the new connection, and a
   * keyframe so the peer's decoder can resume. The sealers keep counting, so no nonce is
   * ever reused across the reconnect.
   */
  async restartTransport (): Promise<void> {
    this.audioSender?.abort()
    this.videoSender?.abort()
    this.control?.abort(new Error('reconnecting'))
    this.abortInbound('reconnecting')
    this.audioSender = undefined
    this.videoSender = undefined
    this.control = undefined
    await this.openTransport()
    this.forceKey = true
  }

  /** ms since the peer's last media or control bytes (Infinity before the first). */
  silentForMs (): number {
    return this.clock.nowMs() - this.lastHeardAtMs
  }

  /** ms since the peer's first media or control bytes of this call (0 before them). */
  heardForMs (): number {
    return this.firstHeardAtMs == null ? 0 : this.clock.nowMs() - this.firstHeardAtMs
  }

  private heard (now: number): void {
    this.lastHeardAtMs = now
    this.firstHeardAtMs ??= now
  }

  setAudioMuted (muted: boolean): void { this.audioMuted = muted }
  setVideoOn (on: boolean): void { if (on && !this.videoOn) this.forceKey = true; this.videoOn = on }
  setHold (hold: boolean): void { if (!hold && this.onHold) this.forceKey = true; this.onHold = hold }
  requestKeyframe (): void { this.forceKey = true }
  /** The peer renegotiated: video wanted or not, and at most this size. */
  renegotiate (video: boolean, maxWidth?: number, maxHeight?: number): void {
    this.remoteWantsVideo = video
    if (maxWidth != null && maxHeight != null) {
      this.abr.capResolution(maxWidth, maxHeight)
      this.applyAbr(this.abr.last)
    }
    if (video) this.forceKey = true
  }

  stats (): MediaStats {
    const jb = this.playout.buffer.stats()
    const rung = this.abr.last.videoRung != null ? VIDEO_LADDER[this.abr.last.videoRung] : undefined
    return {
      rttMs: this.rttMs,
      audio: {
        sent: this.counters.aSent, received: this.counters.aRecv, decoded: this.counters.aDecoded, concealed: this.counters.aConcealed,
        late: jb.late, lost: jb.lost, jitterBufferMs: jb.currentDelayMs, jitterTargetMs: jb.targetDelayMs, jitterMs: jb.jitterMs,
        bitrateSentBps: this.rates.aSent, bitrateReceivedBps: this.rates.aRecv, latencyMs: median(this.latency.audio),
        encodeMs: median(this.stages.aEncode), transitMs: median(this.stages.aTransit), decodeMs: median(this.stages.aDecode)
      },
      video: {
        sent: this.counters.vSent, dropped: this.counters.vDropped, received: this.counters.vRecv, decoded: this.counters.vDecoded,
        keyframeRequests: this.assembler.stats().keyframeRequests,
        width: this.vpxEnc?.width ?? 0, height: this.vpxEnc?.height ?? 0, fps: rung?.fps ?? 0,
        bitrateSentBps: this.rates.vSent, bitrateReceivedBps: this.rates.vRecv, latencyMs: median(this.latency.video),
        encodeMs: median(this.stages.vEncode), transitMs: median(this.stages.vTransit), decodeMs: median(this.stages.vDecode)
      },
      forgedFrames: this.counters.forged,
      duplicateFrames: this.counters.duplicates,
      abr: { ...this.abr.last, queuedBytes: (this.audioSender?.queuedBytes() ?? 0) + (this.videoSender?.queuedBytes() ?? 0) },
      transport: this.transport,
      remote: this.lastRemote
    }
  }

  async stop (): Promise<void> {
    if (this.stopped) return
    this.stopped = true
    for (const t of this.timers) clearInterval(t)
    for (const u of this.unsubscribe.splice(0)) u()
    this.o.router.unregister(this.o.callId)
    const control = this.control
    await Promise.allSettled([this.audioSender?.close(), this.videoSender?.close(), control != null ? closeOrAbort(control, MEDIA_STREAM_CLOSE_TIMEOUT_MS) : undefined])
    this.abortInbound('call ended')
    await this.decodingVideo.catch(() => {})
    await Promise.allSettled([this.opusEnc.close(), this.opusDec.close(), this.vpxEnc?.close(), this.vpxDec.close()])
  }


  private abortInbound (why: string): void {
    for (const s of this.inbound) s.abort(new Error(why))
    this.inbound.clear()
  }

  private sample (stage: keyof MediaSession['stages'], ms: number): void {
    const xs = this.stages[stage]
    xs.push(ms)
    if (xs.length > STAGE_SAMPLES) xs.shift()
  }

  // --- sending --------------------------------------------------------------------------

  private every (ms: number, fn: () => void): void {
    const t = setInterval(() => { if (!this.stopped) fn() }, ms)
    this.timers.push(t)
  }

  private async sendAudio (input: PullAudioInput, t0: number): Promise<void> {
    if (this.audioSender == null || this.onHold) return
    // catch up on the wall clock rather than drift with timer jitter
    const due = Math.floor((this.clock.nowMs() - t0) / AUDIO_FRAME_MS)
    // after a stall (reconnect, a busy event loop) old audio is useless: skip ahead
    if (due - this.audioIndex > 5) this.audioIndex = due
    while (this.audioIndex <= due && !this.stopped) {
      const i = this.audioIndex++
      const captureTsUs = Math.round((t0 + i * AUDIO_FRAME_MS) * 1000)
      const pcm = this.audioMuted ? new Int16Array(960) : input.frame(i)
      let opus: Uint8Array
      const e0 = this.clock.nowMs()
      try { opus = await this.opusEnc.encode(pcm) } catch { return }
      this.sample('aEncode', this.clock.nowMs() - e0)
      if (this.stopped) return
      const bytes = sealAudioFrame(this.o.cipher, { seq: i, captureTsUs, payload: opus })
      this.audioSender.send(bytes)
      this.counters.aSent++
      this.counters.aBytesSent += bytes.length
    }
  }

  /** A live 20 ms frame: encode and send it now (no timer between capture and encoder). */
  private async sendLiveAudio (pcm: Int16Array): Promise<void> {
    if (this.audioSender == null || this.onHold || this.stopped) return
    const i = this.audioIndex++
    const captureTsUs = Math.round(this.clock.nowMs() * 1000)
    let opus: Uint8Array
    const e0 = this.clock.nowMs()
    try { opus = await this.opusEnc.encode(this.audioMuted ? new Int16Array(pcm.length) : pcm) } catch { return }
    this.sample('aEncode', this.clock.nowMs() - e0)
    if (this.stopped || this.audioSender == null) return
    const bytes = sealAudioFrame(this.o.cipher, { seq: i, captureTsUs, payload: opus })
    this.audioSender.send(bytes)
    this.counters.aSent++
    this.counters.aBytesSent += bytes.length
  }

  /** A live picture: encode it now, or after the frame being encoded (newest one wins). */
  private onLiveVideo (frame: I420Frame): void {
    if (this.abr.capToSource(frame.width, frame.height)) this.applyAbr(this.abr.last)
    if (this.encodingVideo) { this.pendingVideo = frame; return }
    void this.sendVideo((w, h) => scaleI420(frame, w, h)).then(() => {
      const next = this.pendingVideo
      this.pendingVideo = null
      if (next != null && !this.stopped) this.onLiveVideo(next)
    })
  }

  private async sendVideo (picture: (width: number, height: number) => I420Frame): Promise<void> {
    if (this.videoSender == null || this.vpxEnc == null || !this.videoOn || !this.remoteWantsVideo || this.abrPaused || this.onHold || this.encodingVideo) return
    // The rung's frame rate (15 fps at the bottom of the ladder), as a budget of frames
    // that refills with time: live frames reach us in bursts (a WebSocket, a busy event
    // loop), and a gap-based rule would drop the second frame of every burst.
    const fps = VIDEO_LADDER[this.abr.last.videoRung ?? 0]?.fps ?? 30
    const now = this.clock.nowMs()
    const elapsed = Number.isFinite(this.lastVideoAtMs) ? now - this.lastVideoAtMs : 1000
    this.lastVideoAtMs = now
    this.videoCredit = Math.min(VIDEO_BURST_FRAMES, this.videoCredit + elapsed * fps / 1000)
    if (this.videoCredit < VIDEO_CREDIT_MIN) return
    this.videoCredit = Math.max(0, this.videoCredit - 1)
    this.encodingVideo = true
    try {
      const captureTsUs = Math.round(now * 1000)
      const enc = this.vpxEnc
      const keyframe = this.forceKey
      this.forceKey = false
      const img = picture(enc.width, enc.height)
      this.videoIndex++
      const e0 = this.clock.nowMs()
      const out = await enc.encode(img, { ptsUs: captureTsUs, keyframe })
      this.sample('vEncode', this.clock.nowMs() - e0)
      if (out == null || this.stopped) return
      if (out.keyframe) this.groupId++
      const bytes = sealVideoFrame(this.o.cipher, {
        seq: this.videoSeq, captureTsUs, keyframe: out.keyframe, temporalLayer: out.temporalLayer ?? 0,
        width: enc.width, height: enc.height, groupId: this.groupId, payload: out.data
      })
      // every sealed frame uses up its counter (a nonce is never reused), sent or not
      this.videoSeq++
      const r = this.videoSender.send(bytes, out.keyframe)
      if (r === 'sent') {
        this.counters.vSent++
        this.counters.vBytesSent += bytes.length
      } else {
        // the receiver sees a gap and waits for a keyframe: send one next
        this.counters.vDropped++
        this.forceKey = true
      }
    } finally {
      this.encodingVideo = false
    }
  }

  private sendControl (msg: ControlMessage): void {
    if (this.control?.writeStatus === 'writable') this.control.send(encodeControl(msg))
  }

  /** quinn's view of the path: smoothed RTT and packet loss before retransmission. */
  private sampleTransport (): void {
    const conn = this.o.node.getConnections(peerIdFromString(this.o.peerId))[0]
    const q = conn != null ? quicPathStats(conn) : null
    if (q == null) { this.transport = null; this.prevPath = null; return }
    const p = this.prevPath
    const sent = p != null && q.sentPackets >= p.sentPackets ? q.sentPackets - p.sentPackets : 0
    const lost = p != null && q.lostPackets >= p.lostPackets ? q.lostPackets - p.lostPackets : 0
    this.prevPath = q
    this.transport = {
      rttMs: Number.isFinite(q.rttMs) ? q.rttMs : null,
      lossFraction: sent > 0 ? Math.min(1, lost / sent) : 0,
      sentPackets: q.sentPackets,
      lostPackets: q.lostPackets,
      congestionEvents: q.congestionEvents
    }
  }

  private report (): void {
    this.sampleTransport()
    const now = this.clock.nowMs()
    const jb = this.playout.buffer.stats()
    const dt = Math.max(1, now - this.prevReport.at) / 1000
    const c = this.counters
    this.rates = {
      aSent: (c.aBytesSent - this.prevReport.aBytesSent) * 8 / dt,
      vSent: (c.vBytesSent - this.prevReport.vBytesSent) * 8 / dt,
      aRecv: (c.aBytesRecv - this.prevReport.aBytesRecv) * 8 / dt,
      vRecv: (c.vBytesRecv - this.prevReport.vBytesRecv) * 8 / dt
    }
    const owd = this.latency.owd.splice(0)
    for (const [, d] of owd) this.minOwdMs = Math.min(this.minOwdMs, d)
    // A rising one-way delay only means congestion once a queue has actually formed:
    // on a busy CPU the slope over 500 ms is noisy even when nothing is queued.
    const excess = (median(owd.map(p => p[1])) ?? this.minOwdMs) - this.minOwdMs
    const trend = excess > OWD_QUEUE_MIN_EXCESS_MS ? slope(owd) : 0
    this.sendControl({
      type: 'report',
      atMs: now,
      // lost = never arrived (a gap in the sequence numbers), what the sender's ABR reads as
      // network loss; frames that came after their playout deadline are `late`, not lost
      audio: { received: c.aRecv, lost: this.audioLoss.lost, late: jb.late, concealed: c.aConcealed, jitterMs: 0, playoutDelayMs: jb.currentDelayMs },
      video: { received: c.vRecv, lost: 0, framesDecoded: c.vDecoded, keyframeRequests: this.assembler.stats().keyframeRequests },
      owdTrendMsPerS: trend,
      owdExcessMs: Number.isFinite(excess) ? Math.max(0, excess) : 0,
      frameLatencyMs: median(this.latency.audio),
      bytesReceived: c.aBytesRecv + c.vBytesRecv
    })
    this.prevReport = { aRecv: c.aRecv, aLost: jb.lost, at: now, aBytesSent: c.aBytesSent, vBytesSent: c.vBytesSent, aBytesRecv: c.aBytesRecv, vBytesRecv: c.vBytesRecv }
    if (this.latency.audio.length > 200) this.latency.audio.splice(0, this.latency.audio.length - 200)
    if (this.latency.video.length > 100) this.latency.video.splice(0, this.latency.video.length - 100)
  }

  private onRemoteReport (r: ReceiverReport): void {
    const prev = this.lastRemote
    this.lastRemote = r
    const received = r.audio.received - (prev?.audio.received ?? 0)
    const lost = r.audio.lost - (prev?.audio.lost ?? 0)
    const loss = received + lost > 0 ? Math.max(0, lost) / (received + Math.max(0, lost)) : 0
    const d = this.abr.update({
      nowMs: this.clock.nowMs(), loss, owdTrendMsPerS: r.owdTrendMsPerS,
      ...(r.owdExcessMs != null ? { owdExcessMs: r.owdExcessMs } : {}),
      // quinn's smoothed RTT when the connection is QUIC: no event-loop delay in it
      rttMs: this.transport?.rttMs ?? this.rttMs,
      ...(this.transport != null ? { transportLoss: this.transport.lossFraction, rttFromTransport: this.transport.rttMs != null } : {}),
      queuedBytes: (this.audioSender?.queuedBytes() ?? 0) + (this.videoSender?.queuedBytes() ?? 0)
    })
    this.applyAbr(d)
  }

  private applyAbr (d: AbrDecision): void {
    if (this.opusEnc.bitrateBps !== d.audioBps) this.opusEnc.setBitrate(d.audioBps)
    this.opusEnc.setExpectedLossPercent(Math.max(d.fecLossPercent, 5))
    const enc = this.vpxEnc
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

  // --- receiving ------------------------------------------------------------------------

  private accept (kind: StreamKindName, stream: Stream, leftover: Uint8Array): void {
    if (this.stopped) { stream.abort(new Error('call ended')); return }
    acceptOneWay(stream)
    this.inbound.add(stream)
    stream.addEventListener('close', () => { this.inbound.delete(stream) })
    if (kind === 'control') {
      const reader = new ControlReader()
      const take = (b: Uint8Array): void => {
        if (b.length > 0) this.heard(this.clock.nowMs())
        for (const m of reader.push(b)) this.onControl(m)
      }
      take(leftover)
      onStreamData(stream, take, () => {})
      return
    }
    const reader = new MediaFrameReader()
    const take = (bytes: Uint8Array): void => {
      const now = this.clock.nowMs()
      if (bytes.length > 0) this.heard(now)
      for (const f of reader.push(bytes)) {
        if (f.kind === 'audio' && kind === 'audio') this.onAudio(f.frame, now)
        else if (f.kind === 'video' && kind === 'video') this.onVideo(f.frame, now)
        else throw new Error(`a ${f.kind} frame on a ${kind} stream`)
      }
    }
    take(leftover)
    onStreamData(stream, take, () => {})
  }

  private onControl (m: ControlMessage): void {
    const now = this.clock.nowMs()
    switch (m.type) {
      case 'ping': this.sendControl({ type: 'pong', t: m.t, peerNowMs: now }); break
      case 'pong': {
        this.rttMs = now - m.t
        // the peer's clock minus ours, assuming a symmetric path
        this.clockOffsetMs = m.peerNowMs - (m.t + this.rttMs / 2)
        break
      }
      case 'keyframe': this.forceKey = true; break
      case 'report': this.onRemoteReport(m); break
    }
  }

  private onAudio (frame: AudioFrame, now: number): void {
    let open: AudioFrame
    try {
      open = openAudioFrame(this.o.cipher, frame)
    } catch (err) {
      // the redundant copy of a frame (or a replay) fails the replay window: not a forgery
      if (err instanceof FrameReplayError) this.counters.duplicates++
      else this.counters.forged++
      return
    }
    this.counters.aRecv++
    this.audioLoss.push(open.seq)
    this.counters.aBytesRecv += frame.payload.length
    const transit = now - (open.captureTsUs / 1000 - this.clockOffsetMs)
    this.latency.owd.push([now, transit])
    this.sample('aTransit', transit)
    this.playout.push(open, now)
  }

  private async playAudio (): Promise<void> {
    const now = this.clock.nowMs()
    let out
    try { out = await this.playout.tick(now) } catch { return }
    if (out.decision === 'decode') {
      this.sample('aDecode', this.clock.nowMs() - now)
      this.counters.aDecoded++
    } else if (out.decision === 'plc' || out.decision === 'fec') {
      this.counters.aConcealed++
    }
    const localCaptureMs = out.captureTsUs != null ? out.captureTsUs / 1000 - this.clockOffsetMs : null
    if (localCaptureMs != null) this.latency.audio.push(now - localCaptureMs)
    this.o.output?.audio?.(out.pcm, { captureTsUs: localCaptureMs != null ? Math.round(localCaptureMs * 1000) : null, concealed: out.decision === 'plc' || out.decision === 'fec' })
  }

  private onVideo (frame: VideoFrame, now: number): void {
    let open: VideoFrame
    try {
      open = openVideoFrame(this.o.cipher, frame)
    } catch (err) {
      if (err instanceof FrameReplayError) this.counters.duplicates++
      else this.counters.forged++
      return
    }
    this.counters.vRecv++
    this.counters.vBytesRecv += frame.payload.length
    this.sample('vTransit', now - (open.captureTsUs / 1000 - this.clockOffsetMs))
    for (const f of this.assembler.push(open, now)) this.decodeVideo(f)
  }

  private decodeVideo (f: VideoFrame): void {
    this.decodingVideo = this.decodingVideo.then(async () => {
      if (this.stopped) return
      let img: I420Frame | null = null
      const d0 = this.clock.nowMs()
      try { img = await this.vpxDec.decode(f.payload) } catch { this.sendControl({ type: 'keyframe', reason: 'decode error' }); return }
      this.sample('vDecode', this.clock.nowMs() - d0)
      this.counters.vDecoded++
      this.latency.video.push(this.clock.nowMs() - (f.captureTsUs / 1000 - this.clockOffsetMs))
      this.o.output?.video?.({ data: f.payload, ptsUs: f.captureTsUs, keyframe: f.keyframe, width: f.width, height: f.height }, img)
    })
  }
}

function median (xs: number[]): number | null {
  if (xs.length === 0) return null
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? null
}

/** Least-squares slope of (t ms, owd ms) pairs, in ms per second. */
function slope (pts: Array<[number, number]>): number {
  if (pts.length < 3) return 0
  const n = pts.length
  const mx = pts.reduce((a, p) => a + p[0], 0) / n
  const my = pts.reduce((a, p) => a + p[1], 0) / n
  let num = 0
  let den = 0
  for (const [x, y] of pts) { num += (x - mx) * (y - my); den += (x - mx) ** 2 }
  return den === 0 ? 0 : (num / den) * 1000
}
