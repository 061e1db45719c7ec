import { describe, expect, it } from 'vitest'
import { i420Planes, i420ToRgba, nv12ToI420, rgbaToI420 } from '../src/media/i420.js'

function solid (width: number, height: number, [r, g, b]: [number, number, number]): Uint8Array {
  const px = new Uint8Array(width * height * 4)
  for (let i = 0; i < px.length; i += 4) { px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = 255 }
  return px
}

describe('I420 conversions', () => {
  it('maps white, black and the primaries to BT.601 limited-range Y, U, V', () => {
    const cases: Array<[[number, number, number], [number, number, number]]> = [
      [[255, 255, 255], [235, 128, 128]],
      [[0, 0, 0], [16, 128, 128]],
      [[255, 0, 0], [82, 90, 240]],
      [[0, 255, 0], [145, 54, 34]],
      [[0, 0, 255], [41, 240, 110]]
    ]
    for (const [rgb, [y, u, v]] of cases) {
      const out = rgbaToI420(solid(4, 2, rgb), 4, 2)
      const p = i420Planes(4, 2)
      expect(out.length).toBe(p.bytes)
      expect(Math.abs((out[0] ?? 0) - y)).toBeLessThanOrEqual(1)
      expect(Math.abs((out[p.u] ?? 0) - u)).toBeLessThanOrEqual(1)
      expect(Math.abs((out[p.v] ?? 0) - v)).toBeLessThanOrEqual(1)
    }
  })

  it('round-trips a colour through I420 and back within a few levels', () => {
    const rgb: [number, number, number] = [40, 160, 90]
    const pic = { width: 6, height: 4, data: rgbaToI420(solid(6, 4, rgb), 6, 4) }
    const back = new Uint8ClampedArray(6 * 4 * 4)
    i420ToRgba(pic, back)
    for (let k = 0; k < 3; k++) expect(Math.abs((back[k] ?? 0) - rgb[k]!)).toBeLessThanOrEqual(3)
    expect(back[3]).toBe(255)
  })

  it('keeps chroma where it belongs: the left half red, the right half blue', () => {
    const w = 8; const h = 2
    const px = new Uint8Array(w * h * 4)
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const o = (y * w + x) * 4
        px[o] = x < 4 ? 255 : 0; px[o + 2] = x < 4 ? 0 : 255; px[o + 3] = 255
      }
    }
    const out = rgbaToI420(px, w, h)
    const p = i420Planes(w, h)
    expect(Array.from(out.subarray(p.v, p.v + 4)).map(v => v > 128)).toEqual([true, true, false, false])
    expect(Array.from(out.subarray(p.u, p.u + 4)).map(u => u > 128)).toEqual([false, false, true, true])
  })

  it('de-interleaves NV12', () => {
    const w = 4; const h = 2
    const nv12 = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 10, 20, 11, 21])
    expect(Array.from(nv12ToI420(nv12, w, h))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 20, 21])
  })
})
