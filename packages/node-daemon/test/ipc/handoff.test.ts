import { afterEach, describe, expect, it, vi } from 'vitest'
import { HANDOFF_CODE_TTL_MS, HANDOFF_MAX_CODES, HandoffCodes } from '../../src/ipc/handoff.js'

describe('HandoffCodes', () => {
  it('redeems a code once', () => {
    const codes = new HandoffCodes()
    const { code } = codes.issue()
    expect(codes.redeem(code)).toBe(true)
    expect(codes.redeem(code)).toBe(false)
    expect(codes.redeem('never-issued')).toBe(false)
  })

  it('expires codes after their time to live', () => {
    let now = 1_000
    const codes = new HandoffCodes(() => now)
    const a = codes.issue()
    expect(a.expiresAt).toBe(1_000 + HANDOFF_CODE_TTL_MS)
    const b = codes.issue()
    now += HANDOFF_CODE_TTL_MS
    expect(codes.redeem(a.code)).toBe(false)
    expect(codes.redeem(b.code)).toBe(false)
  })

  it('keeps at most HANDOFF_MAX_CODES, forgetting the oldest', () => {
    const codes = new HandoffCodes()
    const issued = Array.from({ length: HANDOFF_MAX_CODES + 1 }, () => codes.issue().code)
    expect(new Set(issued).size).toBe(issued.length)
    expect(codes.redeem(issued[0] ?? '')).toBe(false)
    expect(codes.redeem(issued[1] ?? '')).toBe(true)
    expect(codes.redeem(issued.at(-1) ?? '')).toBe(true)
  })

  describe('forget hook (deletes the sign-in page)', () => {
    afterEach(() => { vi.useRealTimers() })

    it('runs once when the code is redeemed', () => {
      const codes = new HandoffCodes()
      const onForget = vi.fn()
      const { code } = codes.issue(onForget)
      expect(onForget).not.toHaveBeenCalled()
      expect(codes.redeem(code)).toBe(true)
      expect(codes.redeem(code)).toBe(false)
      expect(onForget).toHaveBeenCalledTimes(1)
    })

    it('runs at expiry even if nobody ever redeems the code', () => {
      vi.useFakeTimers()
      const codes = new HandoffCodes()
      const onForget = vi.fn()
      codes.issue(onForget)
      vi.advanceTimersByTime(HANDOFF_CODE_TTL_MS - 1)
      expect(onForget).not.toHaveBeenCalled()
      vi.advanceTimersByTime(1)
      expect(onForget).toHaveBeenCalledTimes(1)
      expect(codes.outstanding).toBe(0)
    })

    it('runs for an evicted code and for every code at forgetAll', () => {
      const codes = new HandoffCodes()
      const forgotten: number[] = []
      for (let i = 0; i <= HANDOFF_MAX_CODES; i++) codes.issue(() => { forgotten.push(i) })
      expect(forgotten).toEqual([0])
      codes.forgetAll()
      expect(forgotten.sort((a, b) => a - b)).toEqual(Array.from({ length: HANDOFF_MAX_CODES + 1 }, (_, i) => i))
      expect(codes.outstanding).toBe(0)
    })
  })
})
