// Pixel conversions to and from I420 (planar Y, then U and V at half size each way), the
// layout the daemon's VP9 encoder takes. BT.601 limited range, the matrix libvpx and
// camera drivers assume when nothing says otherwise.
import { i420Bytes } from '@parley/core/ipc/media-socket'

export interface I420Picture { width: number, height: number, data: Uint8Array }

/** Where the three planes start in a tightly packed I420 buffer (chroma rounded up). */
export function i420Planes (width: number, height: number): { cw: number, ch: number, u: number, v: number, bytes: number } {
  const cw = Math.ceil(width / 2)
  const ch = Math.ceil(height / 2)
  return { cw, ch, u: width * height, v: width * height + cw * ch, bytes: i420Bytes(width, height) }
}

/** RGBA/RGBX bytes (4 per pixel, R first) → I420; chroma is the mean of each 2×2 block. */
export function rgbaToI420 (rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Uint8Array {
  const { cw, u, v, bytes } = i420Planes(width, height)
  const out = new Uint8Array(bytes)
  for (let y = 0; y < height; y++) {
    let p = y * width * 4
    let o = y * width
    for (let x = 0; x < width; x++, p += 4) {
      const r = rgba[p] ?? 0
      const g = rgba[p + 1] ?? 0
      const b = rgba[p + 2] ?? 0
      out[o++] = ((66 * r + 129 * g + 25 * b + 128) >> 8) + 16
    }
  }
  for (let y = 0; y < height; y += 2) {
    const y1 = Math.min(y + 1, height - 1)
    for (let x = 0; x < width; x += 2) {
      const x1 = Math.min(x + 1, width - 1)
      const p0 = (y * width + x) * 4
      const p1 = (y * width + x1) * 4
      const p2 = (y1 * width + x) * 4
      const p3 = (y1 * width + x1) * 4
      const r = ((rgba[p0] ?? 0) + (rgba[p1] ?? 0) + (rgba[p2] ?? 0) + (rgba[p3] ?? 0)) / 4
      const g = ((rgba[p0 + 1] ?? 0) + (rgba[p1 + 1] ?? 0) + (rgba[p2 + 1] ?? 0) + (rgba[p3 + 1] ?? 0)) / 4
      const b = ((rgba[p0 + 2] ?? 0) + (rgba[p1 + 2] ?? 0) + (rgba[p2 + 2] ?? 0) + (rgba[p3 + 2] ?? 0)) / 4
      const c = (y >> 1) * cw + (x >> 1)
      out[u + c] = ((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128
      out[v + c] = ((112 * r - 94 * g - 18 * b + 128) >> 8) + 128
    }
  }
  return out
}

/** NV12 (Y plane, then interleaved UV) → I420, both tightly packed. */
export function nv12ToI420 (nv12: Uint8Array, width: number, height: number): Uint8Array {
  const { cw, ch, u, v, bytes } = i420Planes(width, height)
  const out = new Uint8Array(bytes)
  out.set(nv12.subarray(0, width * height))
  const uv = width * height
  for (let y = 0; y < ch; y++) {
    for (let x = 0; x < cw; x++) {
      const s = uv + y * cw * 2 + x * 2
      out[u + y * cw + x] = nv12[s] ?? 128
      out[v + y * cw + x] = nv12[s + 1] ?? 128
    }
  }
  return out
}

const clamp = (x: number): number => x < 0 ? 0 : x > 255 ? 255 : x

/** I420 → RGBA (for the canvas 2D fallback, where no shader does it). */
export function i420ToRgba (pic: I420Picture, out: Uint8ClampedArray): void {
  const { width, height, data } = pic
  const { cw, u, v } = i420Planes(width, height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = (y >> 1) * cw + (x >> 1)
      const yy = 1.164 * ((data[y * width + x] ?? 16) - 16)
      const uu = (data[u + c] ?? 128) - 128
      const vv = (data[v + c] ?? 128) - 128
      const o = (y * width + x) * 4
      out[o] = clamp(yy + 1.596 * vv)
      out[o + 1] = clamp(yy - 0.392 * uu - 0.813 * vv)
      out[o + 2] = clamp(yy + 2.017 * uu)
      out[o + 3] = 255
    }
  }
}
