import { assertEncodableDimensions, assertI420Frame, i420ByteLength } from './i420.js'
import type { I420Frame } from './i420.js'

/**
 * Bilinear resize of an I420 picture, plane by plane. Live sources (a camera in the GUI,
 * a benchmark harness) deliver one size while the ABR's rung asks for another; libvpx
 * needs its configured size, so the daemon scales. Returns the input itself when the
 * size already matches.
 */
export function scaleI420 (src: I420Frame, width: number, height: number): I420Frame {
  assertI420Frame(src)
  assertEncodableDimensions(width, height)
  if (src.width === width && src.height === height) return src
  const out = new Uint8Array(i420ByteLength(width, height))
  const sw = src.width
  const sh = src.height
  scalePlane(src.data, 0, sw, sh, out, 0, width, height)
  const scw = Math.ceil(sw / 2)
  const sch = Math.ceil(sh / 2)
  const dcw = Math.ceil(width / 2)
  const dch = Math.ceil(height / 2)
  scalePlane(src.data, sw * sh, scw, sch, out, width * height, dcw, dch)
  scalePlane(src.data, sw * sh + scw * sch, scw, sch, out, width * height + dcw * dch, dcw, dch)
  return { data: out, width, height }
}

function scalePlane (src: Uint8Array, so: number, sw: number, sh: number, dst: Uint8Array, d0: number, dw: number, dh: number): void {
  // sample at pixel centres, in 16.16 fixed point
  const fx = Math.floor((sw << 16) / dw)
  const fy = Math.floor((sh << 16) / dh)
  const maxX = sw - 1
  const maxY = sh - 1
  let di = d0
  for (let y = 0; y < dh; y++) {
    const syf = Math.max(0, ((y * fy) + (fy >> 1)) - 0x8000)
    const y0 = Math.min(maxY, syf >> 16)
    const y1 = Math.min(maxY, y0 + 1)
    const wy = (syf & 0xffff) >> 8
    const r0 = so + y0 * sw
    const r1 = so + y1 * sw
    for (let x = 0; x < dw; x++) {
      const sxf = Math.max(0, ((x * fx) + (fx >> 1)) - 0x8000)
      const x0 = Math.min(maxX, sxf >> 16)
      const x1 = Math.min(maxX, x0 + 1)
      const wx = (sxf & 0xffff) >> 8
      const top = (src[r0 + x0] as number) * (256 - wx) + (src[r0 + x1] as number) * wx
      const bot = (src[r1 + x0] as number) * (256 - wx) + (src[r1 + x1] as number) * wx
      dst[di++] = (top * (256 - wy) + bot * wy + 32768) >> 16
    }
  }
}
