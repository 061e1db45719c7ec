// Who may ring: offers from strangers (peers the user never added) pass through per-peer
// and global token buckets and a cool-down after the user declined them, so a stranger can
// neither flood the user with rings nor ring again right after a "no". Pure logic over an
// injected clock; the call service asks it before ringing (docs/security.md "Strangers").
import {
  STRANGER_OFFERS_GLOBAL_BURST, STRANGER_OFFERS_GLOBAL_REFILL_MS, STRANGER_OFFER_BURST,
  STRANGER_OFFER_REFILL_MS, STRANGER_REJECT_COOLDOWN_MS, STRANGER_TRACKED_PEERS
} from './constants.js'
import { TokenBucket } from '../token-bucket.js'

export interface StrangerGateOptions {
  /** Default STRANGER_OFFER_BURST (2). */
  perPeerBurst?: number
  /** Default STRANGER_OFFER_REFILL_MS (30 s). */
  perPeerRefillMs?: number
  /** Default STRANGER_OFFERS_GLOBAL_BURST (5). */
  globalBurst?: number
  /** Default STRANGER_OFFERS_GLOBAL_REFILL_MS (10 s). */
  globalRefillMs?: number
  /** Default STRANGER_REJECT_COOLDOWN_MS (5 min). */
  rejectCooldownMs?: number
  /** Default STRANGER_TRACKED_PEERS (1 000). */
  maxPeers?: number
  /** Default Date.now. */
  now?: () => number
}

export type StrangerVerdict = 'ring' | 'rate_limited' | 'declined_recently'

/** Take a token if one is there now (strangers' rings are refused, never held). */
function takeNow (bucket: TokenBucket, now: number): boolean {
  if (bucket.waitMs(now) > 0) return false
  bucket.take(now)
  return true
}

interface PeerState { bucket: TokenBucket, declinedAt: number | null }

export class StrangerGate {
  private readonly peers = new Map<string, PeerState>()
  private readonly global: TokenBucket
  private readonly o: Required<Omit<StrangerGateOptions, 'now'>>
  private readonly now: () => number

  constructor (opts: StrangerGateOptions = {}) {
    this.o = {
      perPeerBurst: opts.perPeerBurst ?? STRANGER_OFFER_BURST,
      perPeerRefillMs: opts.perPeerRefillMs ?? STRANGER_OFFER_REFILL_MS,
      globalBurst: opts.globalBurst ?? STRANGER_OFFERS_GLOBAL_BURST,
      globalRefillMs: opts.globalRefillMs ?? STRANGER_OFFERS_GLOBAL_REFILL_MS,
      rejectCooldownMs: opts.rejectCooldownMs ?? STRANGER_REJECT_COOLDOWN_MS,
      maxPeers: opts.maxPeers ?? STRANGER_TRACKED_PEERS
    }
    this.now = opts.now ?? Date.now
    this.global = new TokenBucket(1 / this.o.globalRefillMs, this.o.globalBurst, this.now())
  }

  /** May this stranger's offer ring? Counts the offer against the buckets when it may. */
  admit (peerId: string): StrangerVerdict {
    const now = this.now()
    const p = this.peer(peerId, now)
    if (p.declinedAt != null && now - p.declinedAt < this.o.rejectCooldownMs) return 'declined_recently'
    // the peer's own bucket first: one noisy stranger must not use up everyone's share
    if (!takeNow(p.bucket, now)) return 'rate_limited'
    if (!takeNow(this.global, now)) return 'rate_limited'
    return 'ring'
  }

  /** The user declined this stranger's call. */
  declined (peerId: string): void {
    this.peer(peerId, this.now()).declinedAt = this.now()
  }

  private peer (peerId: string, now: number): PeerState {
    let p = this.peers.get(peerId)
    if (p != null) {
      // refresh its place: the map's order is least recently seen first
      this.peers.delete(peerId)
    } else {
      p = { bucket: new TokenBucket(1 / this.o.perPeerRefillMs, this.o.perPeerBurst, now), declinedAt: null }
      while (this.peers.size >= this.o.maxPeers) {
        const oldest = this.peers.keys().next().value
        if (oldest == null) break
        this.peers.delete(oldest)
      }
    }
    this.peers.set(peerId, p)
    return p
  }
}
