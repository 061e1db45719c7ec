import {
  DEFAULT_VIDEO_FRAME_RATE_FPS, DEFAULT_VIDEO_HEIGHT_PX, DEFAULT_VIDEO_WIDTH_PX, DEFAULT_VP9_BITRATE_BPS,
  DEFAULT_VP9_CPU_USED, DEFAULT_VP9_DROP_FRAME_THRESHOLD_PERCENT, DEFAULT_VP9_ERROR_RESILIENT,
  DEFAULT_VP9_KEYFRAME_INTERVAL_FRAMES, DEFAULT_VP9_MAX_QUANTIZER, DEFAULT_VP9_MIN_QUANTIZER,
  DEFAULT_VP9_TEMPORAL_LAYERS, DEFAULT_VP9_THREADS, MAX_CODEC_THREADS, MAX_VIDEO_BITRATE_BPS, MAX_VIDEO_FPS,
  MAX_VP9_TEMPORAL_LAYERS, MIN_VIDEO_BITRATE_BPS, MIN_VIDEO_FPS, VP9_TIMEBASE_HZ
} from '../constants.js'
import { CodecClosedError, InvalidDimensionsError, InvalidOptionError } from '../errors.js'
import { loadAddon } from '../native/addon.js'
import type { NativeVp9Encoder, NativeVp9Packet } from '../native/addon.js'
import { assertEncodableDimensions, assertI420Frame } from './i420.js'
import type { I420Frame } from './i420.js'
import type { CodecCallOptions } from './opus-encoder.js'
import { SerialQueue, callNative } from './serial-queue.js'

export interface Vp9EncoderOptions {
  /** Even, 2 … 4096. Default DEFAULT_VIDEO_WIDTH_PX (640). */
  width?: number
  /** Even, 2 … 4096. Default DEFAULT_VIDEO_HEIGHT_PX (480). */
  height?: number
  /** Nominal frame rate for rate control, MIN_VIDEO_FPS … MAX_VIDEO_FPS (1 … 60). Default DEFAULT_VIDEO_FRAME_RATE_FPS (30). */
  frameRate?: number
  /** CBR target, MIN_VIDEO_BITRATE_BPS … MAX_VIDEO_BITRATE_BPS (30 000 … 20 000 000). Default DEFAULT_VP9_BITRATE_BPS (1 000 000). */
  bitrateBps?: number
  /** libvpx speed, 5 … 9. Default DEFAULT_VP9_CPU_USED (8). */
  cpuUsed?: number
  /** Encoder threads (tile columns follow). Default DEFAULT_VP9_THREADS (1). */
  threads?: number
  /** 0 … 63. Default DEFAULT_VP9_MIN_QUANTIZER (2). */
  minQuantizer?: number
  /** 0 … 63. Default DEFAULT_VP9_MAX_QUANTIZER (56). */
  maxQuantizer?: number
  /** Maximum distance between automatic keyframes; 0 disables them. Default DEFAULT_VP9_KEYFRAME_INTERVAL_FRAMES (300). */
  keyframeIntervalFrames?: number
  /** Resets entropy contexts every frame so a loss does not poison later frames. Default DEFAULT_VP9_ERROR_RESILIENT (false). */
  errorResilient?: boolean
  /**
   * 1, 2 (pattern 0101) or 3 (0212). Frames of the top layers are referenced by no
   * lower layer, so a sender may drop them without a keyframe. Implies errorResilient
   * (otherwise base frames inherit entropy state from the droppable ones).
   * Default DEFAULT_VP9_TEMPORAL_LAYERS (1).
   */
  temporalLayers?: number
  /** Buffer level (percent) below which the encoder drops frames; 0 never drops. Default DEFAULT_VP9_DROP_FRAME_THRESHOLD_PERCENT (0). */
  dropFrameThresholdPercent?: number
}

export interface Vp9EncodeOptions extends CodecCallOptions {
  /** Capture time. Default: frame index × 1/frameRate. */
  ptsUs?: number
  /** Make this frame a keyframe. Default false. */
  keyframe?: boolean
}

export interface EncodedVideoFrame {
  data: Uint8Array
  keyframe: boolean
  /** 0 = base layer. A frame of layer L is referenced only by frames of layer ≥ L. */
  temporalLayer: number
  ptsUs: number
  width: number
  height: number
}

function intInRange (name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidOptionError(`${name} must be an integer in ${min}…${max}, got ${value}`)
  }
  return value
}

/**
 * VP9 realtime encoder (CBR, no lookahead). One frame in, at most one packet
 * out. Runtime changes (bitrate, resolution, keyframe) apply from the next frame.
 */
export class Vp9Encoder {
  readonly frameRate: number
  readonly temporalLayers: number
  private native: NativeVp9Encoder | undefined
  private readonly queue = new SerialQueue()
  private widthPx: number
  private heightPx: number
  private bitrate: number
  private framesIn = 0

  constructor (options: Vp9EncoderOptions = {}) {
    const addon = loadAddon()
    this.widthPx = options.width ?? DEFAULT_VIDEO_WIDTH_PX
    this.heightPx = options.height ?? DEFAULT_VIDEO_HEIGHT_PX
    assertEncodableDimensions(this.widthPx, this.heightPx)
    this.frameRate = intInRange('frameRate', options.frameRate ?? DEFAULT_VIDEO_FRAME_RATE_FPS, MIN_VIDEO_FPS, MAX_VIDEO_FPS)
    this.bitrate = intInRange('bitrateBps', options.bitrateBps ?? DEFAULT_VP9_BITRATE_BPS, MIN_VIDEO_BITRATE_BPS, MAX_VIDEO_BITRATE_BPS)
    this.temporalLayers = intInRange('temporalLayers', options.temporalLayers ?? DEFAULT_VP9_TEMPORAL_LAYERS, 1, MAX_VP9_TEMPORAL_LAYERS)
    const minQuantizer = intInRange('minQuantizer', options.minQuantizer ?? DEFAULT_VP9_MIN_QUANTIZER, 0, 63)
    const maxQuantizer = intInRange('maxQuantizer', options.maxQuantizer ?? DEFAULT_VP9_MAX_QUANTIZER, minQuantizer, 63)
    const settings = {
      width: this.widthPx,
      height: this.heightPx,
      frameRate: this.frameRate,
      bitrateKbps: Math.round(this.bitrate / 1000),
      cpuUsed: intInRange('cpuUsed', options.cpuUsed ?? DEFAULT_VP9_CPU_USED, 5, 9),
      threads: intInRange('threads', options.threads ?? DEFAULT_VP9_THREADS, 1, MAX_CODEC_THREADS),
      minQuantizer,
      maxQuantizer,
      keyframeInterval: intInRange('keyframeIntervalFrames', options.keyframeIntervalFrames ?? DEFAULT_VP9_KEYFRAME_INTERVAL_FRAMES, 0, 100_000),
      errorResilient: options.errorResilient ?? DEFAULT_VP9_ERROR_RESILIENT,
      temporalLayers: this.temporalLayers,
      dropFrameThreshold: intInRange('dropFrameThresholdPercent', options.dropFrameThresholdPercent ?? DEFAULT_VP9_DROP_FRAME_THRESHOLD_PERCENT, 0, 100)
    }
    this.native = callNative(() => new addon.Vp9Encoder(settings))
  }

  get width (): number { return this.widthPx }
  get height (): number { return this.heightPx }
  get bitrateBps (): number { return this.bitrate }
  get closed (): boolean { return this.native === undefined }

  /**
   * Encodes one frame, which must match the current resolution. Resolves to null
   * when the encoder dropped the frame (only with dropFrameThresholdPercent > 0).
   */
  async encode (frame: I420Frame, options: Vp9EncodeOptions = {}): Promise<EncodedVideoFrame | null> {
    const native = this.open()
    const { ptsUs, pts90k } = this.prepare(frame, options.ptsUs)
    const keyframe = options.keyframe ?? false
    return await this.queue.run(async () => {
      const packets = await native.encode(frame.data, frame.width, frame.height, pts90k, keyframe)
      return toEncoded(packets, ptsUs)
    }, options.signal)
  }

  encodeSync (frame: I420Frame, options: Omit<Vp9EncodeOptions, 'signal'> = {}): EncodedVideoFrame | null {
    const native = this.open()
    const { ptsUs, pts90k } = this.prepare(frame, options.ptsUs)
    const packets = callNative(() => native.encodeSync(frame.data, frame.width, frame.height, pts90k, options.keyframe ?? false))
    return toEncoded(packets, ptsUs)
  }

  /** New CBR target from the next frame on, without a keyframe. */
  setBitrate (bps: number): void {
    intInRange('bitrateBps', bps, MIN_VIDEO_BITRATE_BPS, MAX_VIDEO_BITRATE_BPS)
    this.open().setBitrate(Math.round(bps / 1000))
    this.bitrate = bps
  }

  /**
   * Frames passed to encode() from now on must have this size. Shrinking within
   * the initial size scales references (no keyframe when the ratio allows it);
   * growing past it re-creates the encoder and starts with a keyframe.
   */
  setResolution (width: number, height: number): void {
    assertEncodableDimensions(width, height)
    this.open()
    this.widthPx = width
    this.heightPx = height
  }

  /** The next frame will be a keyframe. */
  forceKeyframe (): void {
    this.open().forceKeyframe()
  }

  async close (): Promise<void> {
    await this.queue.drain()
    this.native?.close()
    this.native = undefined
  }

  private open (): NativeVp9Encoder {
    if (this.native === undefined) throw new CodecClosedError('VP9 encoder is closed')
    return this.native
  }

  private prepare (frame: I420Frame, ptsUsIn: number | undefined): { ptsUs: number, pts90k: number } {
    assertI420Frame(frame)
    if (frame.width !== this.widthPx || frame.height !== this.heightPx) {
      throw new InvalidDimensionsError(
        `frame is ${frame.width}x${frame.height} but the encoder is set to ${this.widthPx}x${this.heightPx} (call setResolution first)`)
    }
    const ptsUs = ptsUsIn ?? Math.round(this.framesIn * 1_000_000 / this.frameRate)
    if (!Number.isFinite(ptsUs) || ptsUs < 0) throw new InvalidOptionError(`ptsUs must be a finite non-negative number, got ${ptsUs}`)
    this.framesIn++
    return { ptsUs, pts90k: Math.round(ptsUs * VP9_TIMEBASE_HZ / 1_000_000) }
  }
}

function toEncoded (packets: NativeVp9Packet[], ptsUs: number): EncodedVideoFrame | null {
  const p = packets[0]
  if (p === undefined) return null
  // With lag 0 and one spatial layer libvpx emits one packet per frame; join defensively.
  const data = packets.length === 1 ? p.data : Buffer.concat(packets.map(q => q.data))
  return {
    data,
    keyframe: packets.some(q => q.keyframe),
    temporalLayer: p.temporalLayer,
    ptsUs,
    width: p.width,
    height: p.height
  }
}
