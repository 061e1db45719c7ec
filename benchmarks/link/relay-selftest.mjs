// The relay's own cost: one-way latency of small UDP packets sent directly A → B versus
// A → relay → B with zero impairment, at 50 and 500 packets/s; then how late delayed
// packets leave relative to their due time (timer precision), with and without spinning.
// Everything runs in this one process, as a benchmark harness would host the relay.
// Usage: node benchmarks/link/relay-selftest.mjs [--quick] [--out bench-out]
import dgram from 'node:dgram'
import { performance } from 'node:perf_hooks'
import { benchArgs, writeResult } from '../lib/args.mjs'
import { fmt, summary } from '../lib/stats.mjs'
import { createLinkRelay } from './relay.mjs'

const args = benchArgs()
const seconds = args.quick ? 2 : 6

/** @returns {Promise<import('node:dgram').Socket>} */
async function udp () {
  const s = dgram.createSocket('udp4')
  await new Promise(resolve => s.bind(0, '127.0.0.1', () => resolve(undefined)))
  return s
}

/**
 * Sends `rate` packets/s for `seconds` to `port`, returning one-way latencies seen by `rx`.
 * @param {import('node:dgram').Socket} tx
 * @param {import('node:dgram').Socket} rx
 * @param {number} port
 * @param {number} rate
 */
async function measure (tx, rx, port, rate) {
  /** @type {number[]} */
  const oneWay = []
  const onMsg = (/** @type {Buffer} */ msg) => { oneWay.push(performance.now() - msg.readDoubleLE(0)) }
  rx.on('message', onMsg)
  const start = performance.now()
  const total = rate * seconds
  let sent = 0
  // Catch up to the schedule on every wake-up: timers are ~1 ms coarse, so at 500/s some
  // wake-ups send two packets. Small bursts are what real traffic looks like too.
  while (sent < total) {
    const due = Math.min(total, Math.floor((performance.now() - start) * rate / 1000) + 1)
    for (; sent < due; sent++) {
      const b = Buffer.alloc(200)
      b.writeDoubleLE(performance.now(), 0)
      tx.send(b, port, '127.0.0.1')
    }
    await new Promise(resolve => setTimeout(resolve, Math.max(1, 1000 / rate - 0.5)))
  }
  await new Promise(resolve => setTimeout(resolve, 200))
  rx.off('message', onMsg)
  return { sent, received: oneWay.length, oneWayMs: summary(oneWay) }
}

const a = await udp()
const b = await udp()
const results = { zeroImpairment: /** @type {any[]} */ ([]), timerPrecision: /** @type {any[]} */ ([]) }

for (const rate of [50, 500]) {
  const direct = await measure(a, b, b.address().port, rate)
  const relay = await createLinkRelay({ target: b.address().port })
  const viaRelay = await measure(a, b, relay.address.port, rate)
  await relay.close()
  const added = { p50: viaRelay.oneWayMs.p50 - direct.oneWayMs.p50, p99: viaRelay.oneWayMs.p99 - direct.oneWayMs.p99 }
  results.zeroImpairment.push({ rate, direct, viaRelay, addedMs: added })
  process.stdout.write(`zero impairment, ${rate} pkt/s: one-way direct p50 ${fmt(direct.oneWayMs.p50, 3)} p99 ${fmt(direct.oneWayMs.p99, 3)} ms; ` +
    `via relay p50 ${fmt(viaRelay.oneWayMs.p50, 3)} p99 ${fmt(viaRelay.oneWayMs.p99, 3)} ms; added p50 ${fmt(added.p50, 3)} p99 ${fmt(added.p99, 3)} ms ` +
    `(${viaRelay.received}/${viaRelay.sent} received)\n`)
}

for (const spinMs of [0, 1]) {
  for (const rate of [50, 500]) {
    const relay = await createLinkRelay({ target: b.address().port, upstream: { delayMs: 20 }, spinMs })
    const cpuBefore = process.cpuUsage()
    const t0 = performance.now()
    const run = await measure(a, b, relay.address.port, rate)
    const cpu = process.cpuUsage(cpuBefore)
    // Whole-process CPU (sender and receiver included): compare spinMs 0 vs 1 at the same rate.
    const cpuPercent = (cpu.user + cpu.system) / 10 / (performance.now() - t0)
    const s = relay.stats().upstream
    await relay.close()
    results.timerPrecision.push({ delayMs: 20, spinMs, rate, oneWayMs: run.oneWayMs, meanLatenessMs: s.meanLatenessMs, maxLatenessMs: s.maxLatenessMs, processCpuPercent: cpuPercent })
    process.stdout.write(`delay 20 ms, spinMs ${spinMs}, ${rate} pkt/s: one-way p50 ${fmt(run.oneWayMs.p50, 3)} p99 ${fmt(run.oneWayMs.p99, 3)} ms; ` +
      `relay lateness mean ${fmt(s.meanLatenessMs, 3)} max ${fmt(s.maxLatenessMs, 3)} ms; process CPU ${fmt(cpuPercent)} %\n`)
  }
}

a.close()
b.close()
const file = writeResult(args.out, 'link-relay', { seconds, ...results })
process.stdout.write(`wrote ${file}\n`)
