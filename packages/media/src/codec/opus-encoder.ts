import {
  DEFAULT_OPUS_BITRATE_BPS, DEFAULT_OPUS_CHANNELS, DEFAULT_OPUS_COMPLEXITY, DEFAULT_OPUS_DTX,
  DEFAULT_OPUS_EXPECTED_LOSS_PERCENT, DEFAULT_OPUS_FEC, DEFAULT_OPUS_FRAME_DURATION_MS,
  MAX_OPUS_BITRATE_BPS, MIN_OPUS_BITRATE_BPS, OPUS_FRAME_DURATIONS_MS, OPUS_SAMPLE_RATE_HZ
} from '../constants.js'
import { CodecClosedError, InvalidOptionError, InvalidPcmSizeError } from '../errors.js'
import { loadAddon } from '../native/addon.js'
import type { NativeOpusEncoder } from '../native/addon.js'
import { SerialQueue, callNative } from './serial-queue.js'

export type OpusChannels = 1 | 2
export type OpusFrameDurationMs = typeof OPUS_FRAME_DURATIONS_MS[number]

export interface OpusEncoderOptions {
  /** 1 (mono) or 2 (interleaved stereo). Default DEFAULT_OPUS_CHANNELS (1). */
  channels?: OpusChannels
  /** 10, 20, 40 or 60. Default DEFAULT_OPUS_FRAME_DURATION_MS (20). */
  frameDurationMs?: OpusFrameDurationMs
  /** MIN_OPUS_BITRATE_BPS … MAX_OPUS_BITRATE_BPS (6 000 … 510 000). Default DEFAULT_OPUS_BITRATE_BPS (32 000). */
  bitrateBps?: number
  /** 0 … 10. Default DEFAULT_OPUS_COMPLEXITY (9). */
  complexity?: number
  /** In-band forward error correction. Default DEFAULT_OPUS_FEC (true). */
  fec?: boolean
  /** Loss the FEC should be sized for, 0 … 100. Default DEFAULT_OPUS_EXPECTED_LOSS_PERCENT (10). */
  expectedLossPercent?: number
  /** Discontinuous transmission: ~1-byte packets during silence. Default DEFAULT_OPUS_DTX (false). */
  dtx?: boolean
}

export interface CodecCallOptions {
  signal?: AbortSignal
}

export function assertFrameDuration (ms: number): asserts ms is OpusFrameDurationMs {
  if (!(OPUS_FRAME_DURATIONS_MS as readonly number[]).includes(ms)) {
    throw new InvalidOptionError(`frameDurationMs must be one of ${OPUS_FRAME_DURATIONS_MS.join(', ')}, got ${ms}`)
  }
}

export function assertChannels (channels: number): asserts channels is OpusChannels {
  if (channels !== 1 && channels !== 2) throw new InvalidOptionError(`channels must be 1 or 2, got ${channels}`)
}

function assertIntInRange (name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidOptionError(`${name} must be an integer in ${min}…${max}, got ${value}`)
  }
}

/**
 * Opus at 48 kHz, VoIP application. Encoding runs on the libuv thread pool;
 * setters take effect from the next frame and never wait for one in flight.
 */
export class OpusEncoder {
  readonly channels: OpusChannels
  readonly frameDurationMs: OpusFrameDurationMs
  /** Samples per channel in one frame. */
  readonly frameSamples: number
  readonly lookaheadSamples: number
  private native: NativeOpusEncoder | undefined
  private readonly queue = new SerialQueue()
  private bitrate: number
  private readonly ctl: ReturnType<typeof loadAddon>['opusConstants']

  constructor (options: OpusEncoderOptions = {}) {
    const addon = loadAddon()
    this.ctl = addon.opusConstants
    const channels = options.channels ?? DEFAULT_OPUS_CHANNELS
    const frameDurationMs = options.frameDurationMs ?? DEFAULT_OPUS_FRAME_DURATION_MS
    assertChannels(channels)
    assertFrameDuration(frameDurationMs)
    this.channels = channels
    this.frameDurationMs = frameDurationMs
    this.frameSamples = OPUS_SAMPLE_RATE_HZ * frameDurationMs / 1000
    this.bitrate = options.bitrateBps ?? DEFAULT_OPUS_BITRATE_BPS
    const complexity = options.complexity ?? DEFAULT_OPUS_COMPLEXITY
    const loss = options.expectedLossPercent ?? DEFAULT_OPUS_EXPECTED_LOSS_PERCENT
    assertIntInRange('bitrateBps', this.bitrate, MIN_OPUS_BITRATE_BPS, MAX_OPUS_BITRATE_BPS)
    assertIntInRange('complexity', complexity, 0, 10)
    assertIntInRange('expectedLossPercent', loss, 0, 100)
    const c = this.ctl
    this.native = callNative(() => new addon.OpusEncoder(channels, c.APPLICATION_VOIP, [
      [c.SET_BITRATE, this.bitrate],
      [c.SET_COMPLEXITY, complexity],
      [c.SET_INBAND_FEC, (options.fec ?? DEFAULT_OPUS_FEC) ? 1 : 0],
      [c.SET_PACKET_LOSS_PERC, loss],
      [c.SET_DTX, (options.dtx ?? DEFAULT_OPUS_DTX) ? 1 : 0]
    ]))
    this.lookaheadSamples = this.native.lookahead()
  }

  get bitrateBps (): number {
    return this.bitrate
  }

  get closed (): boolean {
    return this.native === undefined
  }

  /** Encodes one frame of interleaved 16-bit PCM (frameSamples × channels values). */
  async encode (pcm: Int16Array, options: CodecCallOptions = {}): Promise<Uint8Array> {
    const native = this.open()
    this.checkPcm(pcm)
    return await this.queue.run(async () => await native.encode(pcm), options.signal)
  }

  /** Same as encode() on the calling thread (under 1 ms per 20 ms frame, docs/media.md "Measured numbers"): for tests and tools. */
  encodeSync (pcm: Int16Array): Uint8Array {
    const native = this.open()
    this.checkPcm(pcm)
    return callNative(() => native.encodeSync(pcm))
  }

  setBitrate (bps: number): void {
    assertIntInRange('bitrateBps', bps, MIN_OPUS_BITRATE_BPS, MAX_OPUS_BITRATE_BPS)
    this.open().ctl(this.ctl.SET_BITRATE, bps)
    this.bitrate = bps
  }

  setComplexity (complexity: number): void {
    assertIntInRange('complexity', complexity, 0, 10)
    this.open().ctl(this.ctl.SET_COMPLEXITY, complexity)
  }

  setFec (enabled: boolean): void {
    this.open().ctl(this.ctl.SET_INBAND_FEC, enabled ? 1 : 0)
  }

  setExpectedLossPercent (percent: number): void {
    assertIntInRange('expectedLossPercent', percent, 0, 100)
    this.open().ctl(this.ctl.SET_PACKET_LOSS_PERC, percent)
  }

  setDtx (enabled: boolean): void {
    this.open().ctl(this.ctl.SET_DTX, enabled ? 1 : 0)
  }

  /** Waits for queued frames, then frees the native encoder. Idempotent. */
  async close (): Promise<void> {
    await this.queue.drain()
    this.native?.close()
    this.native = undefined
  }

  private open (): NativeOpusEncoder {
    if (this.native === undefined) throw new CodecClosedError('Opus encoder is closed')
    return this.native
  }

  private checkPcm (pcm: Int16Array): void {
    const expected = this.frameSamples * this.channels
    if (!(pcm instanceof Int16Array) || pcm.length !== expected) {
      const got = pcm instanceof Int16Array ? `${pcm.length} samples` : 'not an Int16Array'
      throw new InvalidPcmSizeError(`PCM frame must be an Int16Array of ${expected} samples, got ${got}`)
    }
  }
}
