import { DEFAULT_VIDEO_FRAME_RATE_FPS, DEFAULT_VIDEO_HEIGHT_PX, DEFAULT_VIDEO_WIDTH_PX } from '../constants.js'
import { assertEncodableDimensions, i420ByteLength } from '../codec/i420.js'
import type { I420Frame } from '../codec/i420.js'
import { InvalidOptionError } from '../errors.js'
import { counterBlockPx, drawFrameCounter } from './frame-counter.js'
import { paced } from './synthetic-audio.js'
import type { PacedSourceOptions } from './synthetic-audio.js'

export interface SyntheticVideoOptions {
  /** Even. Default DEFAULT_VIDEO_WIDTH_PX (640). */
  width?: number
  /** Even. Default DEFAULT_VIDEO_HEIGHT_PX (480). */
  height?: number
  /** Default DEFAULT_VIDEO_FRAME_RATE_FPS (30). */
  frameRate?: number
}

export interface VideoSourceFrame {
  index: number
  frame: I420Frame
  captureTsUs: number
}

/**
 * Deterministic test video: a diagonal luma ramp and a bright square that
 * both move every frame (so the encoder has real motion to code), colour
 * bands in chroma, and the frame index drawn by drawFrameCounter.
 */
export class SyntheticVideoSource {
  readonly width: number
  readonly height: number
  readonly frameRate: number

  constructor (options: SyntheticVideoOptions = {}) {
    this.width = options.width ?? DEFAULT_VIDEO_WIDTH_PX
    this.height = options.height ?? DEFAULT_VIDEO_HEIGHT_PX
    this.frameRate = options.frameRate ?? DEFAULT_VIDEO_FRAME_RATE_FPS
    assertEncodableDimensions(this.width, this.height)
    counterBlockPx(this.width)
    if (!(this.frameRate > 0)) throw new InvalidOptionError(`frameRate must be positive, got ${this.frameRate}`)
  }

  frame (index: number): I420Frame {
    const { width: w, height: h } = this
    const data = new Uint8Array(i420ByteLength(w, h))
    const shift = index * 3
    for (let y = 0; y < h; y++) {
      const row = y * w
      for (let x = 0; x < w; x++) data[row + x] = 40 + ((x + y + shift) % 160)
    }
    const side = Math.max(8, Math.floor(Math.min(w, h) / 6))
    const bx = (index * 5) % Math.max(1, w - side)
    const by = (index * 3) % Math.max(1, h - side)
    for (let y = by; y < by + side && y < h; y++) data.fill(230, y * w + bx, y * w + bx + side)
    const cw = w / 2
    const ch = h / 2
    const uOff = w * h
    const vOff = uOff + cw * ch
    for (let y = 0; y < ch; y++) {
      for (let x = 0; x < cw; x++) {
        data[uOff + y * cw + x] = 96 + ((x + (index >> 1)) % 64)
        data[vOff + y * cw + x] = 96 + ((y * 2) % 64)
      }
    }
    const frame = { data, width: w, height: h }
    drawFrameCounter(frame, index)
    return frame
  }

  async * frames (options: PacedSourceOptions = {}): AsyncGenerator<VideoSourceFrame> {
    yield * paced(options, 1000 / this.frameRate, i => this.frame(i), (index, frame, captureTsUs) => ({ index, frame, captureTsUs }))
  }
}
