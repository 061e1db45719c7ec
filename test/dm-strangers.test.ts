// Strangers' DMs against real daemons: 1 000 DMs from a peer the receiver never accepted
// stay within the requests quota (count and bytes, oldest dropped) while a contact's DMs
// sent at the same time all arrive; accepting turns the requests into a conversation; a
// stranger over the rate limit is refused and told why; blocking drops its requests and
// the connection gater keeps it out; DM streams are limited per peer over all connections.
import { statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { Stream } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import { lpStream } from '@libp2p/utils'
import { multiaddr } from '@multiformats/multiaddr'
import { DM_PROTOCOL } from '@parley/core'
import { ParleyClient } from '@parley/core/ipc'
import type { WebSocketConstructor } from '@parley/core/ipc'
import { createParleyNode } from '@parley/node-daemon'
import type { ParleyLibp2p } from '@parley/node-daemon'
import { MAX_INBOUND_STREAMS_PER_PEER } from '@parley/node-daemon/dm/constants'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOOPBACK_QUIC, makeHome, startTestDaemon, teardown, waitFor } from './helpers/daemons.js'
import type { TestDaemon } from './helpers/daemons.js'

const QUOTA_MESSAGES = 300
const QUOTA_BYTES = 1024 * 1024
const BIG_BODY_BYTES = 16 * 1024

async function wsClient (d: TestDaemon): Promise<ParleyClient> {
  const c = new ParleyClient({ url: `http://127.0.0.1:${d.port}`, token: d.token, WebSocket: WebSocket as unknown as WebSocketConstructor, timeoutMs: 120_000 })
  await c.connect()
  return c
}

/** A daemon whose config.json sets the strangers' limits. */
async function daemonWith (strangerDms: Record<string, number>, args: string[] = []): Promise<TestDaemon> {
  const home = makeHome()
  writeFileSync(join(home, 'config.json'), JSON.stringify({ strangerDms }))
  return await startTestDaemon({ home, args })
}

function dbBytes (d: TestDaemon): number {
  let n = 0
  for (const f of ['parley.db', 'parley.db-wal']) {
    try { n += statSync(join(d.home, f)).size } catch {}
  }
  return n
}

async function sendAll (c: ParleyClient, peerId: string, bodies: string[]): Promise<string[]> {
  const ids: string[] = []
  for (const body of bodies) ids.push((await c.call('dm.send', { peerId, body })).id)
  return ids
}

async function drained (d: TestDaemon): Promise<boolean> {
  return (await d.client.call('dm.stats')).outbox === 0
}

describe('DMs from a stranger', () => {
  let r: TestDaemon, s: TestDaemon, c: TestDaemon, limited: TestDaemon
  beforeAll(async () => {
    // r: a generous rate (so the quota is what is tested) and a small requests quota
    r = await daemonWith({ perPeerPerS: 100_000, perPeerBurst: 100_000, allPerS: 100_000, allBurst: 100_000, requestsMaxMessages: QUOTA_MESSAGES, requestsMaxBytes: QUOTA_BYTES })
    // limited: one envelope every 20 s after a burst of 3: the 4th would wait far longer than the 2 s hold
    limited = await daemonWith({ perPeerPerS: 0.05, perPeerBurst: 3 }, ['--bootstrap', r.addr])
    ;[s, c] = await Promise.all([
      startTestDaemon({ args: ['--bootstrap', r.addr] }),
      startTestDaemon({ args: ['--bootstrap', r.addr] })
    ])
    await r.client.call('contacts.add', { peerId: c.peerId, nickname: 'Carol' })
  }, 90_000)
  afterAll(async () => { await teardown([r, s, c, limited]) })

  it('1 000 DMs: the requests quota holds (count, then bytes; oldest dropped) and a contact\'s DMs sent meanwhile all arrive', async () => {
    const ws = await wsClient(s)
    const wc = await wsClient(c)
    const before = dbBytes(r)
    const small = Array.from({ length: 500 }, (_, i) => `small ${i}`)
    const pad = 'x'.repeat(BIG_BODY_BYTES - 12)
    const big = Array.from({ length: 500 }, (_, i) => `big ${String(i).padStart(7, '0')}${pad}`)
    const fromContact = Array.from({ length: 200 }, (_, i) => `from a contact ${i}`)

    // phase 1: 500 small ones overflow the count quota while the contact writes too
    const [, contactIds] = await Promise.all([sendAll(ws, r.peerId, small), sendAll(wc, r.peerId, fromContact)])
    await waitFor(async () => await drained(s) && await drained(c), 'stranger and contact outboxes to drain', 120_000, 500)
    let q = await r.client.call('dm.requests')
    expect(q.messages).toBe(QUOTA_MESSAGES)
    expect(q.dropped).toBe(500 - QUOTA_MESSAGES)
    expect(q.peers.map(p => p.peerId)).toEqual([s.peerId])
    let held = await r.client.call('dm.show', { peerId: s.peerId, limit: 10_000 })
    expect(held.map(m => m.body)).toEqual(small.slice(500 - QUOTA_MESSAGES)) // the newest, in order

    // phase 2: 500 of 16 KiB overflow the byte quota
    await sendAll(ws, r.peerId, big)
    await waitFor(async () => await drained(s), 'stranger outbox to drain (big ones)', 180_000, 500)
    q = await r.client.call('dm.requests')
    expect(q.bytes).toBeLessThanOrEqual(QUOTA_BYTES)
    expect(q.messages).toBe(Math.floor(QUOTA_BYTES / BIG_BODY_BYTES))
    held = await r.client.call('dm.show', { peerId: s.peerId, limit: 10_000 })
    expect(held.map(m => m.body)).toEqual(big.slice(500 - q.messages))
    expect(q.dropped).toBe(1000 - q.messages)

    // the contact's messages: all there, once, and an ordinary conversation
    const atR = (await r.client.call('dm.show', { peerId: c.peerId, limit: 10_000 })).filter(m => m.direction === 'in')
    expect(atR.map(m => m.id)).toEqual(contactIds)
    const convs = await r.client.call('dm.list')
    expect(convs.find(x => x.peerId === c.peerId)?.request).toBe(false)
    expect(convs.find(x => x.peerId === s.peerId)?.request).toBe(true)
    // the stranger is refused nothing: it was only ever held within the quota
    expect((await r.client.call('dm.stats')).rejected).toEqual({})
    console.info(`1 000 stranger DMs (500 small, 500 of 16 KiB): requests held ${q.messages} (${q.bytes} B), database grew ${dbBytes(r) - before} B`)
    ws.close(); wc.close()
  }, 300_000)

  it('accepting (contacts.add) turns the requests into an ordinary conversation; later DMs are not requests', async () => {
    const heldBefore = (await r.client.call('dm.requests')).messages
    await r.client.call('contacts.add', { peerId: s.peerId, nickname: 'Sam' })
    const q = await r.client.call('dm.requests')
    expect(q.messages).toBe(0)
    expect(q.peers).toEqual([])
    const conv = (await r.client.call('dm.list')).find(x => x.peerId === s.peerId)
    expect(conv?.request).toBe(false)
    expect(conv?.nickname).toBe('Sam')
    const next = await s.client.call('dm.send', { peerId: r.peerId, body: 'now we are friends' })
    await waitFor(async () => (await r.client.call('dm.show', { peerId: s.peerId, limit: 5 })).some(m => m.id === next.id) || undefined, 'the next DM')
    expect((await r.client.call('dm.requests')).messages).toBe(0)
    expect((await r.client.call('dm.show', { peerId: s.peerId, limit: 10_000 })).length).toBe(heldBefore + 1)
  }, 60_000)

  it('over the rate limit: the stranger is refused with DM_RATE_LIMITED and told; blocking drops its requests and the gater keeps it out', async () => {
    const ws = await wsClient(s)
    const failed: Array<{ id: string, reason: string }> = []
    ws.on('dm.failed', p => { if (p.peerId === limited.peerId) failed.push({ id: p.id, reason: p.reason }) })
    const ids = await sendAll(ws, limited.peerId, Array.from({ length: 6 }, (_, i) => `fast ${i}`))
    await waitFor(() => failed.length > 0 || undefined, 'a refusal at the sender', 60_000)
    expect(failed[0]).toEqual({ id: ids[3], reason: 'DM_RATE_LIMITED' })
    const mine = await s.client.call('dm.show', { peerId: limited.peerId, limit: 10 })
    expect(mine.find(m => m.id === ids[3])?.status).toBe('failed')
    const stored = await limited.client.call('dm.show', { peerId: s.peerId, limit: 10 })
    expect(stored.map(m => m.body).slice(0, 3)).toEqual(['fast 0', 'fast 1', 'fast 2'])
    expect((await limited.client.call('dm.stats')).rejected.DM_RATE_LIMITED).toBeGreaterThanOrEqual(1)
    expect((await limited.client.call('dm.requests')).messages).toBeGreaterThanOrEqual(3)

    // block: requests gone, connection closed, a new one refused by the connection gater
    await limited.client.call('contacts.block', { peerId: s.peerId, blocked: true })
    expect((await limited.client.call('dm.requests')).messages).toBe(0)
    await waitFor(async () => !(await limited.client.call('status')).connections.some(x => x.peerId === s.peerId) || undefined, 'the blocked peer disconnected')
    // Over QUIC the dialer's handshake completes before the listener's gater says no, so the
    // dial may look fine at first; the listener never keeps the connection and it goes away.
    await s.client.call('peer.dial', { peerId: limited.peerId, timeoutMs: 5_000 }).catch(() => {})
    await waitFor(async () => !(await s.client.call('status')).connections.some(x => x.peerId === limited.peerId) || undefined, 'the refused connection to close', 15_000)
    expect((await limited.client.call('status')).connections.some(x => x.peerId === s.peerId)).toBe(false)
    ws.close()
  }, 120_000)
})

describe('inbound DM streams per peer', () => {
  let d: TestDaemon
  let evil: ParleyLibp2p
  beforeAll(async () => {
    d = await startTestDaemon()
    evil = await createParleyNode({ privateKey: await generateKeyPair('Ed25519'), listen: [LOOPBACK_QUIC], mdns: false })
  }, 60_000)
  afterAll(async () => { await evil?.stop(); await teardown([d]) })

  it('are limited over all of a peer\'s connections, not per connection; the others are reset at once', async () => {
    const first = await evil.dial(multiaddr(d.addr))
    const second = await evil.dial(multiaddr(d.addr), { force: true })
    expect(second.id).not.toBe(first.id)
    const streams: Array<Stream | null> = []
    for (let i = 0; i < MAX_INBOUND_STREAMS_PER_PEER + 4; i++) {
      // a refused stream is reset right after negotiation: that can beat the protocol's
      // confirmation here, and then opening it fails (counted as reset below)
      streams.push(await (i % 2 === 0 ? first : second).newStream(DM_PROTOCOL).catch(() => null))
    }
    // A stream the daemon kept waits for an envelope (the read times out here); a refused
    // one was reset and fails at once.
    const outcomes = await Promise.all(streams.map(async st => {
      if (st == null) return 'reset'
      try {
        await lpStream(st).read({ signal: AbortSignal.timeout(3_000) })
        return 'data'
      } catch (err) {
        return (err as Error).name === 'TimeoutError' || (err as Error).name === 'AbortError' ? 'open' : 'reset'
      }
    }))
    expect(outcomes.filter(o => o === 'open')).toHaveLength(MAX_INBOUND_STREAMS_PER_PEER)
    expect(outcomes.filter(o => o === 'reset')).toHaveLength(4)
    expect((await d.client.call('dm.stats')).rejected.DM_TOO_MANY_STREAMS).toBe(4)
    // closing ours frees the slots: a new stream is kept again
    for (const st of streams) st?.abort(new Error('done'))
    await waitFor(async () => {
      const st = await first.newStream(DM_PROTOCOL)
      const kept = await lpStream(st).read({ signal: AbortSignal.timeout(1_000) }).then(() => false, (err: Error) => err.name === 'TimeoutError' || err.name === 'AbortError')
      st.abort(new Error('done'))
      return kept || undefined
    }, 'a slot to be free again', 20_000, 200)
    expect(peerIdFromString(d.peerId).equals(first.remotePeer)).toBe(true)
  }, 60_000)
})
