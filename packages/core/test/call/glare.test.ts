import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { GlareUnresolvableError, resolveGlare } from '../../src/call/index.js'

const id = fc.string({ minLength: 1, maxLength: 60, unit: 'grapheme-ascii' })

describe('resolveGlare', () => {
  it('is antisymmetric: the two sides always reach opposite answers', () => {
    fc.assert(fc.property(id, id, id, id, (peerA, peerB, callA, callB) => {
      fc.pre(peerA !== peerB || callA !== callB)
      const atA = resolveGlare(peerA, peerB, callA, callB)
      const atB = resolveGlare(peerB, peerA, callB, callA)
      expect(new Set([atA, atB])).toEqual(new Set(['keep-local', 'accept-remote']))
    }), { numRuns: 5000 })
  })

  it('is antisymmetric for peers that differ only in the call ids (same identity on two devices)', () => {
    fc.assert(fc.property(id, id, id, (peer, callA, callB) => {
      fc.pre(callA !== callB)
      expect(resolveGlare(peer, peer, callA, callB)).not.toBe(resolveGlare(peer, peer, callB, callA))
    }), { numRuns: 2000 })
  })

  it('keeps the call of the lower peer id, whatever the call ids', () => {
    expect(resolveGlare('12D3KooWA', '12D3KooWB', 'zzz', 'aaa')).toBe('keep-local')
    expect(resolveGlare('12D3KooWB', '12D3KooWA', 'aaa', 'zzz')).toBe('accept-remote')
  })

  it('compares by code units, not locale (uppercase sorts before lowercase)', () => {
    expect(resolveGlare('Z', 'a', 'x', 'y')).toBe('keep-local')
  })

  it('falls back to the lower call id when the peer ids are equal', () => {
    expect(resolveGlare('p', 'p', 'call-a', 'call-b')).toBe('keep-local')
    expect(resolveGlare('p', 'p', 'call-b', 'call-a')).toBe('accept-remote')
  })

  it('refuses to pick between two identical offers', () => {
    expect(() => resolveGlare('p', 'p', 'c', 'c')).toThrow(GlareUnresolvableError)
  })

  it('is deterministic', () => {
    fc.assert(fc.property(id, id, id, id, (a, b, c, d) => {
      fc.pre(a !== b)
      expect(resolveGlare(a, b, c, d)).toBe(resolveGlare(a, b, c, d))
    }))
  })
})
