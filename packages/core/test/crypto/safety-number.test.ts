import { describe, expect, it } from 'vitest'
import { identityFingerprintDigits, safetyNumber, safetyNumbersMatch, BadIdentityKeyError } from '../../src/crypto/index.js'
import { identity } from './helpers.js'

const a = identity('alice').publicKey
const b = identity('bob').publicKey
const c = identity('carol').publicKey

describe('safety numbers', () => {
  it('are 60 digits in 12 groups of 5, and the same from both sides', () => {
    const ab = safetyNumber(a, b)
    expect(ab.digits).toMatch(/^\d{60}$/)
    expect(ab.groups).toHaveLength(12)
    expect(ab.display).toMatch(/^(\d{5} ){11}\d{5}$/)
    expect(safetyNumber(b, a)).toEqual(ab)
  })

  it('consist of the two per-identity fingerprints, in sorted order', () => {
    const halves = [identityFingerprintDigits(a), identityFingerprintDigits(b)].sort()
    expect(safetyNumber(a, b).digits).toBe(halves.join(''))
  })

  it('change when either identity changes', () => {
    const ab = safetyNumber(a, b).digits
    expect(safetyNumber(a, c).digits).not.toBe(ab)
    expect(safetyNumber(c, b).digits).not.toBe(ab)
    const flipped = b.slice()
    flipped[0] = (flipped[0] as number) ^ 1
    expect(safetyNumber(a, flipped).digits).not.toBe(ab)
  })

  it('match user input regardless of spacing, and only the exact digits', () => {
    const n = safetyNumber(a, b)
    expect(safetyNumbersMatch(n, n.display)).toBe(true)
    expect(safetyNumbersMatch(n, ` ${n.groups.join('\n')} `)).toBe(true)
    expect(safetyNumbersMatch(n.display, n.digits)).toBe(true)
    const last = n.digits.at(-1) === '0' ? '1' : '0'
    expect(safetyNumbersMatch(n, n.digits.slice(0, -1) + last)).toBe(false)
    expect(safetyNumbersMatch(n, n.digits.slice(0, -1))).toBe(false)
    expect(safetyNumbersMatch(n, n.digits.slice(0, -1) + 'x')).toBe(false)
  })

  it('reject malformed keys', () => {
    expect(() => safetyNumber(a, new Uint8Array(31))).toThrow(BadIdentityKeyError)
  })
})
