// The token bucket with reservations that the strangers' rate limits are built on.
import { describe, expect, it } from 'vitest'
import { TokenBucket } from '../src/token-bucket.js'

describe('TokenBucket', () => {
  it('gives a burst, then one token per 1/rate, and refills to its size only', () => {
    const b = new TokenBucket(10 / 1000, 3, 0)
    for (let i = 0; i < 3; i++) { expect(b.waitMs(0)).toBe(0); b.take(0) }
    expect(b.waitMs(0)).toBeCloseTo(100)
    b.take(0) // a reservation: the balance goes negative
    expect(b.waitMs(0)).toBeCloseTo(200)
    expect(b.idle(10_000)).toBe(true)
    for (let i = 0; i < 3; i++) b.take(10_000)
    expect(b.waitMs(10_000)).toBeCloseTo(100)
  })
})
