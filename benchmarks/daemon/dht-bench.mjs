// DHT lookup time and success rate at 20 and 50 in-process QUIC nodes on loopback,
// and dial time once the lookup has produced addresses.
// Usage: node benchmarks/daemon/dht-bench.mjs [--quick] [--out dir]
import '../../packages/node-daemon/dist/polyfills.js'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { createParleyNode, routingTableSize } from '@parley/node-daemon'
import { benchArgs, writeResult } from '../lib/args.mjs'
import { fmt, summary } from '../lib/stats.mjs'

const LISTEN = ['/ip4/127.0.0.1/udp/0/quic-v1']
const { out, quick } = benchArgs()
const sizes = quick ? [20] : [20, 50]

async function node (bootstrap) {
  return await createParleyNode({ privateKey: await generateKeyPair('Ed25519'), listen: LISTEN, mdns: false, bootstrap })
}

async function until (fn, ms) {
  const end = Date.now() + ms
  while (Date.now() < end) { if (fn()) return true; await new Promise(r => setTimeout(r, 100)) }
  return false
}

const results = {}
for (const n of sizes) {
  process.stderr.write(`[dht] starting ${n} nodes…\n`)
  const boot = await node([])
  const bootAddr = boot.getMultiaddrs()[0].toString()
  const others = []
  for (let i = 2; i < n; i++) others.push(await node([bootAddr]))
  await until(() => others.every(o => routingTableSize(o) > 0), 60_000)
  // let self-queries spread the tables a little, as a running network would
  await new Promise(r => setTimeout(r, 2000))
  const a = await node([bootAddr])
  await until(() => routingTableSize(a) > 0, 30_000)

  const lookups = []
  const dials = []
  let ok = 0
  let alreadyConnected = 0
  for (const [i, t] of others.entries()) {
    const t0 = performance.now()
    try {
      const info = await a.peerRouting.findPeer(t.peerId, { signal: AbortSignal.timeout(10_000), useCache: false })
      lookups.push(performance.now() - t0)
      // The lookup usually reaches the target itself (it is the closest peer to its own
      // key); close that connection so the dial below is a real, fresh QUIC dial.
      if (a.getConnections(t.peerId).length > 0) { alreadyConnected++; await a.hangUp(t.peerId) }
      const t1 = performance.now()
      await a.dial(info.multiaddrs.map(m => m.encapsulate(`/p2p/${t.peerId}`)), { signal: AbortSignal.timeout(10_000) })
      dials.push(performance.now() - t1)
      ok++
    } catch (err) {
      process.stderr.write(`[dht] lookup/dial ${i} failed: ${err.message}\n`)
    }
  }
  results[n] = {
    nodes: n,
    attempts: others.length,
    successRate: ok / others.length,
    lookupMs: summary(lookups),
    dialAfterLookupMs: summary(dials),
    connectedByLookup: alreadyConnected,
    routingTableSizeA: routingTableSize(a)
  }
  process.stdout.write(`DHT ${n} nodes: lookup p50 ${fmt(results[n].lookupMs.p50)} ms, p95 ${fmt(results[n].lookupMs.p95)} ms, success ${(results[n].successRate * 100).toFixed(1)} % (${ok}/${others.length}); dial after lookup p50 ${fmt(results[n].dialAfterLookupMs.p50)} ms p95 ${fmt(results[n].dialAfterLookupMs.p95)} ms (fresh dials; ${alreadyConnected} lookups had reached the target)\n`)
  await Promise.all([boot, a, ...others].map(async x => { await x.stop() }))
}
process.stdout.write(`wrote ${writeResult(out, 'dht', { results })}\n`)
process.exit(0)
