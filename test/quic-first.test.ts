// Daemons that listen on both TCP and QUIC and find each other through the DHT connect
// over QUIC (libp2p's default order put TCP first), and a call between them runs on QUIC:
// call.stats.transport carries the QUIC engine's path statistics, which TCP has none of.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOOPBACK_QUIC, LOOPBACK_TCP, startTestDaemon, teardown, waitFor } from './helpers/daemons.js'
import type { TestDaemon } from './helpers/daemons.js'
import { reached, watch } from './helpers/call-watch.js'

const both = (extra: string[] = []): string[] => ['--listen', LOOPBACK_TCP, '--listen', LOOPBACK_QUIC, '--no-mdns', '--api-port', '0', ...extra]

describe('QUIC first', () => {
  let boot: TestDaemon, a: TestDaemon, b: TestDaemon

  beforeAll(async () => {
    boot = await startTestDaemon()
    ;[a, b] = await Promise.all([
      startTestDaemon({ defaults: false, args: both(['--bootstrap', boot.addr]) }),
      startTestDaemon({ defaults: false, args: both(['--bootstrap', boot.addr, '--auto-answer']) })
    ])
    // B announces both; libp2p's default dial order would try its TCP address first
    expect(b.status.listenAddrs.some(x => x.includes('/tcp/'))).toBe(true)
    expect(b.status.listenAddrs.some(x => x.includes('/quic-v1'))).toBe(true)
  }, 90_000)
  afterAll(async () => { await teardown([a, b, boot]) })

  it('found through the DHT: connected over QUIC; a call there has QUIC path statistics', async () => {
    const dial = await waitFor(async () => await a.client.call('peer.dial', { peerId: b.peerId, forceLookup: true }).catch(() => undefined), 'A to find B in the DHT', 30_000)
    expect(dial.via).toBe('dht')
    expect(dial.remoteAddr).toContain('/quic-v1')
    const conns = (await a.client.call('status')).connections.filter(c => c.peerId === b.peerId)
    expect(conns.map(c => c.remoteAddr).every(x => x.includes('/quic-v1'))).toBe(true)

    const wa = await watch(a)
    try {
      const { callId } = await a.client.call('call.start', { peerId: b.peerId })
      await waitFor(() => reached(wa, callId, 'connected'), 'the call to connect', 30_000)
      const stats = await waitFor(async () => { const s = await a.client.call('call.stats'); return s.transport != null && s.audio.decoded > 0 ? s : undefined }, 'QUIC path statistics and audio', 20_000)
      expect(stats.transport?.sentPackets).toBeGreaterThan(0)
      await a.client.call('call.hangup', {})
    } finally {
      wa.client.close()
    }
  }, 120_000)

  it('only a TCP connection to the peer when the call starts: the call opens a QUIC one and runs there', async () => {
    // C reaches B first over B's TCP address (its bootstrap peer)
    const tcpAddr = b.status.listenAddrs.find(x => x.includes('/tcp/')) ?? ''
    const c = await startTestDaemon({ defaults: false, args: both(['--bootstrap', tcpAddr]) })
    try {
      await waitFor(async () => (await c.client.call('status')).connections.some(x => x.peerId === b.peerId && x.remoteAddr.includes('/tcp/')) || undefined, 'C connected to B over TCP', 20_000)
      const wc = await watch(c)
      try {
        const { callId } = await c.client.call('call.start', { peerId: b.peerId })
        await waitFor(() => reached(wc, callId, 'connected'), 'the call to connect', 30_000)
        let last: unknown
        await waitFor(async () => { const s = await c.client.call('call.stats'); last = { transport: s.transport, decoded: s.audio.decoded }; return s.transport != null && s.audio.decoded > 0 ? s : undefined }, 'QUIC path statistics and audio', 20_000)
          .catch(async (err: Error) => {
            // say which half was missing, which connections the caller has, and whether it gave up on QUIC (its log says why)
            const quicLines = (c.logs() + readFileSync(join(c.home, 'daemon.log'), 'utf8')).split('\n').filter(l => /QUIC/.test(l)).slice(-5).join('\n')
            const conns = (await c.client.call('status')).connections.filter(x => x.peerId === b.peerId).map(x => `${x.direction} ${x.remoteAddr}`)
            throw new Error(`${err.message}; last call.stats: ${JSON.stringify(last)}; caller's connections to the callee: ${conns.join(', ')}; caller's log on QUIC:\n${quicLines}`)
          })
        const conns = (await c.client.call('status')).connections.filter(x => x.peerId === b.peerId)
        expect(conns.some(x => x.remoteAddr.includes('/quic-v1'))).toBe(true)
        await c.client.call('call.hangup', {})
      } finally {
        wc.client.close()
      }
    } finally {
      await teardown([c])
    }
  }, 120_000)
})
