import { describe, expect, it } from 'vitest'
import { ArrivalLossCounter } from '../../src/media-transport/loss-counter.js'

describe('ArrivalLossCounter', () => {
  it('counts a missing frame only once it is the grace behind the newest', () => {
    const c = new ArrivalLossCounter(3)
    for (const s of [0, 1, 3, 4]) c.push(s)
    expect(c.lost).toBe(0) // 2 may still be retransmitted
    c.push(5)
    expect(c.lost).toBe(1)
  })

  it('does not count late or reordered frames within the grace', () => {
    const c = new ArrivalLossCounter(5)
    for (const s of [0, 2, 3, 1, 5, 4, 6, 7, 8, 9, 10, 11, 12]) c.push(s)
    expect(c.lost).toBe(0)
  })

  it('works across the u32 wrap and ignores a frame that comes after it was counted', () => {
    const c = new ArrivalLossCounter(2)
    const base = 0xffff_fffe
    for (const k of [0, 1, 3, 4, 5, 6]) c.push((base + k) >>> 0)
    expect(c.lost).toBe(1)
    c.push((base + 2) >>> 0)
    expect(c.lost).toBe(1)
  })

  it('treats a huge jump as the sender skipping ahead, not as thousands of losses', () => {
    const c = new ArrivalLossCounter(10)
    c.push(0)
    c.push(100_000)
    expect(c.lost).toBeLessThanOrEqual(10)
  })
})
