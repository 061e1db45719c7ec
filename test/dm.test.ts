// End-to-end encrypted DMs between real daemon processes: receipts, 1 000 messages
// both ways, offline queueing, and kill -9 of the receiver in the middle of a burst.
import { ParleyClient } from '@parley/core/ipc'
import type { Message, WebSocketConstructor } from '@parley/core/ipc'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parley } from './helpers/cli.js'
import { makeHome, startTestDaemon, teardown, waitFor } from './helpers/daemons.js'
import type { TestDaemon } from './helpers/daemons.js'

async function wsClient (d: TestDaemon): Promise<ParleyClient> {
  const c = new ParleyClient({ url: `http://127.0.0.1:${d.port}`, token: d.token, WebSocket: WebSocket as unknown as WebSocketConstructor, timeoutMs: 120_000 })
  await c.connect()
  return c
}

async function all (d: TestDaemon, peerId: string): Promise<Message[]> {
  return await d.client.call('dm.show', { peerId, limit: 10_000 })
}

function checkExactlyOnceInOrder (received: Message[], sentIds: string[]): void {
  const incoming = received.filter(m => m.direction === 'in')
  const ids = incoming.map(m => m.id)
  expect(new Set(ids).size).toBe(ids.length) // no duplicates
  expect(ids.length).toBe(sentIds.length) // none lost
  expect(new Set(ids)).toEqual(new Set(sentIds))
  // delivered in order: arrival order (receivedAt, then storage order) matches send order
  const byArrival = [...incoming].sort((a, b) => (a.receivedAt ?? 0) - (b.receivedAt ?? 0))
  const pos = new Map(sentIds.map((id, i) => [id, i]))
  const order = byArrival.map(m => pos.get(m.id) ?? -1)
  for (let i = 1; i < order.length; i++) expect(order[i]).toBeGreaterThan(order[i - 1] ?? -1)
}

describe('DMs between two daemons', () => {
  let a: TestDaemon, b: TestDaemon
  beforeAll(async () => {
    a = await startTestDaemon()
    b = await startTestDaemon({ args: ['--bootstrap', a.addr] })
    await waitFor(async () => (await b.client.call('status')).connections.length > 0, 'B connected to A')
  }, 60_000)
  afterAll(async () => { await teardown([a, b]) })

  it('a message arrives, is delivered and read, with notifications on both sides', async () => {
    const wa = await wsClient(a)
    const wb = await wsClient(b)
    const seen: string[] = []
    wb.on('dm.received', p => { seen.push(`B got ${p.body}`) })
    wa.on('dm.delivered', p => { seen.push(`A delivered ${p.ids.length}`) })
    wa.on('dm.read', p => { seen.push(`A read ${p.ids.length}`) })
    wb.on('dm.typing', p => { seen.push(`B typing ${String(p.active)}`) })

    const added = await a.client.call('contacts.add', { peerId: b.peerId, nickname: 'Bob' })
    expect(added.nickname).toBe('Bob')
    expect(added.online).toBe(true)
    expect((await wa.call('dm.typing', { peerId: b.peerId, active: true })).sent).toBe(true)
    const sent = await wa.call('dm.send', { peerId: b.peerId, body: 'hello Bob' })
    await waitFor(() => seen.includes('B got hello Bob') || undefined, 'B to receive')
    await waitFor(() => seen.includes('A delivered 1') || undefined, 'delivery receipt')
    expect(seen).toContain('B typing true')

    const convs = await b.client.call('dm.list')
    expect(convs.find(c => c.peerId === a.peerId)?.unread).toBe(1)
    const cli = await parley(['--home', b.home, 'dm', 'list'])
    expect(cli.stdout).toContain('(1)')
    expect(cli.stdout).toContain('hello Bob')
    const read = await parley(['--home', b.home, 'dm', 'read', a.peerId])
    expect(read.stdout).toContain('marked 1 message read')
    await waitFor(() => seen.includes('A read 1') || undefined, 'read receipt')
    const mine = (await all(a, b.peerId)).find(m => m.id === sent.id)
    expect(mine?.status).toBe('read')
    const show = await parley(['--home', a.home, 'dm', 'show', b.peerId])
    expect(show.stdout).toContain('hello Bob')
    expect(show.stdout).toContain('✓✓ read')

    // B knows A only as someone who messaged it
    const unknown = (await b.client.call('contacts.list')).find(c => c.peerId === a.peerId)
    expect(unknown?.addedByUser).toBe(false)
    // safety numbers match on both sides
    const sa = await a.client.call('contacts.safetyNumber', { peerId: b.peerId })
    const sb = await b.client.call('contacts.safetyNumber', { peerId: a.peerId })
    expect(sa.digits).toBe(sb.digits)
    expect(sa.digits).toMatch(/^\d{60}$/)
    const v = await parley(['--home', a.home, 'verify', b.peerId, '--mark'])
    expect(v.stdout).toContain(sa.display)
    expect(v.stdout).toContain('verified ✓')
    wa.close(); wb.close()
  })

  it('1 000 messages both ways at once: none lost, none duplicated, in order', async () => {
    const wa = await wsClient(a)
    const wb = await wsClient(b)
    const N = 1000
    const send = async (c: ParleyClient, peerId: string, tag: string): Promise<string[]> => {
      const ids: string[] = []
      for (let i = 0; i < N; i++) ids.push((await c.call('dm.send', { peerId, body: `${tag} ${i}` })).id)
      return ids
    }
    const [fromA, fromB] = await Promise.all([send(wa, b.peerId, 'a→b'), send(wb, a.peerId, 'b→a')])
    const count = async (d: TestDaemon, peerId: string, tag: string): Promise<number> => (await all(d, peerId)).filter(m => m.body.startsWith(tag)).length
    await waitFor(async () => await count(b, a.peerId, 'a→b') >= N || undefined, 'B to receive 1000', 120_000, 500)
    await waitFor(async () => await count(a, b.peerId, 'b→a') >= N || undefined, 'A to receive 1000', 120_000, 500)
    const atB = (await all(b, a.peerId)).filter(m => m.body.startsWith('a→b'))
    const atA = (await all(a, b.peerId)).filter(m => m.body.startsWith('b→a'))
    checkExactlyOnceInOrder(atB, fromA)
    checkExactlyOnceInOrder(atA, fromB)
    await waitFor(async () => (await a.client.call('dm.stats')).outbox === 0 && (await b.client.call('dm.stats')).outbox === 0 || undefined, 'outboxes to drain', 60_000, 500)
    wa.close(); wb.close()
  }, 240_000)
})

describe('offline peers and crashes', () => {
  const daemons: TestDaemon[] = []
  afterAll(async () => { await teardown(daemons) })

  it('a message to an offline peer is queued and delivered after it starts', async () => {
    const a = await startTestDaemon()
    daemons.push(a)
    const cHome = makeHome()
    let c = await startTestDaemon({ home: cHome, args: ['--bootstrap', a.addr] })
    const cId = c.peerId
    await c.stop()
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push((await a.client.call('dm.send', { peerId: cId, body: `while you were out ${i}` })).id)
    const queued = await parley(['--home', a.home, 'dm', 'show', cId])
    expect(queued.stdout).toContain('…') // pending tick
    expect((await a.client.call('dm.stats')).outbox).toBe(5)
    c = await startTestDaemon({ home: cHome, args: ['--bootstrap', a.addr] })
    daemons.push(c)
    await waitFor(async () => (await all(c, a.peerId)).length >= 5 || undefined, 'C to receive the queued messages', 60_000, 250)
    checkExactlyOnceInOrder(await all(c, a.peerId), ids)
    await waitFor(async () => (await all(a, cId)).every(m => m.status === 'delivered') || undefined, 'delivery receipts for the queued messages', 30_000, 250)
  }, 120_000)

  it('kill -9 of the receiver mid-burst: after restart every message arrives exactly once and both sessions still work', async () => {
    const a = await startTestDaemon()
    daemons.push(a)
    const bHome = makeHome()
    let b = await startTestDaemon({ home: bHome, args: ['--bootstrap', a.addr] })
    const wa = await wsClient(a)
    const N = 1000
    const ids: string[] = []
    for (let i = 0; i < N; i++) ids.push((await wa.call('dm.send', { peerId: b.peerId, body: `burst ${i}` })).id)
    await waitFor(async () => (await b.client.call('dm.stats')).envelopesReceived >= 200 || undefined, 'B to be in the middle of the burst', 60_000, 20)
    b.kill()
    await new Promise(resolve => b.proc.once('exit', resolve))
    const got = await all(a, b.peerId).then(ms => ms.filter(m => m.status !== 'pending').length, (err: unknown) => { throw new Error(`A died: ${a.logs()}`, { cause: err }) })
    expect(got).toBeLessThan(N) // the kill really landed mid-burst
    b = await startTestDaemon({ home: bHome, args: ['--bootstrap', a.addr] })
    daemons.push(b)
    await waitFor(async () => (await all(b, a.peerId)).filter(m => m.direction === 'in').length >= N || undefined, 'all 1000 after restart', 120_000, 500)
    await waitFor(async () => (await a.client.call('dm.stats')).outbox === 0 || undefined, 'A outbox to drain', 60_000, 500)
    checkExactlyOnceInOrder(await all(b, a.peerId), ids)
    // both directions still work on the same sessions
    const back = await b.client.call('dm.send', { peerId: a.peerId, body: 'still here' })
    await waitFor(async () => (await all(a, b.peerId)).some(m => m.id === back.id) || undefined, 'B → A after the crash')
    const fwd = await a.client.call('dm.send', { peerId: b.peerId, body: 'welcome back' })
    await waitFor(async () => (await all(b, a.peerId)).some(m => m.id === fwd.id) || undefined, 'A → B after the crash')
    expect((await b.client.call('dm.stats')).rejected).toEqual({})
    wa.close()
  }, 300_000)
})
