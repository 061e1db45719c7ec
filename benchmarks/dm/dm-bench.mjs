// DM throughput and round-trip time between two daemon processes on loopback.
// Throughput: N messages queued back to back from A; time until B has stored them all.
// RTT: A sends one message and waits for B's delivery receipt (two envelopes, two acks).
// Usage: node benchmarks/dm/dm-bench.mjs [--quick] [--out dir]
import { benchArgs, writeResult } from '../lib/args.mjs'
import { startDaemon } from '../lib/daemons.mjs'
import { fmt, summary } from '../lib/stats.mjs'

const { out, quick } = benchArgs()
const N = quick ? 200 : 1000
const RTT_RUNS = quick ? 20 : 100

const a = await startDaemon()
const b = await startDaemon(['--bootstrap', a.addr])
try {
  // warm up: session set-up and connection
  const first = await a.client.call('dm.send', { peerId: b.peerId, body: 'warm-up' })
  await new Promise(resolve => { const off = a.client.on('dm.delivered', p => { if (p.ids.includes(first.id)) { off(); resolve() } }) })

  const rtts = []
  for (let i = 0; i < RTT_RUNS; i++) {
    const t0 = performance.now()
    let id
    const delivered = new Promise(resolve => { const off = a.client.on('dm.delivered', p => { if (p.ids.includes(id)) { off(); resolve() } }) })
    id = (await a.client.call('dm.send', { peerId: b.peerId, body: `ping ${i}` })).id
    await delivered
    rtts.push(performance.now() - t0)
  }

  const before = (await b.client.call('dm.stats')).envelopesReceived
  const t0 = performance.now()
  const enqueue = []
  for (let i = 0; i < N; i++) {
    const t = performance.now()
    await a.client.call('dm.send', { peerId: b.peerId, body: `bulk ${i} ${'x'.repeat(100)}` })
    enqueue.push(performance.now() - t)
  }
  // B also sends a delivery receipt per message; count only A's envelopes arriving at B
  while ((await b.client.call('dm.stats')).envelopesReceived - before < N) await new Promise(resolve => setTimeout(resolve, 20))
  const seconds = (performance.now() - t0) / 1000
  const result = { messages: N, seconds, messagesPerSecond: N / seconds, enqueueMs: summary(enqueue), roundTripMs: summary(rtts) }
  process.stdout.write(`DM loopback: ${fmt(result.messagesPerSecond, 0)} messages/s (${N} messages, enqueue p50 ${fmt(result.enqueueMs.p50, 2)} ms), round trip (send → delivery receipt) p50 ${fmt(result.roundTripMs.p50)} ms p95 ${fmt(result.roundTripMs.p95)} ms\n`)
  process.stdout.write(`wrote ${writeResult(out, 'dm', result)}\n`)
} finally {
  await a.stop()
  await b.stop()
}
process.exit(0)
