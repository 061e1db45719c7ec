import { DEFAULT_OPUS_CHANNELS, DEFAULT_OPUS_FRAME_DURATION_MS, OPUS_SAMPLE_RATE_HZ } from '../constants.js'
import { CodecClosedError, InvalidArgumentError } from '../errors.js'
import { loadAddon } from '../native/addon.js'
import type { NativeOpusDecoder } from '../native/addon.js'
import { assertChannels, assertFrameDuration } from './opus-encoder.js'
import type { CodecCallOptions, OpusChannels, OpusFrameDurationMs } from './opus-encoder.js'
import { SerialQueue, callNative } from './serial-queue.js'

export interface OpusDecoderOptions {
  /** 1 or 2; output is interleaved. Default DEFAULT_OPUS_CHANNELS (1). */
  channels?: OpusChannels
  /** Length of concealed (PLC) and FEC-recovered frames. Default DEFAULT_OPUS_FRAME_DURATION_MS (20). */
  frameDurationMs?: OpusFrameDurationMs
}

/** Opus decoder with one-frame packet-loss concealment and in-band FEC recovery. */
export class OpusDecoder {
  readonly channels: OpusChannels
  readonly frameDurationMs: OpusFrameDurationMs
  readonly frameSamples: number
  private native: NativeOpusDecoder | undefined
  private readonly queue = new SerialQueue()

  constructor (options: OpusDecoderOptions = {}) {
    const addon = loadAddon()
    const channels = options.channels ?? DEFAULT_OPUS_CHANNELS
    const frameDurationMs = options.frameDurationMs ?? DEFAULT_OPUS_FRAME_DURATION_MS
    assertChannels(channels)
    assertFrameDuration(frameDurationMs)
    this.channels = channels
    this.frameDurationMs = frameDurationMs
    this.frameSamples = OPUS_SAMPLE_RATE_HZ * frameDurationMs / 1000
    this.native = callNative(() => new addon.OpusDecoder(channels))
  }

  get closed (): boolean {
    return this.native === undefined
  }

  /**
   * Decodes a packet, or with `null` conceals exactly one frame (frameSamples
   * per channel) of a lost packet.
   */
  async decode (packet: Uint8Array | null, options: CodecCallOptions = {}): Promise<Int16Array> {
    const native = this.open()
    checkPacket(packet)
    return await this.queue.run(async () => await native.decode(packet, false, this.frameSamples), options.signal)
  }

  /**
   * Recovers the frame lost just before `nextPacket` from the redundancy the
   * encoder put in it (falls back to concealment if it carries none). Decode
   * `nextPacket` itself normally afterwards.
   */
  async decodeFec (nextPacket: Uint8Array, options: CodecCallOptions = {}): Promise<Int16Array> {
    const native = this.open()
    checkPacket(nextPacket, true)
    return await this.queue.run(async () => await native.decode(nextPacket, true, this.frameSamples), options.signal)
  }

  decodeSync (packet: Uint8Array | null): Int16Array {
    const native = this.open()
    checkPacket(packet)
    return callNative(() => native.decodeSync(packet, false, this.frameSamples))
  }

  decodeFecSync (nextPacket: Uint8Array): Int16Array {
    const native = this.open()
    checkPacket(nextPacket, true)
    return callNative(() => native.decodeSync(nextPacket, true, this.frameSamples))
  }

  async close (): Promise<void> {
    await this.queue.drain()
    this.native?.close()
    this.native = undefined
  }

  private open (): NativeOpusDecoder {
    if (this.native === undefined) throw new CodecClosedError('Opus decoder is closed')
    return this.native
  }
}

function checkPacket (packet: Uint8Array | null, required = false): void {
  if (packet === null && !required) return
  if (!(packet instanceof Uint8Array) || packet.byteLength === 0) {
    throw new InvalidArgumentError('an Opus packet must be a non-empty Uint8Array')
  }
}
