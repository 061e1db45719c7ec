import { describe, expect, it } from 'vitest'
import { StrangerGate } from '../../src/call/stranger-gate.js'

function gate (over: ConstructorParameters<typeof StrangerGate>[0] = {}): { g: StrangerGate, clock: { t: number } } {
  const clock = { t: 1_000_000 }
  const g = new StrangerGate({ perPeerBurst: 2, perPeerRefillMs: 30_000, globalBurst: 5, globalRefillMs: 10_000, rejectCooldownMs: 300_000, maxPeers: 3, now: () => clock.t, ...over })
  return { g, clock }
}

describe('stranger gate', () => {
  it('one stranger rings its burst, then is rate-limited until its bucket refills', () => {
    const { g, clock } = gate()
    expect([g.admit('s1'), g.admit('s1'), g.admit('s1')]).toEqual(['ring', 'ring', 'rate_limited'])
    clock.t += 29_000
    expect(g.admit('s1')).toBe('rate_limited')
    clock.t += 1_000
    expect(g.admit('s1')).toBe('ring')
  })

  it('200 offers in a few seconds from one stranger ring only the burst', () => {
    const { g, clock } = gate()
    let rung = 0
    for (let i = 0; i < 200; i++) { if (g.admit('flood') === 'ring') rung++; clock.t += 30 }
    expect(rung).toBe(2)
  })

  it('all strangers together share a global bucket', () => {
    const { g } = gate({ maxPeers: 100 })
    const verdicts = Array.from({ length: 8 }, (_, i) => g.admit(`s${i}`))
    expect(verdicts.filter(v => v === 'ring')).toHaveLength(5)
  })

  it('a declined stranger does not ring again during the cool-down', () => {
    const { g, clock } = gate()
    expect(g.admit('s1')).toBe('ring')
    g.declined('s1')
    clock.t += 60_000
    expect(g.admit('s1')).toBe('declined_recently')
    clock.t += 240_000
    expect(g.admit('s1')).toBe('ring')
  })

  it('tracks a bounded number of strangers (least recently seen forgotten)', () => {
    const { g } = gate({ globalBurst: 1000 })
    g.admit('a'); g.admit('a')
    expect(g.admit('a')).toBe('rate_limited')
    g.admit('b'); g.admit('c'); g.admit('d') // 'a' falls out
    expect(g.admit('a')).toBe('ring')
  })
})
