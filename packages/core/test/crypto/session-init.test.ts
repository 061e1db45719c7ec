import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toHex } from '../../src/crypto/bytes.js'
import { BadHeaderError, decodeSessionInit, encodeSessionInit } from '../../src/crypto/index.js'

const ik = new Uint8Array(32).fill(0xaa)
const ek = new Uint8Array(32).fill(0xbb)
const spk = new Uint8Array(32).fill(0xcc)

describe('session-init codec', () => {
  it('has the fixed layout version | flags | IK | EK [| SPK]', () => {
    expect(toHex(encodeSessionInit({ version: 1, initiatorIdentity: ik, ephemeralKey: ek, signedPrekey: null }))).toBe('0100' + 'aa'.repeat(32) + 'bb'.repeat(32))
    expect(toHex(encodeSessionInit({ version: 1, initiatorIdentity: ik, ephemeralKey: ek, signedPrekey: spk }))).toBe('0101' + 'aa'.repeat(32) + 'bb'.repeat(32) + 'cc'.repeat(32))
  })

  it('round-trips both forms', () => {
    for (const signedPrekey of [null, spk]) {
      const init = { version: 1 as const, initiatorIdentity: ik, ephemeralKey: ek, signedPrekey }
      expect(decodeSessionInit(encodeSessionInit(init))).toEqual(init)
    }
  })

  it('rejects unknown versions, unknown flags and wrong lengths', () => {
    const good = encodeSessionInit({ version: 1, initiatorIdentity: ik, ephemeralKey: ek, signedPrekey: null })
    const v2 = good.slice(); v2[0] = 2
    const flags = good.slice(); flags[1] = 0x02
    const claimsPrekey = good.slice(); claimsPrekey[1] = 0x01
    for (const bad of [v2, flags, claimsPrekey, good.subarray(0, 65), new Uint8Array([...good, 0]), new Uint8Array(0)]) {
      expect(() => decodeSessionInit(bad)).toThrow(BadHeaderError)
    }
  })

  it('decoder throws only BadHeaderError on arbitrary input', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 120 }), (bytes) => {
      try {
        const init = decodeSessionInit(bytes)
        expect(toHex(encodeSessionInit(init))).toBe(toHex(bytes))
      } catch (err) {
        expect(err).toBeInstanceOf(BadHeaderError)
      }
    }), { numRuns: 2000 })
  })
})
