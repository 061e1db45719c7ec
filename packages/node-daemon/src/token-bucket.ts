// A token bucket with reservations, on an injected clock: `waitMs` says how long until the
// next token, `take` may drive the balance negative (a queue of reserved future tokens).
// Shared by the rate limits that hold work rather than only refuse it (dm/rate-limit.ts).
export class TokenBucket {
  private tokens: number
  private at: number

  /** `perMs` tokens are added per millisecond, up to `burst`; the bucket starts full. */
  constructor (private readonly perMs: number, private readonly burst: number, now: number) {
    this.tokens = burst
    this.at = now
  }

  /** Milliseconds until one more token would be ours (0 = now). */
  waitMs (now: number): number {
    this.refill(now)
    return this.tokens >= 1 ? 0 : (1 - this.tokens) / this.perMs
  }

  take (now: number): void {
    this.refill(now)
    this.tokens -= 1
  }

  /** True when the bucket is full again: it holds no information and may be forgotten. */
  idle (now: number): boolean {
    this.refill(now)
    return this.tokens >= this.burst
  }

  private refill (now: number): void {
    this.tokens = Math.min(this.burst, this.tokens + Math.max(0, now - this.at) * this.perMs)
    this.at = now
  }
}
