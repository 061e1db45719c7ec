import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ByteReader, ByteWriter, WriteRangeError } from '../../src/wire/index.js'

describe('ByteWriter', () => {
  it('writes what the reader reads, in either byte order (property)', () => {
    const field = fc.oneof(
      fc.record({ t: fc.constant('u8' as const), v: fc.integer({ min: 0, max: 0xff }) }),
      fc.record({ t: fc.constant('u16' as const), v: fc.integer({ min: 0, max: 0xffff }) }),
      fc.record({ t: fc.constant('i16' as const), v: fc.integer({ min: -0x8000, max: 0x7fff }) }),
      fc.record({ t: fc.constant('u32' as const), v: fc.integer({ min: 0, max: 0xffff_ffff }) }),
      fc.record({ t: fc.constant('u64' as const), v: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }) }),
      fc.record({ t: fc.constant('f64' as const), v: fc.double({ noNaN: true }) }),
      fc.record({ t: fc.constant('bytes' as const), v: fc.uint8Array({ maxLength: 200 }) })
    )
    // size 'max': long enough sequences that the growable writer reallocates mid-way
    fc.assert(fc.property(fc.array(field, { maxLength: 30, size: 'max' }), fc.boolean(), (fields, littleEndian) => {
      const w = new ByteWriter({ littleEndian })
      for (const f of fields) (w[f.t] as (v: unknown) => ByteWriter)(f.v)
      const bytes = w.finish()
      expect(bytes.byteLength).toBe(w.length)
      const r = new ByteReader(bytes, { littleEndian })
      for (const f of fields) {
        if (f.t === 'bytes') expect(r.bytes(f.v.byteLength)).toEqual(f.v)
        else expect(r[f.t]()).toEqual(f.v)
      }
      r.done()
    }))
  })

  it('a fixed-size writer returns its whole buffer, and only when full', () => {
    const w = new ByteWriter({ size: 3 })
    w.u16(0x0102)
    expect(() => w.finish()).toThrow(WriteRangeError)
    w.u8(3)
    const out = w.finish()
    expect(Array.from(out)).toEqual([1, 2, 3])
    expect(out.byteOffset).toBe(0)
    expect(out.buffer.byteLength).toBe(3)
    expect(() => w.u8(4)).toThrow(WriteRangeError)
  })

  it('refuses values outside their field instead of wrapping them', () => {
    const w = new ByteWriter()
    expect(() => w.u8(256)).toThrow(WriteRangeError)
    expect(() => w.u16(-1)).toThrow(WriteRangeError)
    expect(() => w.i16(0x8000)).toThrow(WriteRangeError)
    expect(() => w.u32(2 ** 32)).toThrow(WriteRangeError)
    expect(() => w.u32(1.5)).toThrow(WriteRangeError)
    expect(() => w.u64(-1n)).toThrow(WriteRangeError)
    expect(() => w.u64(1n << 64n)).toThrow(WriteRangeError)
    expect(() => w.u64(2 ** 60)).toThrow(WriteRangeError)
    expect(w.length).toBe(0)
    expect(() => new ByteWriter({ size: -1 })).toThrow(WriteRangeError)
  })

  it('grows past its first allocation', () => {
    const big = Uint8Array.from({ length: 1000 }, (_, i) => i & 0xff)
    const out = new ByteWriter().u8(7).bytes(big).u32(0xdeadbeef).finish()
    expect(out.byteLength).toBe(1005)
    expect(out.subarray(1, 1001)).toEqual(big)
    expect(new ByteReader(out, { offset: 1001 }).u32()).toBe(0xdeadbeef)
  })
})
