// The link impairment relay (benchmarks/link) with plain UDP sockets on 127.0.0.1:
// client socket → relay → target socket, and back. Timing assertions are lower bounds
// only (the machine is noisy); loss assertions use fixed seeds and statistical bounds.
import dgram from 'node:dgram'
import type { Socket } from 'node:dgram'
import { performance } from 'node:perf_hooks'
import { afterEach, describe, expect, it } from 'vitest'
import { createLinkRelay } from '../../benchmarks/link/relay.mjs'
import type { Relay, RelayOptions } from '../../benchmarks/link/relay.mjs'
import { loadScenarios, scenarioRelayOptions } from '../../benchmarks/link/scenarios.mjs'

interface Arrival { seq: number, sentAt: number, at: number, size: number }

const sleep = async (ms: number): Promise<void> => await new Promise(resolve => setTimeout(resolve, ms))

const open: Array<{ close: () => unknown }> = []
afterEach(async () => {
  for (const o of open.splice(0)) await o.close()
})

async function udp (): Promise<Socket> {
  const s = dgram.createSocket('udp4')
  await new Promise<void>(resolve => s.bind(0, '127.0.0.1', () => resolve()))
  open.push({ close: async () => await new Promise<void>(resolve => s.close(() => resolve())) })
  return s
}

/** A target that records arrivals, optionally echoing each packet back to its sender. */
async function sink (echo = false): Promise<{ socket: Socket, port: number, got: Arrival[] }> {
  const socket = await udp()
  const got: Arrival[] = []
  socket.on('message', (msg, rinfo) => {
    got.push({ seq: msg.readUInt32LE(0), sentAt: msg.readDoubleLE(4), at: performance.now(), size: msg.length })
    if (echo) socket.send(msg, rinfo.port, rinfo.address)
  })
  return { socket, port: socket.address().port, got }
}

async function relayTo (port: number, options: Omit<RelayOptions, 'target'> = {}): Promise<Relay> {
  const relay = await createLinkRelay({ target: { host: '127.0.0.1', port }, ...options })
  open.push(relay)
  return relay
}

function packet (seq: number, size: number): Buffer {
  const b = Buffer.alloc(Math.max(size, 12))
  b.writeUInt32LE(seq, 0)
  b.writeDoubleLE(performance.now(), 4)
  return b
}

/** Sends n numbered packets in small batches so no kernel socket buffer overflows. */
async function sendNumbered (from: Socket, port: number, n: number, size = 16, batch = 50): Promise<void> {
  for (let i = 0; i < n; i++) {
    from.send(packet(i, size), port, '127.0.0.1')
    if ((i + 1) % batch === 0) await sleep(1)
  }
}

async function until (cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = performance.now() + timeoutMs
  while (!cond()) {
    if (performance.now() > end) throw new Error('timed out waiting')
    await sleep(5)
  }
}

/** Indices 0..n-1 that never arrived. */
function missing (got: Arrival[], n: number): number[] {
  const seen = new Set(got.map(a => a.seq))
  return Array.from({ length: n }, (_, i) => i).filter(i => !seen.has(i))
}

/** Mean length of runs of consecutive lost indices. */
function meanRun (lost: number[]): number {
  if (lost.length === 0) return 0
  let runs = 1
  for (let i = 1; i < lost.length; i++) if (lost[i] !== (lost[i - 1] as number) + 1) runs++
  return lost.length / runs
}

/** Sends n packets through a fresh relay and returns the lost indices. */
async function lossRun (n: number, options: Omit<RelayOptions, 'target'>): Promise<{ lost: number[], relay: Relay }> {
  const b = await sink()
  const relay = await relayTo(b.port, options)
  const a = await udp()
  await sendNumbered(a, relay.address.port, n)
  await until(() => { const s = relay.stats().upstream; return s.packetsIn === n && s.inFlightPackets === 0 })
  await until(() => b.got.length === relay.stats().upstream.packetsOut)
  return { lost: missing(b.got, n), relay }
}

describe('link relay', () => {
  it('with no impairment passes every packet, in order, with small added delay', async () => {
    const b = await sink()
    const relay = await relayTo(b.port)
    const a = await udp()
    await sendNumbered(a, relay.address.port, 1000)
    await until(() => b.got.length === 1000)
    expect(b.got.map(x => x.seq)).toEqual(Array.from({ length: 1000 }, (_, i) => i))
    const s = relay.stats()
    // zero delay goes out in the same tick it came in: the relay's own measure of the time
    // a packet spent inside it, not a wall-clock bound (which a loaded machine breaks)
    expect(s.upstream.meanAddedDelayMs).toBeLessThan(1)
    expect(s.upstream).toMatchObject({ packetsIn: 1000, packetsOut: 1000, droppedLoss: 0, droppedQueue: 0, inFlightPackets: 0, bytesIn: 16_000, bytesOut: 16_000 })
    expect(relay.client()).toEqual({ host: '127.0.0.1', port: a.address().port })
  })

  it('adds the configured one-way delay in each direction and relays replies to the client', async () => {
    const b = await sink(true)
    const relay = await relayTo(b.port, { upstream: { delayMs: 25 }, downstream: { delayMs: 25 } })
    const a = await udp()
    const rtts: number[] = []
    a.on('message', msg => rtts.push(performance.now() - msg.readDoubleLE(4)))
    for (let i = 0; i < 20; i++) { a.send(packet(i, 100), relay.address.port, '127.0.0.1'); await sleep(5) }
    await until(() => rtts.length === 20)
    for (const x of b.got) expect(x.at - x.sentAt).toBeGreaterThanOrEqual(25)
    for (const rtt of rtts) expect(rtt).toBeGreaterThanOrEqual(50)
    const s = relay.stats()
    expect(s.upstream.meanAddedDelayMs).toBeGreaterThanOrEqual(25)
    expect(s.downstream.packetsOut).toBe(20)
  })

  it('random loss over 5000 packets is within statistical bounds and replays exactly from the seed', async () => {
    const n = 5000
    const p = 0.05
    const first = await lossRun(n, { seed: 42, upstream: { lossRate: p } })
    // Binomial(5000, 0.05): mean 250, sd ≈ 15.4; ±5 sd.
    expect(first.lost.length).toBeGreaterThan(173)
    expect(first.lost.length).toBeLessThan(327)
    expect(first.relay.stats().upstream.droppedLoss).toBe(first.lost.length) // no loss besides the emulated one
    const again = await lossRun(n, { seed: 42, upstream: { lossRate: p } })
    expect(again.lost).toEqual(first.lost)
    const other = await lossRun(n, { seed: 43, upstream: { lossRate: p } })
    expect(other.lost).not.toEqual(first.lost)
  })

  it('Gilbert–Elliott loss comes in bursts, random loss mostly does not', async () => {
    const n = 5000
    const ge = { pGoodToBad: 0.01, pBadToGood: 0.3, lossInGood: 0.001, lossInBad: 0.9 } // 3 % average
    const bursty = await lossRun(n, { seed: 7, upstream: { gilbertElliott: ge } })
    const rate = bursty.lost.length / n
    expect(rate).toBeGreaterThan(0.01)
    expect(rate).toBeLessThan(0.06)
    expect(meanRun(bursty.lost)).toBeGreaterThan(1.5) // expected ≈ 2.7
    const uniform = await lossRun(n, { seed: 7, upstream: { lossRate: 0.03 } })
    expect(meanRun(uniform.lost)).toBeLessThan(meanRun(bursty.lost))
  })

  it('a rate cap limits throughput to about the cap and the bounded queue drops the excess', async () => {
    const b = await sink()
    const rateBps = 1_000_000
    const relay = await relayTo(b.port, { upstream: { rateBps, queueBytes: 10_000 } })
    const a = await udp()
    // Offer 2 Mbit/s of 1000-byte packets for 1 s, paced in 10 ms ticks.
    const size = 1000
    const offered = 250
    const start = performance.now()
    let sent = 0
    while (sent < offered) {
      const due = Math.min(offered, Math.floor((performance.now() - start) / 4) + 1)
      for (; sent < due; sent++) a.send(packet(sent, size), relay.address.port, '127.0.0.1')
      await sleep(10)
    }
    await until(() => { const s = relay.stats().upstream; return s.packetsIn === offered && s.inFlightPackets === 0 })
    await until(() => b.got.length === relay.stats().upstream.packetsOut)
    const s = relay.stats().upstream
    expect(s.droppedQueue).toBeGreaterThan(60) // ≈ 115 expected: half the offered load
    expect(s.packetsOut + s.droppedQueue).toBe(offered)
    const firstAt = (b.got[0] as Arrival).at
    const lastAt = (b.got[b.got.length - 1] as Arrival).at
    const bits = (b.got.length - 1) * size * 8
    const measuredBps = bits / ((lastAt - firstAt) / 1000)
    expect(measuredBps).toBeGreaterThan(0.7 * rateBps)
    expect(measuredBps).toBeLessThan(1.3 * rateBps)
    expect(relay.stats().upstream.queueBytes).toBe(0)
  })

  it('a schedule change takes effect at its time', async () => {
    const b = await sink()
    const relay = await relayTo(b.port, {
      upstream: { schedule: [{ atMs: 250, delayMs: 40 }, { atMs: 500, lossRate: 1 }] }
    })
    const a = await udp()
    a.send(packet(0, 16), relay.address.port, '127.0.0.1')
    await until(() => b.got.length === 1)
    await sleep(Math.max(0, 300 - relay.stats().elapsedMs))
    a.send(packet(1, 16), relay.address.port, '127.0.0.1')
    await until(() => b.got.length === 2)
    const [early, late] = b.got as [Arrival, Arrival]
    expect(late.at - late.sentAt).toBeGreaterThanOrEqual(40)
    expect(early.at - early.sentAt).toBeLessThan(late.at - late.sentAt)
    await sleep(Math.max(0, 550 - relay.stats().elapsedMs))
    for (let i = 2; i < 12; i++) a.send(packet(i, 16), relay.address.port, '127.0.0.1')
    await until(() => relay.stats().upstream.packetsIn === 12)
    expect(relay.stats().upstream.droppedLoss).toBe(10)
    expect(relay.stats().upstream.impairment).toMatchObject({ delayMs: 40, lossRate: 1 })
  })

  it('a manual schedule waits for startSchedule(); update() changes impairment at runtime', async () => {
    const b = await sink()
    const relay = await relayTo(b.port, { scheduleStart: 'manual', downstream: { schedule: [{ atMs: 0, delayMs: 30 }] } })
    expect(relay.stats().downstream.impairment.delayMs).toBe(0)
    relay.startSchedule()
    expect(relay.stats().downstream.impairment.delayMs).toBe(30)
    relay.update('both', { lossRate: 1 })
    const a = await udp()
    for (let i = 0; i < 5; i++) a.send(packet(i, 16), relay.address.port, '127.0.0.1')
    await until(() => relay.stats().upstream.packetsIn === 5)
    expect(relay.stats().upstream.droppedLoss).toBe(5)
    relay.update('upstream', { lossRate: 0 })
    a.send(packet(5, 16), relay.address.port, '127.0.0.1')
    await until(() => b.got.length === 1)
    expect(relay.stats().downstream.impairment.lossRate).toBe(1)
  })

  it('jitter keeps packets in order unless reordering is allowed', async () => {
    const run = async (reorder: boolean): Promise<number[]> => {
      const b = await sink()
      const relay = await relayTo(b.port, { seed: 3, upstream: { delayMs: 5, jitterMs: 20, reorder } })
      const a = await udp()
      for (let i = 0; i < 100; i++) { a.send(packet(i, 16), relay.address.port, '127.0.0.1'); if (i % 5 === 4) await sleep(1) }
      await until(() => b.got.length === 100)
      for (const x of b.got) expect(x.at - x.sentAt).toBeGreaterThanOrEqual(5)
      return b.got.map(x => x.seq)
    }
    const inOrder = Array.from({ length: 100 }, (_, i) => i)
    expect(await run(false)).toEqual(inOrder)
    const shuffled = await run(true)
    expect(shuffled).not.toEqual(inOrder)
    expect([...shuffled].sort((x, y) => x - y)).toEqual(inOrder)
  })

  it('rejects bad options with errors naming the option', async () => {
    const bad = async (options: unknown, type: typeof TypeError | typeof RangeError, name: RegExp): Promise<void> => {
      const err = await createLinkRelay(options as RelayOptions).then(() => null, (e: unknown) => e)
      expect(err).toBeInstanceOf(type)
      expect((err as Error).message).toMatch(name)
    }
    await bad({}, TypeError, /target/)
    await bad({ target: 0 }, RangeError, /target/)
    await bad({ target: 'nonsense' }, TypeError, /target/)
    await bad({ target: 9, upstream: { lossRate: 1.5 } }, RangeError, /upstream\.lossRate/)
    await bad({ target: 9, upstream: { lossRate: '1%' } }, TypeError, /upstream\.lossRate/)
    await bad({ target: 9, downstream: { delayMs: -1 } }, RangeError, /downstream\.delayMs/)
    await bad({ target: 9, downstream: { loss: 0.03 } }, TypeError, /downstream\.loss\b/)
    await bad({ target: 9, upstream: { rateBps: 0 } }, RangeError, /upstream\.rateBps/)
    await bad({ target: 9, upstream: { gilbertElliott: { pGoodToBad: 0.1 } } }, TypeError, /upstream\.gilbertElliott\.pBadToGood/)
    await bad({ target: 9, upstream: { gilbertElliott: { pGoodToBad: 0.1, pBadToGood: 2 } } }, RangeError, /pBadToGood/)
    await bad({ target: 9, upstream: { schedule: [{ rateBps: 1e6 }] } }, TypeError, /upstream\.schedule\[0\]\.atMs/)
    await bad({ target: 9, upstream: { schedule: [{ atMs: 10, jitterMs: NaN }] } }, TypeError, /upstream\.schedule\[0\]\.jitterMs/)
    await bad({ target: 9, upstream: { reorder: 'yes' } }, TypeError, /upstream\.reorder/)
    await bad({ target: 9, seed: 1.5 }, TypeError, /seed/)
    await bad({ target: 9, spinMs: 100 }, RangeError, /spinMs/)
    await bad({ target: 9, colour: 'red' }, TypeError, /colour/)
    const relay = await relayTo(9)
    expect(() => relay.update('sideways' as never, {})).toThrow(TypeError)
    expect(() => relay.update('upstream', { lossRate: -0.1 })).toThrow(/upstream\.lossRate/)
  })

  it('every benchmark scenario is valid and builds a relay', async () => {
    const scenarios = loadScenarios()
    expect(scenarios.map(s => s.name)).toEqual(['clean', 'rtt50', 'rtt50-loss1', 'rtt50-loss3', 'rtt50-bursty3', 'cap1m', 'step-2m-0.5m-2m'])
    for (const s of scenarios) {
      expect(s.durationMs).toBeGreaterThan(0)
      const relay = await relayTo(9, scenarioRelayOptions(s, 9, { scheduleStart: 'manual' }))
      expect(relay.stats().upstream.impairment.delayMs).toBe(s.upstream.delayMs ?? 0)
    }
  })
})
