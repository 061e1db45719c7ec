// Relay-only (privacy) mode on loopback: A never shows its IP to contacts. R relays and is
// everyone's bootstrap peer; B is an ordinary daemon, directly reachable, also reserved on R.
// A calls B and B calls A by peer ID: either way each side sees the other's connection as a
// /p2p-circuit one, and nothing B learns about A (DHT lookup, invite) holds a direct address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reached, watch } from './helpers/call-watch.js'
import { startTestDaemon, teardown, waitFor } from './helpers/daemons.js'
import type { TestDaemon } from './helpers/daemons.js'

describe('relay-only mode', () => {
  let r: TestDaemon, a: TestDaemon, b: TestDaemon
  let relayAddr = ''

  beforeAll(async () => {
    r = await startTestDaemon({ args: ['--relay-server'] })
    relayAddr = r.addr
    ;[a, b] = await Promise.all([
      startTestDaemon({ args: ['--relay-only', '--relay', relayAddr, '--bootstrap', relayAddr, '--auto-answer'] }),
      startTestDaemon({ args: ['--relay', relayAddr, '--bootstrap', relayAddr, '--auto-answer'] })
    ])
  }, 60_000)
  afterAll(async () => { await teardown([a, b, r]) })

  it('A listens and announces only through its relay, and says so', async () => {
    const s = await waitFor(async () => { const st = await a.client.call('status'); return st.reachability.relays.length > 0 ? st : undefined }, 'A\'s reservation on R')
    expect(s.reachability.relayOnly).toBe(true)
    expect(s.listenAddrs.length).toBeGreaterThan(0)
    expect(s.listenAddrs.every(x => x.includes('/p2p-circuit'))).toBe(true)
    const invite = await a.client.call('invite.create', {})
    expect(invite.addrs.every(x => x.includes('/p2p-circuit'))).toBe(true)
  })

  it('B finds A by peer ID and gets only relayed addresses; B\'s call reaches A through R, and B sees R\'s address, not A\'s', async () => {
    const found = await waitFor(async () => await b.client.call('peer.find', { peerId: a.peerId, timeoutMs: 5_000 }).catch(() => undefined), 'B to find A', 20_000, 250)
    expect(found.addrs.length).toBeGreaterThan(0)
    expect(found.addrs.every(x => x.includes('/p2p-circuit'))).toBe(true)
    await callAndCheck(b, a)
  }, 60_000)

  it('A calls B, who listens directly: A still goes through R (its direct dial is refused at home), and B sees R\'s address', async () => {
    await b.client.call('peer.hangup', { peerId: a.peerId })
    await a.client.call('peer.hangup', { peerId: b.peerId })
    await callAndCheck(a, b)
  }, 60_000)

  async function callAndCheck (caller: TestDaemon, callee: TestDaemon): Promise<void> {
    const w = await watch(caller)
    try {
      const { callId } = await caller.client.call('call.start', { peerId: callee.peerId })
      await waitFor(() => reached(w, callId, 'connected'), 'the call to connect', 30_000)
      await waitFor(async () => ((await callee.client.call('call.stats')).audio.decoded > 20) || undefined, 'audio at the callee', 20_000)
      for (const [self, other] of [[caller, callee], [callee, caller]] as const) {
        const conns = (await self.client.call('status')).connections.filter(c => c.peerId === other.peerId)
        expect(conns.length).toBeGreaterThan(0)
        // the only IP in a relayed address is the relay's
        expect(conns.every(c => c.remoteAddr.includes('/p2p-circuit') && c.remoteAddr.includes(r.peerId))).toBe(true)
      }
      await caller.client.call('call.hangup', {})
      await waitFor(() => reached(w, callId, 'ended'), 'the call to end')
      await waitFor(async () => (await callee.client.call('call.history')).find(h => h.callId === callId && h.endReason != null), 'the callee to end it too')
    } finally {
      w.client.close()
    }
  }
})
