// Circuit relay between real daemons on loopback: A and B are reachable only through relay
// R (as daemons behind NATs would be), B reaches A with A's invite link — whose only
// addresses are relayed — and a call between them carries audio both ways through R.
// A peer with no reservation on R cannot be reached through it.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { createParleyNode } from '@parley/node-daemon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reached, watch } from './helpers/call-watch.js'
import { LOOPBACK_QUIC, makeHome, startTestDaemon, teardown, waitFor } from './helpers/daemons.js'
import type { TestDaemon } from './helpers/daemons.js'

describe('circuit relay', () => {
  let r: TestDaemon, a: TestDaemon, b: TestDaemon

  beforeAll(async () => {
    r = await startTestDaemon({ args: ['--relay-server'] })
    // neither has a listen address of its own: each is reachable only through R, as two
    // daemons behind NATs would be, so nothing between them can go direct
    const behindR = async (extra: string[] = []): Promise<TestDaemon> => {
      const home = makeHome()
      writeFileSync(join(home, 'config.json'), JSON.stringify({ listen: [] }))
      return await startTestDaemon({ home, defaults: false, args: ['--relay', r.addr, '--no-mdns', '--api-port', '0', ...extra] })
    }
    ;[a, b] = await Promise.all([behindR(['--auto-answer']), behindR()])
  }, 60_000)
  afterAll(async () => { await teardown([a, b, r]) })

  it('A announces a relayed address; B accepts A\'s invite through R and their call carries audio both ways', async () => {
    const relayed = await waitFor(async () => (await a.client.call('status')).listenAddrs.find(x => x.includes('/p2p-circuit')), 'A\'s reservation on R', 20_000)
    expect(relayed).toContain(r.peerId)
    const { link, addrs } = await a.client.call('invite.create', {})
    expect(addrs.length).toBeGreaterThan(0)
    expect(addrs.every(x => x.includes('/p2p-circuit'))).toBe(true)
    const accepted = await b.client.call('invite.accept', { link })
    expect(accepted.remoteAddr).toContain('/p2p-circuit')

    const wb = await watch(b)
    try {
      const { callId } = await b.client.call('call.start', { peerId: a.peerId })
      await waitFor(() => reached(wb, callId, 'connected'), 'the relayed call to connect', 30_000)
      await waitFor(async () => ((await b.client.call('call.stats')).audio.decoded > 50 && (await a.client.call('call.stats')).audio.decoded > 50) || undefined, 'audio both ways through R', 20_000)
      // no QUIC path statistics for a relayed call: quinn's would describe the hop to R, not the path to A
      expect((await b.client.call('call.stats')).transport).toBeNull()
      const conns = (await b.client.call('status')).connections.filter(c => c.peerId === a.peerId)
      expect(conns.length).toBeGreaterThan(0)
      expect(conns.every(c => c.remoteAddr.includes('/p2p-circuit'))).toBe(true)
      await b.client.call('call.hangup', {})
      await waitFor(() => reached(wb, callId, 'ended'), 'the call to end')
    } finally {
      wb.client.close()
    }
  }, 90_000)

  it('a configured relay that does not answer at start-up: the daemon starts anyway and says so in its log', async () => {
    const nobody = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
    // UDP port 9 (discard) on loopback: nothing answers there
    const dead = `/ip4/127.0.0.1/udp/9/quic-v1/p2p/${nobody.toString()}`
    const d = await startTestDaemon({ args: ['--relay', dead, '--relay', r.addr] })
    try {
      // the other relay still gives it a reservation
      await waitFor(async () => (await d.client.call('status')).reachability.relays.includes(r.peerId) || undefined, 'a reservation on the live relay', 20_000)
      const log = await waitFor(() => d.logs().split('\n').find(l => l.includes('no reservation on a relay') && l.includes(nobody.toString())), 'the warning about the dead relay', 20_000, 250)
      expect(log).toMatch(/trying again/)
    } finally {
      await teardown([d])
    }
  }, 60_000)

  it('a peer with no reservation on R cannot be reached through it', async () => {
    const node = await createParleyNode({ privateKey: await generateKeyPair('Ed25519'), listen: [LOOPBACK_QUIC], mdns: false })
    try {
      const nobody = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
      const err = await node.dial(multiaddr(`${r.addr}/p2p-circuit/p2p/${nobody.toString()}`), { signal: AbortSignal.timeout(15_000) }).then(() => null, (e: unknown) => e as Error)
      expect(err).not.toBeNull()
      expect(String(err?.message)).toMatch(/NO_RESERVATION|reservation/i)
    } finally {
      await node.stop()
    }
  }, 30_000)
})
