import { describe, expect, it } from 'vitest'
import { InvalidDimensionsError, InvalidI420SizeError, SyntheticVideoSource, i420ByteLength, lumaPsnrDb, scaleI420 } from '../../src/index.js'

describe('scaleI420', () => {
  it('returns the same frame when the size matches', () => {
    const f = new SyntheticVideoSource({ width: 320, height: 240 }).frame(0)
    expect(scaleI420(f, 320, 240)).toBe(f)
  })

  it('keeps a flat picture flat in every plane', () => {
    const data = new Uint8Array(i420ByteLength(64, 48))
    data.fill(100, 0, 64 * 48)
    data.fill(60, 64 * 48, 64 * 48 + 32 * 24)
    data.fill(200, 64 * 48 + 32 * 24)
    const out = scaleI420({ data, width: 64, height: 48 }, 40, 30)
    expect(out.data.length).toBe(i420ByteLength(40, 30))
    expect(new Set(out.data.subarray(0, 1200))).toEqual(new Set([100]))
    expect(new Set(out.data.subarray(1200, 1200 + 300))).toEqual(new Set([60]))
    expect(new Set(out.data.subarray(1500))).toEqual(new Set([200]))
  })

  it('down and back up stays close to the original', () => {
    const f = new SyntheticVideoSource({ width: 640, height: 360 }).frame(5)
    const back = scaleI420(scaleI420(f, 320, 180), 640, 360)
    expect(lumaPsnrDb(f, back)).toBeGreaterThan(22)
    // a different picture is far worse, so the bound means something
    const other = new SyntheticVideoSource({ width: 640, height: 360 }).frame(40)
    expect(lumaPsnrDb(f, other)).toBeLessThan(lumaPsnrDb(f, back) - 5)
  })

  it('rejects bad sizes with typed errors', () => {
    const f = new SyntheticVideoSource({ width: 64, height: 48 }).frame(0)
    expect(() => scaleI420(f, 33, 20)).toThrow(InvalidDimensionsError)
    expect(() => scaleI420({ data: new Uint8Array(10), width: 64, height: 48 }, 32, 24)).toThrow(InvalidI420SizeError)
  })
})
