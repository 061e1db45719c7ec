// The network lab (helpers/nat-lab.ts): two relays on a stand-in internet, four homes behind
// NAT routers (two cone, two symmetric), each host daemon bootstrapped from the first relay;
// hosts 0 and 2 are configured with both relays, hosts 1 and 3 find two through the DHT.
// Checks what a user behind a home router gets:
// - AutoNAT: the hosts learn they are behind NAT (DHT client) and hold two reservations,
//   the relays that they are public (DHT server); `parley doctor` says so;
// - every host finds every other by peer ID, with relayed addresses only;
// - cone↔cone, cone↔symmetric, symmetric↔symmetric: a call by peer ID only (the callee's
//   relayed addresses come from the DHT), through a relay, carries audio and video (the
//   callee's recording: the caller's tone and frame counters in order);
// - the relay carrying a call dies: the call comes back through the other relay.
// Every namespace and process goes away even when a test fails (afterAll).
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CallStatsResult } from '@parley/core/ipc'
import { reached, watch } from './helpers/call-watch.js'
import { parley } from './helpers/cli.js'
import { makeHome, startTestDaemon, teardown, waitFor } from './helpers/daemons.js'
import type { TestDaemon } from './helpers/daemons.js'
import { createNatLab } from './helpers/nat-lab.js'
import type { NatLab } from './helpers/nat-lab.js'
import { readRecording } from './helpers/recording.js'

const RELAY_PORT = 4001
const TIMEOUTS = ['--ring-timeout', '20000', '--reconnect-timeout', '30000']

interface Host { d: TestDaemon, nat: string, recordDir: string }

describe('NAT lab: homes behind cone and symmetric NATs, two relays on a stand-in internet', () => {
  let lab: NatLab
  const relays: TestDaemon[] = []
  const relayAddrs: string[] = []
  const hosts: Host[] = []
  const table: Array<Record<string, unknown>> = []
  let loner: TestDaemon | undefined

  beforeAll(async () => {
    // the fifth home's host joins no network at all: it only accepts an invite
    lab = createNatLab({ homes: ['cone', 'cone', 'symmetric', 'symmetric', 'symmetric'], publicHosts: 2 })
    for (const pub of lab.publics) {
      const listen = `/ip4/${pub.addr}/udp/${RELAY_PORT}/quic-v1`
      const r = await startTestDaemon({
        netns: pub.ns,
        nsApi: true,
        defaults: false,
        args: ['--listen', listen, '--announce', listen, '--relay-server', '--no-mdns', ...(relayAddrs.length > 0 ? ['--bootstrap', relayAddrs[0] ?? ''] : [])]
      })
      relays.push(r)
      relayAddrs.push(`${listen}/p2p/${r.peerId}`)
    }
    const started = await Promise.all(lab.homes.slice(0, 4).map(async (home, n) => {
      const recordDir = join(makeHome('parley-lab-rec-'), 'rec')
      mkdirSync(recordDir)
      const d = await startTestDaemon({
        netns: home.host,
        nsApi: true,
        defaults: false,
        args: [
          '--listen', '/ip4/0.0.0.0/udp/0/quic-v1', '--no-mdns', '--auto-answer', '--record', recordDir, ...TIMEOUTS,
          // hosts 0 and 2 are given both relays; hosts 1 and 3 find theirs through the DHT
          '--bootstrap', relayAddrs[0] ?? '', ...(n % 2 === 0 ? relayAddrs.flatMap(r => ['--relay', r]) : [])
        ]
      })
      return { d, nat: home.nat, recordDir }
    }))
    hosts.push(...started)
    loner = await startTestDaemon({ netns: lab.homes[4]?.host, nsApi: true, defaults: false, args: ['--listen', '/ip4/0.0.0.0/udp/0/quic-v1', '--no-mdns'] })
  }, 120_000)

  afterAll(async () => {
    await teardown([...hosts.map(h => h.d), loner, ...relays])
    lab?.destroy()
    if (table.length > 0) console.log('NAT lab pairings:\n' + table.map(r => JSON.stringify(r)).join('\n'))
  })

  it('AutoNAT: every host is behind NAT and a DHT client with two relays; the relays are public DHT servers', async () => {
    for (const r of relays) {
      await waitFor(async () => (await r.client.call('status')).reachability.state === 'public' || undefined, `relay ${r.peerId} to learn it is public`, 30_000, 250)
      const s = await r.client.call('status')
      expect(s.reachability.network).toBe('internet')
      await waitFor(async () => (await r.client.call('status')).dhtMode === 'server' || undefined, 'the relay to serve the DHT', 10_000, 250)
    }
    for (const h of hosts) {
      const s = await waitFor(async () => {
        const st = await h.d.client.call('status')
        return st.reachability.state === 'behind-nat' && st.reachability.relays.length === 2 ? st : undefined
      }, `the ${h.nat}-NAT host to learn it is behind NAT and hold two reservations`, 30_000, 250)
      expect(s.dhtMode).toBe('client')
      // what it tells others: relayed addresses only, never its private LAN address
      expect(s.reachability.addresses.length).toBeGreaterThan(0)
      expect(s.reachability.addresses.every(a => a.includes('/p2p-circuit'))).toBe(true)
    }
  }, 90_000)

  it('`parley doctor` tells a NATed host it is reachable through two relays and a relay that it is public', async () => {
    const host = hosts[2] as Host
    const r = await parley(['--home', host.d.home, 'doctor', '--json'], { netns: lab.homes[2]?.host })
    expect(r.code, r.stderr).toBe(0)
    const findings = JSON.parse(r.stdout) as Array<{ topic: string, verdict: string, says: string }>
    expect(findings.find(f => f.topic === 'reachability')).toMatchObject({ verdict: 'ok' })
    expect(findings.find(f => f.topic === 'reachability')?.says).toMatch(/behind NAT.*2 relays/)
    expect(findings.find(f => f.topic === 'relays')).toMatchObject({ verdict: 'ok' })
    expect(findings.find(f => f.topic === 'udp')).toMatchObject({ verdict: 'ok' })
    const relay = relays[0] as TestDaemon
    const rr = await parley(['--home', relay.home, 'doctor'], { netns: lab.publics[0]?.ns })
    expect(rr.stdout).toMatch(/^ok\s+reachability\s+public/m)
  }, 60_000)

  it('each host finds every other by peer ID through the DHT, and only relayed addresses come back', async () => {
    for (const a of hosts) {
      for (const b of hosts) {
        if (a === b) continue
        const t0 = Date.now()
        // a daemon's relayed addresses reach its relays about a second after the reservation
        // (libp2p batches address changes for 1 s before identify push sends them)
        const found = await waitFor(async () => await a.d.client.call('peer.find', { peerId: b.d.peerId, timeoutMs: 5_000 }), `the ${a.nat}-NAT host to find the ${b.nat}-NAT host`, 20_000, 250)
        table.push({ find: `${a.nat}→${b.nat}`, ms: Date.now() - t0, addrs: found.addrs.length })
        expect(found.addrs.length).toBeGreaterThan(0)
        expect(found.addrs.every(x => x.includes('/p2p-circuit'))).toBe(true)
      }
    }
  }, 120_000)

  const pairs: Array<[number, number]> = [[0, 1], [0, 2], [2, 3]]
  for (const [i, j] of pairs) {
    it(`host ${i} calls host ${j} by peer ID alone: found through the DHT, relayed, audio and video arrive`, async () => {
      const a = hosts[i] as Host
      const b = hosts[j] as Host
      const label = `${a.nat}↔${b.nat}`
      const wa = await watch(a.d)
      try {
        const t0 = Date.now()
        const { callId } = await a.d.client.call('call.start', { peerId: b.d.peerId, video: true })
        await waitFor(() => reached(wa, callId, 'connected'), `the ${label} call to connect`, 45_000)
        const connectedMs = (reached(wa, callId, 'connected')?.at ?? 0) - t0
        let firstAudioMs: number | undefined
        const stats = await waitFor(async () => {
          const [sa, sb] = await Promise.all([a.d.client.call('call.stats'), b.d.client.call('call.stats')])
          if (firstAudioMs == null && sa.audio.decoded > 0) firstAudioMs = Date.now() - t0
          return sa.audio.decoded > 150 && sb.audio.decoded > 150 && sb.video.decoded > 60 ? { sa, sb } : undefined
        }, `audio both ways and video at ${b.nat} host`, 45_000, 100)
        const conns = (await a.d.client.call('status')).connections.filter(c => c.peerId === b.d.peerId)
        expect(conns.length).toBeGreaterThan(0)
        // no direct path exists between two NATed hosts without hole punching: through a relay
        expect(conns.every(c => c.remoteAddr.includes('/p2p-circuit'))).toBe(true)
        await a.d.client.call('call.hangup', {})
        await waitFor(() => reached(wa, callId, 'ended'), 'the call to end')
        // the callee's history gets the end only after its recorder closed the files
        await waitFor(async () => (await b.d.client.call('call.history')).find(r => r.callId === callId && r.endReason != null), 'the callee to close the call', 15_000, 250)
        const rec = await readRecording(b.recordDir, callId)
        expect(rec.toneHz).toBeGreaterThan(420)
        expect(rec.toneHz).toBeLessThan(460)
        expect(rec.counters.length).toBeGreaterThan(30)
        for (let k = 1; k < rec.counters.length; k++) expect(rec.counters[k]).toBeGreaterThan(rec.counters[k - 1] ?? -1)
        table.push({ pair: label, connected: true, path: 'relayed', relay: relayOf(conns[0]?.remoteAddr ?? ''), connectedMs, firstAudioMs, audioLatencyMsA: medianLatency(stats.sa), audioLatencyMsB: medianLatency(stats.sb) })
      } finally {
        wa.client.close()
      }
    }, 120_000)
  }

  it('a daemon with no bootstrap peer and no relay (no DHT at all) accepts a NATed host\'s invite and reaches it through the host\'s relay', async () => {
    const inviter = hosts[0] as Host
    const l = loner as TestDaemon
    expect((await l.client.call('status')).dhtRoutingTableSize).toBe(0)
    const { link, addrs } = await inviter.d.client.call('invite.create', {})
    expect(addrs.length).toBeGreaterThan(0)
    expect(addrs.every(a => a.includes('/p2p-circuit'))).toBe(true)
    const accepted = await l.client.call('invite.accept', { link })
    expect(accepted.peerId).toBe(inviter.d.peerId)
    expect(accepted.remoteAddr).toContain('/p2p-circuit')
    expect((await l.client.call('contacts.list')).some(c => c.peerId === inviter.d.peerId)).toBe(true)
  }, 60_000)

  it('the relay carrying a call dies: the call reconnects through the other relay and media flows again', async () => {
    const a = hosts[0] as Host
    const b = hosts[3] as Host
    const wa = await watch(a.d)
    try {
      const { callId } = await a.d.client.call('call.start', { peerId: b.d.peerId })
      await waitFor(() => reached(wa, callId, 'connected'), 'the call to connect', 45_000)
      await waitFor(async () => (await a.d.client.call('call.stats')).audio.decoded > 50 || undefined, 'audio', 20_000)
      const conn = (await a.d.client.call('status')).connections.find(c => c.peerId === b.d.peerId)
      const carrying = relayOf(conn?.remoteAddr ?? '')
      const dead = relays.find(r => r.peerId === carrying)
      expect(dead).toBeDefined()
      dead?.kill()
      await waitFor(() => reached(wa, callId, 'reconnecting'), 'the call to notice the relay is gone', 30_000)
      const back = await waitFor(() => wa.states.find(s => s.callId === callId && s.state === 'connected' && s.at > (reached(wa, callId, 'reconnecting')?.at ?? Infinity)) ?? wa.states.find(s => s.callId === callId && s.state === 'ended'), 'the call to come back or end', 45_000)
      expect(back.state, `ended instead: ${back.endReason ?? ''}`).toBe('connected')
      const before = (await a.d.client.call('call.stats')).audio.decoded
      await waitFor(async () => (await a.d.client.call('call.stats')).audio.decoded > before + 50 || undefined, 'audio again after the move', 20_000)
      const now = (await a.d.client.call('status')).connections.filter(c => c.peerId === b.d.peerId)
      expect(now.some(c => c.remoteAddr.includes('/p2p-circuit') && relayOf(c.remoteAddr) !== carrying)).toBe(true)
      await a.d.client.call('call.hangup', {})
    } finally {
      wa.client.close()
    }
  }, 150_000)
})

function relayOf (addr: string): string {
  const m = /\/p2p\/([^/]+)\/p2p-circuit/.exec(addr)
  return m?.[1] ?? ''
}

function medianLatency (s: CallStatsResult): number | null {
  return s.audio.latencyMs
}
