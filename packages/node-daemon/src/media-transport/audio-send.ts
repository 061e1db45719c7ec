// Audio send pipeline of a call: capture (a pulled source on the session clock, or live
// frames pushed as they are captured) → Opus → frame seal → the audio stream pool.
// Muted frames are encoded as silence, so the peer's playout keeps its rhythm; on hold
// nothing is sent. The ABR sets the bitrate and the expected loss (Opus in-band FEC).
import { DEFAULT_OPUS_FEC, OpusEncoder } from '@parley/media'
import type { Clock } from '@parley/media'
import { AUDIO_NORMAL_BPS } from './abr.js'
import type { AbrDecision } from './abr.js'
import type { AudioSender } from './audio-sender.js'
import { AUDIO_CATCH_UP_MAX_FRAMES, AUDIO_FRAME_MS, MIN_EXPECTED_LOSS_PERCENT, STAGE_SAMPLES } from './constants.js'
import { sealAudioFrame } from './frame-cipher.js'
import type { FrameCipher } from './frame-cipher.js'
import type { AudioInput, PullAudioInput } from './media-types.js'
import { RecentSamples } from './samples.js'
import { every } from './ticker.js'

/** Opus settings a call starts with (the ABR changes bitrate and expected loss). */
export const CALL_OPUS_START = { bitrateBps: AUDIO_NORMAL_BPS, fec: DEFAULT_OPUS_FEC, expectedLossPercent: MIN_EXPECTED_LOSS_PERCENT } as const

export class AudioSendPipeline {
  /** The stream pool; none while (re)connecting, and then frames are not sent. */
  sender: AudioSender | undefined
  muted = false
  onHold = false
  sent = 0
  bytesSent = 0
  readonly encodeMs = new RecentSamples(STAGE_SAMPLES)
  private readonly encoder = new OpusEncoder(CALL_OPUS_START)
  private index = 0
  private stopped = false

  constructor (private readonly clock: Clock, private readonly cipher: FrameCipher) {}

  /** Starts capturing; returns the unsubscribe of a live input (a pulled one stops with the signal). */
  start (input: AudioInput, signal: AbortSignal): () => void {
    if ('subscribe' in input) return input.subscribe(pcm => { void this.sendLive(pcm) })
    const t0 = this.clock.nowMs()
    every(this.clock, AUDIO_FRAME_MS, signal, () => { void this.sendPulled(input, t0) })
    return () => {}
  }

  applyAbr (d: AbrDecision): void {
    if (this.encoder.bitrateBps !== d.audioBps) this.encoder.setBitrate(d.audioBps)
    this.encoder.setExpectedLossPercent(Math.max(d.fecLossPercent, MIN_EXPECTED_LOSS_PERCENT))
  }

  queuedBytes (): number { return this.sender?.queuedBytes() ?? 0 }

  async stop (): Promise<void> {
    this.stopped = true
    await this.encoder.close()
  }

  private async sendPulled (input: PullAudioInput, t0: number): Promise<void> {
    if (this.sender == null || this.onHold) return
    // catch up on the clock rather than drift with timer jitter
    const due = Math.floor((this.clock.nowMs() - t0) / AUDIO_FRAME_MS)
    if (due - this.index > AUDIO_CATCH_UP_MAX_FRAMES) this.index = due
    while (this.index <= due && !this.stopped) {
      const i = this.index++
      const pcm = input.frame(i)
      if (!await this.encodeAndSend(i, Math.round((t0 + i * AUDIO_FRAME_MS) * 1000), pcm)) return
    }
  }

  /** A live 20 ms frame: encode and send it now (no timer between capture and encoder). */
  private async sendLive (pcm: Int16Array): Promise<void> {
    if (this.sender == null || this.onHold || this.stopped) return
    await this.encodeAndSend(this.index++, Math.round(this.clock.nowMs() * 1000), pcm)
  }

  private async encodeAndSend (seq: number, captureTsUs: number, pcm: Int16Array): Promise<boolean> {
    let opus: Uint8Array
    const e0 = this.clock.nowMs()
    try { opus = await this.encoder.encode(this.muted ? new Int16Array(pcm.length) : pcm) } catch { return false }
    this.encodeMs.push(this.clock.nowMs() - e0)
    if (this.stopped || this.sender == null) return false
    const bytes = sealAudioFrame(this.cipher, { seq, captureTsUs, payload: opus })
    this.sender.send(bytes)
    this.sent++
    this.bytesSent += bytes.length
    return true
  }
}
