import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toHex } from '../../src/crypto/bytes.js'
import {
  FrameArgumentError, deriveFrameKeys, deriveFrameSubkeys, extendFrameCounter, frameCounter, frameNonce
} from '../../src/call/index.js'

const secret = new Uint8Array(32).fill(1)
const salt = new Uint8Array(32).fill(2)

describe('deriveFrameKeys', () => {
  it('gives each side the other side\'s send key as its receive key', () => {
    const caller = deriveFrameKeys({ exporterSecret: secret, callId: 'c1', role: 'caller', keySalt: salt })
    const callee = deriveFrameKeys({ exporterSecret: secret, callId: 'c1', role: 'callee', keySalt: salt })
    expect(caller.sendKey).toEqual(callee.recvKey)
    expect(caller.recvKey).toEqual(callee.sendKey)
    expect(caller.sendKey).not.toEqual(caller.recvKey)
  })

  it('changes with the key salt, the call id and the exporter secret', () => {
    const base = deriveFrameKeys({ exporterSecret: secret, callId: 'c1', role: 'caller', keySalt: salt }).sendKey
    expect(deriveFrameKeys({ exporterSecret: secret, callId: 'c1', role: 'caller', keySalt: new Uint8Array(32).fill(3) }).sendKey).not.toEqual(base)
    expect(deriveFrameKeys({ exporterSecret: secret, callId: 'c2', role: 'caller', keySalt: salt }).sendKey).not.toEqual(base)
    expect(deriveFrameKeys({ exporterSecret: new Uint8Array(32).fill(9), callId: 'c1', role: 'caller', keySalt: salt }).sendKey).not.toEqual(base)
  })

  it('rejects a salt or secret of the wrong length with FrameArgumentError', () => {
    expect(() => deriveFrameKeys({ exporterSecret: secret, callId: 'c1', role: 'caller', keySalt: new Uint8Array(31) })).toThrow(FrameArgumentError)
    expect(() => deriveFrameKeys({ exporterSecret: new Uint8Array(16), callId: 'c1', role: 'caller', keySalt: salt })).toThrow(FrameArgumentError)
    expect(() => deriveFrameKeys({ exporterSecret: secret, callId: '', role: 'caller', keySalt: salt })).toThrow(FrameArgumentError)
  })
})

describe('deriveFrameSubkeys', () => {
  it('gives audio and video different keys and nonce salts', () => {
    const a = deriveFrameSubkeys(secret, 'audio')
    const v = deriveFrameSubkeys(secret, 'video')
    expect(a.aeadKey.length).toBe(32)
    expect(a.nonceSalt.length).toBe(12)
    expect(toHex(a.aeadKey)).not.toBe(toHex(v.aeadKey))
    expect(toHex(a.nonceSalt)).not.toBe(toHex(v.nonceSalt))
  })

  it('rejects bad keys and kinds', () => {
    expect(() => deriveFrameSubkeys(new Uint8Array(31), 'audio')).toThrow(FrameArgumentError)
    expect(() => deriveFrameSubkeys(secret, 'screen' as 'audio')).toThrow(FrameArgumentError)
  })
})

describe('frameNonce', () => {
  it('XORs the big-endian u64 counter into the last 8 bytes of the salt', () => {
    const zero = new Uint8Array(12)
    expect(toHex(frameNonce(zero, 0x0102030405060708n))).toBe('000000000102030405060708')
    const ff = new Uint8Array(12).fill(0xff)
    expect(toHex(frameNonce(ff, 1n))).toBe('fffffffffffffffffffffffe')
    expect(toHex(frameNonce(zero, (1n << 64n) - 1n))).toBe('00000000ffffffffffffffff')
    // The salt itself is not modified.
    expect(ff).toEqual(new Uint8Array(12).fill(0xff))
  })

  it('is injective in the counter', () => {
    const salt12 = new Uint8Array(12).fill(0x5a)
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (a, b) => {
      fc.pre(a !== b)
      expect(toHex(frameNonce(salt12, a))).not.toBe(toHex(frameNonce(salt12, b)))
    }))
  })
})

describe('frameCounter', () => {
  it('accepts non-negative safe integers and u64 bigints only', () => {
    expect(frameCounter(0)).toBe(0n)
    expect(frameCounter(Number.MAX_SAFE_INTEGER)).toBe(BigInt(Number.MAX_SAFE_INTEGER))
    expect(frameCounter((1n << 64n) - 1n)).toBe((1n << 64n) - 1n)
    for (const bad of [-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1, -1n, 1n << 64n, '1' as unknown as number]) {
      expect(() => frameCounter(bad)).toThrow(FrameArgumentError)
    }
  })
})

describe('extendFrameCounter', () => {
  const W = 1n << 32n
  it('follows the wire seq across a u32 wrap-around in both directions', () => {
    expect(extendFrameCounter(5, 0n)).toBe(5n)
    expect(extendFrameCounter(0xffff_fffe, 0n)).toBe(0xffff_fffen) // before any wrap there is no previous epoch
    expect(extendFrameCounter(2, 0xffff_fff0n)).toBe(W + 2n) // wrapped forward
    expect(extendFrameCounter(0xffff_fff0, W + 2n)).toBe(0xffff_fff0n) // late frame from before the wrap
    expect(extendFrameCounter(7, 5n * W + 3n)).toBe(5n * W + 7n)
  })

  it('returns the counter nearest the reference with the given low 32 bits', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 1n << 40n }), fc.integer({ min: -(2 ** 30), max: 2 ** 30 }), (ref, delta) => {
      const actual = ref + BigInt(delta)
      fc.pre(actual >= 0n)
      expect(extendFrameCounter(Number(actual % W), ref)).toBe(actual)
    }))
  })

  it('rejects a seq that is not a u32', () => {
    expect(() => extendFrameCounter(-1, 0n)).toThrow(FrameArgumentError)
    expect(() => extendFrameCounter(2 ** 32, 0n)).toThrow(FrameArgumentError)
  })
})
