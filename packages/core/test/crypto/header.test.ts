import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toHex } from '../../src/crypto/bytes.js'
import { BadHeaderError, decodeHeader, encodeHeader, RATCHET_HEADER_BYTES } from '../../src/crypto/index.js'

describe('ratchet header codec', () => {
  it('has the fixed layout DH(32) || PN u32 BE || N u32 BE', () => {
    const dh = new Uint8Array(32).map((_, i) => i)
    const bytes = encodeHeader({ dh, pn: 0x01020304, n: 0xfffffffe })
    expect(bytes.length).toBe(RATCHET_HEADER_BYTES)
    expect(toHex(bytes)).toBe(toHex(dh) + '01020304' + 'fffffffe')
  })

  it('round-trips any valid header', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.nat({ max: 0xffffffff }), fc.nat({ max: 0xffffffff }), (dh, pn, n) => {
      const back = decodeHeader(encodeHeader({ dh, pn, n }))
      expect(toHex(back.dh)).toBe(toHex(dh))
      expect([back.pn, back.n]).toEqual([pn, n])
    }))
  })

  it('rejects wrong lengths and out-of-range counters with BadHeaderError', () => {
    expect(() => decodeHeader(new Uint8Array(39))).toThrow(BadHeaderError)
    expect(() => decodeHeader(new Uint8Array(41))).toThrow(BadHeaderError)
    expect(() => encodeHeader({ dh: new Uint8Array(31), pn: 0, n: 0 })).toThrow(BadHeaderError)
    expect(() => encodeHeader({ dh: new Uint8Array(32), pn: -1, n: 0 })).toThrow(BadHeaderError)
    expect(() => encodeHeader({ dh: new Uint8Array(32), pn: 0, n: 2 ** 32 })).toThrow(BadHeaderError)
  })

  it('decoder throws only BadHeaderError on arbitrary input', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      try {
        decodeHeader(bytes)
        expect(bytes.length).toBe(RATCHET_HEADER_BYTES)
      } catch (err) {
        expect(err).toBeInstanceOf(BadHeaderError)
      }
    }))
  })

  it('decodes a header that sits inside a larger buffer', () => {
    const buf = new Uint8Array(50)
    buf.set(encodeHeader({ dh: new Uint8Array(32).fill(7), pn: 3, n: 4 }), 5)
    const h = decodeHeader(buf.subarray(5, 45))
    expect([h.pn, h.n, h.dh[0]]).toEqual([3, 4, 7])
  })
})
