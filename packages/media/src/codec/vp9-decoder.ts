import { DEFAULT_VP9_DECODER_THREADS, MAX_CODEC_THREADS } from '../constants.js'
import { CodecClosedError, InvalidArgumentError, InvalidOptionError } from '../errors.js'
import { loadAddon } from '../native/addon.js'
import type { NativeVp9Decoder } from '../native/addon.js'
import type { I420Frame } from './i420.js'
import type { CodecCallOptions } from './opus-encoder.js'
import { SerialQueue, callNative } from './serial-queue.js'

export interface Vp9DecoderOptions {
  /** Decoder threads, 1 … 16. Default DEFAULT_VP9_DECODER_THREADS (1). */
  threads?: number
}

/**
 * VP9 decoder to contiguous I420. Untrusted packets fail with typed errors
 * (CorruptBitstreamError, FrameTooLargeError, UnsupportedFormatError); after
 * one, feed a keyframe to resume.
 */
export class Vp9Decoder {
  private native: NativeVp9Decoder | undefined
  private readonly queue = new SerialQueue()

  constructor (options: Vp9DecoderOptions = {}) {
    const addon = loadAddon()
    const threads = options.threads ?? DEFAULT_VP9_DECODER_THREADS
    if (!Number.isInteger(threads) || threads < 1 || threads > MAX_CODEC_THREADS) {
      throw new InvalidOptionError(`threads must be an integer in 1…${MAX_CODEC_THREADS}, got ${threads}`)
    }
    this.native = callNative(() => new addon.Vp9Decoder(threads))
  }

  get closed (): boolean { return this.native === undefined }

  /** Resolves to the decoded picture, or null when the packet produced none. */
  async decode (packet: Uint8Array, options: CodecCallOptions = {}): Promise<I420Frame | null> {
    const native = this.open()
    checkPacket(packet)
    return await this.queue.run(async () => await native.decode(packet), options.signal)
  }

  decodeSync (packet: Uint8Array): I420Frame | null {
    const native = this.open()
    checkPacket(packet)
    return callNative(() => native.decodeSync(packet))
  }

  async close (): Promise<void> {
    await this.queue.drain()
    this.native?.close()
    this.native = undefined
  }

  private open (): NativeVp9Decoder {
    if (this.native === undefined) throw new CodecClosedError('VP9 decoder is closed')
    return this.native
  }
}

function checkPacket (packet: Uint8Array): void {
  if (!(packet instanceof Uint8Array) || packet.byteLength === 0) {
    throw new InvalidArgumentError('a VP9 packet must be a non-empty Uint8Array')
  }
}
