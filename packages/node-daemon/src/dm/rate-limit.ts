// Rate limits for envelopes from strangers: a token bucket per stranger and one for all
// strangers together. Over the rate an envelope waits for its token (the sender is slowed
// down, nothing is lost); only when that wait would exceed `maxWaitMs` is it refused.
// Hand-written rather than @libp2p/utils' RateLimiter: that one is a fixed window that
// can only say no, and a reservation (wait for a future token) is what lets an honest
// sender's burst through at the limited rate. See docs/security.md "Strangers".
import {
  ALL_STRANGERS_DM_BURST, ALL_STRANGERS_DM_RATE_PER_S, STRANGER_BUCKETS_SWEEP_AT, STRANGER_DM_BURST,
  STRANGER_DM_MAX_WAIT_MS, STRANGER_DM_RATE_PER_S
} from './constants.js'
import { TokenBucket } from '../token-bucket.js'

export interface StrangerLimits {
  /** Default STRANGER_DM_RATE_PER_S. */
  perPeerPerS?: number
  /** Default STRANGER_DM_BURST. */
  perPeerBurst?: number
  /** Default ALL_STRANGERS_DM_RATE_PER_S. */
  allPerS?: number
  /** Default ALL_STRANGERS_DM_BURST. */
  allBurst?: number
  /** Default STRANGER_DM_MAX_WAIT_MS. */
  maxWaitMs?: number
}

export type Admission = { ok: true, waitMs: number } | { ok: false, retryAfterMs: number }

export class StrangerRateLimiter {
  private readonly perPeer = new Map<string, TokenBucket>()
  private readonly all: TokenBucket
  private readonly perPeerPerMs: number
  private readonly perPeerBurst: number
  private readonly maxWaitMs: number

  constructor (limits: StrangerLimits = {}, private readonly now: () => number = Date.now) {
    this.perPeerPerMs = (limits.perPeerPerS ?? STRANGER_DM_RATE_PER_S) / 1000
    this.perPeerBurst = limits.perPeerBurst ?? STRANGER_DM_BURST
    this.maxWaitMs = limits.maxWaitMs ?? STRANGER_DM_MAX_WAIT_MS
    this.all = new TokenBucket((limits.allPerS ?? ALL_STRANGERS_DM_RATE_PER_S) / 1000, limits.allBurst ?? ALL_STRANGERS_DM_BURST, this.now())
  }

  /**
   * Reserve one envelope for `peerId` in both buckets, or neither: a refused envelope costs
   * the other strangers nothing. `ok` carries how long to hold the envelope first.
   */
  admit (peerId: string): Admission {
    const now = this.now()
    let bucket = this.perPeer.get(peerId)
    if (bucket == null) {
      if (this.perPeer.size >= STRANGER_BUCKETS_SWEEP_AT) this.sweep(now)
      bucket = new TokenBucket(this.perPeerPerMs, this.perPeerBurst, now)
      this.perPeer.set(peerId, bucket)
    }
    const waitMs = Math.max(bucket.waitMs(now), this.all.waitMs(now))
    if (waitMs > this.maxWaitMs) return { ok: false, retryAfterMs: Math.ceil(waitMs - this.maxWaitMs) }
    bucket.take(now)
    this.all.take(now)
    return { ok: true, waitMs: Math.ceil(waitMs) }
  }

  /** Buckets tracked right now (for tests and stats). */
  get tracked (): number { return this.perPeer.size }

  private sweep (now: number): void {
    for (const [peer, b] of this.perPeer) if (b.idle(now)) this.perPeer.delete(peer)
  }
}
