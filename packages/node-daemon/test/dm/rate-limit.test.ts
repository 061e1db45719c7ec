// Token buckets for strangers' envelopes: a burst passes, then envelopes wait for their
// token (held, not lost) until the wait would be too long; then they are refused.
import { describe, expect, it } from 'vitest'
import { StrangerRateLimiter } from '../../src/dm/rate-limit.js'
import { InboundStreamLimits } from '../../src/dm/stream-limits.js'

function clock (): { now: () => number, advance: (ms: number) => void } {
  let t = 1_000_000
  return { now: () => t, advance: (ms) => { t += ms } }
}

describe('StrangerRateLimiter', () => {
  it('holds envelopes over the rate, refuses them once the wait exceeds the maximum', () => {
    const c = clock()
    const l = new StrangerRateLimiter({ perPeerPerS: 10, perPeerBurst: 2, allPerS: 1000, allBurst: 1000, maxWaitMs: 250 }, c.now)
    expect(l.admit('p')).toEqual({ ok: true, waitMs: 0 })
    expect(l.admit('p')).toEqual({ ok: true, waitMs: 0 })
    expect(l.admit('p')).toEqual({ ok: true, waitMs: 100 })
    expect(l.admit('p')).toEqual({ ok: true, waitMs: 200 })
    const refused = l.admit('p')
    expect(refused.ok).toBe(false)
    // a refusal reserves nothing: after 100 ms the queue has moved by one token
    c.advance(100)
    expect(l.admit('p')).toEqual({ ok: true, waitMs: 200 })
    // another stranger has its own bucket
    expect(l.admit('q')).toEqual({ ok: true, waitMs: 0 })
  })

  it('the all-strangers bucket limits many identities together, and a refused one costs the others nothing', () => {
    const c = clock()
    const l = new StrangerRateLimiter({ perPeerPerS: 1000, perPeerBurst: 1000, allPerS: 10, allBurst: 5, maxWaitMs: 0 }, c.now)
    const results = Array.from({ length: 8 }, (_, i) => l.admit(`peer${i}`).ok)
    expect(results).toEqual([true, true, true, true, true, false, false, false])
    c.advance(100)
    expect(l.admit('late').ok).toBe(true)
    expect(l.admit('later').ok).toBe(false)
  })

  it('forgets idle buckets instead of growing for ever', () => {
    const c = clock()
    const l = new StrangerRateLimiter({}, c.now)
    for (let i = 0; i < 1024; i++) l.admit(`p${i}`)
    expect(l.tracked).toBe(1024)
    c.advance(60_000)
    l.admit('new')
    expect(l.tracked).toBe(1)
  })
})

describe('InboundStreamLimits', () => {
  it('counts per peer over all connections, strangers together and in total; release undoes acquire', () => {
    const s = new InboundStreamLimits({ perPeer: 2, strangers: 3, total: 4 })
    expect(s.acquire('a', true)).toBeNull()
    expect(s.acquire('a', true)).toBeNull()
    expect(s.acquire('a', true)).toBe('per-peer')
    expect(s.acquire('b', true)).toBeNull()
    expect(s.acquire('c', true)).toBe('strangers')
    expect(s.acquire('friend', false)).toBeNull()
    expect(s.acquire('friend2', false)).toBe('total')
    s.release('a', true)
    expect(s.counts()).toEqual({ total: 3, strangers: 2, peers: 3 })
    expect(s.acquire('c', true)).toBeNull()
  })
})
