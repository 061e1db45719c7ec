import { MAX_VIDEO_HEIGHT_PX, MAX_VIDEO_WIDTH_PX } from '../constants.js'
import { InvalidDimensionsError, InvalidI420SizeError } from '../errors.js'

/** A picture in planar YUV 4:2:0: Y (w×h), then U and V (w/2 × h/2 each), no padding. */
export interface I420Frame {
  data: Uint8Array
  width: number
  height: number
}

export function i420ByteLength (width: number, height: number): number {
  return width * height + 2 * Math.ceil(width / 2) * Math.ceil(height / 2)
}

/** Encoder input must be even-sized: libvpx's 4:2:0 planes assume whole chroma samples. */
export function assertEncodableDimensions (width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0 ||
      width % 2 !== 0 || height % 2 !== 0 || width > MAX_VIDEO_WIDTH_PX || height > MAX_VIDEO_HEIGHT_PX) {
    throw new InvalidDimensionsError(
      `dimensions ${width}x${height} must be positive, even and at most ${MAX_VIDEO_WIDTH_PX}x${MAX_VIDEO_HEIGHT_PX}`)
  }
}

export function assertI420Frame (frame: I420Frame): void {
  assertEncodableDimensions(frame.width, frame.height)
  if (!(frame.data instanceof Uint8Array)) throw new InvalidI420SizeError('I420 data must be a Uint8Array')
  const expected = i420ByteLength(frame.width, frame.height)
  if (frame.data.byteLength !== expected) {
    throw new InvalidI420SizeError(
      `I420 buffer for ${frame.width}x${frame.height} must be ${expected} bytes, got ${frame.data.byteLength}`)
  }
}

/** Peak signal-to-noise ratio of the luma planes, in dB (Infinity when identical). */
export function lumaPsnrDb (a: I420Frame, b: I420Frame): number {
  if (a.width !== b.width || a.height !== b.height) {
    throw new InvalidDimensionsError(`cannot compare ${a.width}x${a.height} with ${b.width}x${b.height}`)
  }
  const n = a.width * a.height
  let sse = 0
  for (let i = 0; i < n; i++) {
    const d = (a.data[i] ?? 0) - (b.data[i] ?? 0)
    sse += d * d
  }
  if (sse === 0) return Infinity
  return 10 * Math.log10((255 * 255) / (sse / n))
}
