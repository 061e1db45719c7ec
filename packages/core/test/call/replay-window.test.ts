import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ReplayWindow } from '../../src/call/index.js'

/** Reference model: a set of every accepted counter plus the highest. */
function model (size: number) {
  const seen = new Set<bigint>()
  let highest: bigint | null = null
  return {
    check (c: bigint) {
      if (highest === null || c > highest) return 'fresh'
      if (highest - c >= BigInt(size)) return 'too-old'
      return seen.has(c) ? 'duplicate' : 'fresh'
    },
    accept (c: bigint) {
      seen.add(c)
      if (highest === null || c > highest) highest = c
    }
  }
}

describe('ReplayWindow', () => {
  it('accepts new counters, refuses duplicates and counters older than the window', () => {
    const w = new ReplayWindow(4)
    expect(w.highestCounter).toBe(null)
    expect(w.check(10n)).toBe('fresh')
    w.accept(10n)
    expect(w.check(10n)).toBe('duplicate')
    expect(w.check(7n)).toBe('fresh') // 10 − 7 = 3 < 4
    expect(w.check(6n)).toBe('too-old')
    w.accept(7n)
    expect(w.check(7n)).toBe('duplicate')
    w.accept(12n)
    expect(w.highestCounter).toBe(12n)
    expect(w.check(9n)).toBe('fresh') // window is 9..12
    expect(w.check(8n)).toBe('too-old')
    expect(w.check(10n)).toBe('duplicate')
  })

  it('check never changes the window', () => {
    const w = new ReplayWindow(8)
    expect(w.check(5n)).toBe('fresh')
    expect(w.check(5n)).toBe('fresh')
    expect(w.highestCounter).toBe(null)
  })

  it('a jump larger than the window forgets everything before it', () => {
    const w = new ReplayWindow(32)
    for (let c = 0n; c < 32n; c++) w.accept(c)
    w.accept(1000n)
    for (let c = 969n; c < 1000n; c++) expect(w.check(c)).toBe('fresh')
    expect(w.check(968n)).toBe('too-old')
  })

  it('works at the top of the 64-bit range', () => {
    const w = new ReplayWindow(16)
    const top = (1n << 64n) - 1n
    w.accept(top - 1n)
    w.accept(top)
    expect(w.check(top)).toBe('duplicate')
    expect(w.check(top - 2n)).toBe('fresh')
  })

  it('agrees with a set-based model for any sequence (window sizes not multiples of 32 too)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 100 }),
      fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 300 }),
      (size, counters) => {
        const w = new ReplayWindow(size)
        const m = model(size)
        for (const n of counters) {
          const c = BigInt(n)
          const verdict = m.check(c)
          expect(w.check(c)).toBe(verdict)
          if (verdict === 'fresh') { w.accept(c); m.accept(c) }
        }
      }
    ), { numRuns: 500 })
  })
})
