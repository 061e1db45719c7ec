// Receive pipeline of a call: the peer's one-way streams (taken over from the media
// router) → demultiplex by stream kind → frame open (decrypt, replay window) → audio
// jitter buffer / video assembler → Opus / VP9 decode → the output (recorder, GUI).
// Control messages go to the control channel. Every byte heard from the peer feeds the
// silence watchdog; the clock offset from ping/pong turns the peer's capture times into
// ours for latency and one-way delay.
import type { Stream } from '@libp2p/interface'
import { FrameReplayError } from '@parley/core/call/index'
import { AudioPlayout, MediaFrameReader, OpusDecoder, VideoAssembler, Vp9Decoder } from '@parley/media'
import type { AudioFrame, Clock, I420Frame, VideoFrame } from '@parley/media'
import {
  ASSEMBLER_TICK_MS, AUDIO_FRAME_MS, AUDIO_LATENCY_SAMPLES, NETWORK_LOSS_GRACE_FRAMES, STAGE_SAMPLES, VIDEO_LATENCY_SAMPLES
} from './constants.js'
import { ControlReader } from './control.js'
import type { ControlMessage } from './control.js'
import { openAudioFrame, openVideoFrame } from './frame-cipher.js'
import type { FrameCipher } from './frame-cipher.js'
import { ArrivalLossCounter } from './loss-counter.js'
import type { MediaOutput } from './media-types.js'
import { RecentSamples } from './samples.js'
import type { StreamKindName } from './stream-header.js'
import { acceptOneWay, onStreamData } from './stream-io.js'
import { every } from './ticker.js'

export interface ReceiveOptions {
  clock: Clock
  cipher: FrameCipher
  output?: MediaOutput
  /** The peer's clock minus ours (ms), from the control channel's pongs. */
  clockOffsetMs: () => number
  onControl: (m: ControlMessage) => void
  /** Our decoder lost the picture: ask the peer for a keyframe. */
  requestKeyframe: (reason: string) => void
}

export class ReceivePipeline {
  readonly counters = { aRecv: 0, aBytesRecv: 0, aDecoded: 0, aConcealed: 0, vRecv: 0, vBytesRecv: 0, vDecoded: 0, forged: 0, duplicates: 0 }
  readonly audioLoss = new ArrivalLossCounter(NETWORK_LOSS_GRACE_FRAMES)
  readonly videoLoss = new ArrivalLossCounter(NETWORK_LOSS_GRACE_FRAMES)
  readonly stages = {
    aTransit: new RecentSamples(STAGE_SAMPLES), vTransit: new RecentSamples(STAGE_SAMPLES),
    aDecode: new RecentSamples(STAGE_SAMPLES), vDecode: new RecentSamples(STAGE_SAMPLES)
  }

  /** Capture → playout (audio) and capture → decoded (video) on our clock, ms. */
  readonly latency = { audio: new RecentSamples(AUDIO_LATENCY_SAMPLES), video: new RecentSamples(VIDEO_LATENCY_SAMPLES) }
  /** (arrival, one-way delay) of each audio frame since the last report. */
  owd: Array<[number, number]> = []
  readonly playout: AudioPlayout
  readonly assembler: VideoAssembler
  private readonly opusDec = new OpusDecoder()
  private readonly vpxDec = new Vp9Decoder()
  private decoding = Promise.resolve()
  /** The peer's streams of this call, until they end: reset when the call stops or reconnects. */
  private readonly inbound = new Set<Stream>()
  private lastHeardAtMs = Number.NEGATIVE_INFINITY
  private firstHeardAtMs: number | null = null
  private stopped = false

  constructor (private readonly o: ReceiveOptions) {
    this.playout = new AudioPlayout(this.opusDec)
    this.assembler = new VideoAssembler({ onKeyframeRequest: (reason) => { o.requestKeyframe(reason) } })
  }

  /** Plays audio every frame and releases video frames whose wait is over, until the signal aborts. */
  start (signal: AbortSignal): void {
    every(this.o.clock, AUDIO_FRAME_MS, signal, () => { void this.playAudio() })
    every(this.o.clock, ASSEMBLER_TICK_MS, signal, () => { for (const f of this.assembler.tick(this.o.clock.nowMs())) this.decodeVideo(f) })
  }

  /** ms since the peer's last media or control bytes (Infinity before the first). */
  silentForMs (): number { return this.o.clock.nowMs() - this.lastHeardAtMs }

  /** ms since the peer's first media or control bytes of this call (0 before them). */
  heardForMs (): number { return this.firstHeardAtMs == null ? 0 : this.o.clock.nowMs() - this.firstHeardAtMs }

  /** Takes over one of the peer's streams of this call (from the router). */
  accept (kind: StreamKindName, stream: Stream, leftover: Uint8Array): void {
    if (this.stopped) { stream.abort(new Error('call ended')); return }
    acceptOneWay(stream)
    this.inbound.add(stream)
    stream.addEventListener('close', () => { this.inbound.delete(stream) })
    const take = kind === 'control' ? this.controlReader() : this.frameReader(kind)
    take(leftover)
    onStreamData(stream, take, () => {})
  }

  /** Resets the peer's streams (the call stops or reconnects: the peer opens new ones). */
  abortInbound (why: string): void {
    for (const s of this.inbound) s.abort(new Error(why))
    this.inbound.clear()
  }

  async stop (): Promise<void> {
    this.stopped = true
    this.abortInbound('call ended')
    await this.decoding.catch(() => {})
    await Promise.allSettled([this.opusDec.close(), this.vpxDec.close()])
  }

  private heard (now: number): void {
    this.lastHeardAtMs = now
    this.firstHeardAtMs ??= now
  }

  private controlReader (): (bytes: Uint8Array) => void {
    const reader = new ControlReader()
    return (bytes) => {
      if (bytes.length > 0) this.heard(this.o.clock.nowMs())
      for (const m of reader.push(bytes)) this.o.onControl(m)
    }
  }

  private frameReader (kind: 'audio' | 'video'): (bytes: Uint8Array) => void {
    const reader = new MediaFrameReader()
    return (bytes) => {
      const now = this.o.clock.nowMs()
      if (bytes.length > 0) this.heard(now)
      for (const f of reader.push(bytes)) {
        // a frame of the other kind is a protocol error: onStreamData resets the stream
        if (f.kind === 'audio' && kind === 'audio') this.onAudio(f.frame, now)
        else if (f.kind === 'video' && kind === 'video') this.onVideo(f.frame, now)
        else throw new Error(`a ${f.kind} frame on a ${kind} stream`)
      }
    }
  }

  /** Decrypts; a redundant copy or a replay fails the replay window and is not a forgery. */
  private open<F extends AudioFrame | VideoFrame> (frame: F, opener: (c: FrameCipher, f: F) => F): F | null {
    try {
      return opener(this.o.cipher, frame)
    } catch (err) {
      if (err instanceof FrameReplayError) this.counters.duplicates++
      else this.counters.forged++
      return null
    }
  }

  private onAudio (frame: AudioFrame, now: number): void {
    const open = this.open(frame, openAudioFrame)
    if (open == null) return
    this.counters.aRecv++
    this.audioLoss.push(open.seq)
    this.counters.aBytesRecv += frame.payload.length
    const transit = now - (open.captureTsUs / 1000 - this.o.clockOffsetMs())
    this.owd.push([now, transit])
    this.stages.aTransit.push(transit)
    this.playout.push(open, now)
  }

  private async playAudio (): Promise<void> {
    const now = this.o.clock.nowMs()
    let out
    try { out = await this.playout.tick(now) } catch { return }
    const concealed = out.decision === 'plc' || out.decision === 'fec'
    if (out.decision === 'decode') {
      this.stages.aDecode.push(this.o.clock.nowMs() - now)
      this.counters.aDecoded++
    } else if (concealed) {
      this.counters.aConcealed++
    }
    const localCaptureMs = out.captureTsUs != null ? out.captureTsUs / 1000 - this.o.clockOffsetMs() : null
    if (localCaptureMs != null) this.latency.audio.push(now - localCaptureMs)
    this.o.output?.audio?.(out.pcm, { captureTsUs: localCaptureMs != null ? Math.round(localCaptureMs * 1000) : null, concealed })
  }

  private onVideo (frame: VideoFrame, now: number): void {
    const open = this.open(frame, openVideoFrame)
    if (open == null) return
    this.counters.vRecv++
    this.videoLoss.push(open.seq)
    this.counters.vBytesRecv += frame.payload.length
    this.stages.vTransit.push(now - (open.captureTsUs / 1000 - this.o.clockOffsetMs()))
    for (const f of this.assembler.push(open, now)) this.decodeVideo(f)
  }

  private decodeVideo (f: VideoFrame): void {
    this.decoding = this.decoding.then(async () => {
      if (this.stopped) return
      let img: I420Frame | null = null
      const d0 = this.o.clock.nowMs()
      try { img = await this.vpxDec.decode(f.payload) } catch { this.o.requestKeyframe('decode error'); return }
      this.stages.vDecode.push(this.o.clock.nowMs() - d0)
      this.counters.vDecoded++
      this.latency.video.push(this.o.clock.nowMs() - (f.captureTsUs / 1000 - this.o.clockOffsetMs()))
      this.o.output?.video?.({ data: f.payload, ptsUs: f.captureTsUs, keyframe: f.keyframe, width: f.width, height: f.height }, img)
    })
  }
}
