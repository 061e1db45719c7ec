import { FRAME_COUNTER_BITS, FRAME_COUNTER_BLOCK_PX } from '../constants.js'
import type { I420Frame } from '../codec/i420.js'
import { InvalidDimensionsError } from '../errors.js'

const BLACK = 16
const WHITE = 235

/** Block side for a picture width: as large as possible up to FRAME_COUNTER_BLOCK_PX, and even. */
export function counterBlockPx (width: number): number {
  const fit = Math.floor(width / FRAME_COUNTER_BITS / 2) * 2
  const block = Math.min(FRAME_COUNTER_BLOCK_PX, fit)
  if (block < 4) throw new InvalidDimensionsError(`width ${width} too small for a ${FRAME_COUNTER_BITS}-bit frame counter`)
  return block
}

/**
 * Draws `value` (mod 2^16) as a row of black/white luma blocks along the top
 * edge, most significant bit first, with neutral chroma so colour noise does
 * not disturb it.
 */
export function drawFrameCounter (frame: I420Frame, value: number): void {
  const { width, height, data } = frame
  const block = counterBlockPx(width)
  const v = value & ((1 << FRAME_COUNTER_BITS) - 1)
  for (let y = 0; y < block && y < height; y++) {
    const row = y * width
    for (let x = 0; x < width; x++) {
      const bit = Math.floor(x / block)
      const on = bit < FRAME_COUNTER_BITS && ((v >> (FRAME_COUNTER_BITS - 1 - bit)) & 1) === 1
      data[row + x] = on ? WHITE : BLACK
    }
  }
  const cw = Math.ceil(width / 2)
  const ySize = width * height
  const cSize = cw * Math.ceil(height / 2)
  for (let y = 0; y < block / 2; y++) {
    data.fill(128, ySize + y * cw, ySize + (y + 1) * cw)
    data.fill(128, ySize + cSize + y * cw, ySize + cSize + (y + 1) * cw)
  }
}

/** Reads the counter back by averaging the inner half of each block. */
export function readFrameCounter (frame: I420Frame): number {
  const { width, data } = frame
  const block = counterBlockPx(width)
  const lo = Math.floor(block / 4)
  const hi = block - lo
  let v = 0
  for (let bit = 0; bit < FRAME_COUNTER_BITS; bit++) {
    let sum = 0
    let n = 0
    for (let y = lo; y < hi; y++) {
      for (let x = bit * block + lo; x < bit * block + hi; x++) {
        sum += data[y * width + x] ?? 0
        n++
      }
    }
    v = (v << 1) | (sum / n > (BLACK + WHITE) / 2 ? 1 : 0)
  }
  return v
}
