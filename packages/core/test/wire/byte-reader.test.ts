import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ByteReader, ReadPastEndError, UnreadBytesError } from '../../src/wire/index.js'

class FormatError extends Error {}

describe('ByteReader', () => {
  it('reads big-endian by default and little-endian on request', () => {
    const bytes = Uint8Array.from([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08])
    const be = new ByteReader(bytes)
    expect([be.u8(), be.u16(), be.u32()]).toEqual([0x01, 0x0203, 0x04050607])
    expect(be.remaining).toBe(1)
    const le = new ByteReader(bytes, { littleEndian: true })
    expect([le.u16(), le.i16(), le.u32()]).toEqual([0x0201, 0x0403, 0x08070605])
    expect(new ByteReader(bytes).u64()).toBe(0x0102030405060708n)
    expect(new ByteReader(Uint8Array.from([0xff, 0xfe])).i16()).toBe(-2)
  })

  it('starts at an offset and honours the view of a subarray', () => {
    const backing = Uint8Array.from([9, 9, 0xab, 0xcd, 9])
    const view = backing.subarray(2, 4)
    expect(new ByteReader(view).u16()).toBe(0xabcd)
    const r = new ByteReader(backing, { offset: 2 })
    expect(r.offset).toBe(2)
    expect(r.u16()).toBe(0xabcd)
    expect(r.offset).toBe(4)
  })

  it('returns views, not copies', () => {
    const bytes = Uint8Array.from([1, 2, 3])
    const got = new ByteReader(bytes).bytes(3)
    bytes[0] = 7
    expect(got[0]).toBe(7)
  })

  it('throws ReadPastEndError with where and how much, never reading past the end', () => {
    const r = new ByteReader(Uint8Array.from([1, 2, 3]))
    r.u8()
    try {
      r.u32()
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(ReadPastEndError)
      expect(err).toMatchObject({ code: 'WIRE_READ_PAST_END', offset: 1, needed: 4, available: 2 })
    }
    // a failed read consumes nothing
    expect(r.offset).toBe(1)
    expect(() => r.bytes(-1)).toThrow(ReadPastEndError)
    expect(() => r.bytes(1.5)).toThrow(ReadPastEndError)
    expect(() => new ByteReader(new Uint8Array(2), { offset: 3 })).toThrow(ReadPastEndError)
  })

  it('done() refuses unread bytes', () => {
    const r = new ByteReader(Uint8Array.from([1, 2]))
    r.u8()
    expect(() => { r.done() }).toThrow(UnreadBytesError)
    r.skip(1)
    expect(() => { r.done() }).not.toThrow()
  })

  it('maps its errors to the format\'s own class', () => {
    const r = new ByteReader(Uint8Array.from([1]), { mapError: err => new FormatError(err.message, { cause: err }) })
    expect(() => r.u16()).toThrow(FormatError)
    expect(() => { r.done() }).toThrow(FormatError)
  })

  it('never throws anything but its typed error, whatever it is asked to read (property)', () => {
    const op = fc.constantFrom('u8', 'u16', 'i16', 'u32', 'u64', 'f64', 'bytes', 'skip', 'done')
    fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), fc.array(fc.tuple(op, fc.integer({ min: -2, max: 50 })), { maxLength: 20 }), (bytes, ops) => {
      const r = new ByteReader(bytes)
      for (const [name, n] of ops) {
        const before = r.offset
        try {
          if (name === 'bytes') expect(r.bytes(n).byteLength).toBe(n)
          else if (name === 'skip') r.skip(n)
          else if (name === 'done') r.done()
          else r[name]()
        } catch (err) {
          expect(err instanceof ReadPastEndError || err instanceof UnreadBytesError).toBe(true)
          expect(r.offset).toBe(before)
        }
        expect(r.offset).toBeLessThanOrEqual(bytes.byteLength)
      }
    }), { numRuns: 2000 })
  })
})
