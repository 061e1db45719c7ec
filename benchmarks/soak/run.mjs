// Soak: one long call between two daemon processes through the link relay (default 30 min
// at 50 ms RTT + 1 % loss each way), with synthetic audio and video both ways. Every
// interval it records, per daemon: RSS, CPU % over the interval, open fds, open libp2p
// streams per protocol, and the call's audio/video latency and counters. At the end it
// prints growth of RSS and CPU (first sampled minute after warm-up vs the last), latency in
// the first and last 5 minutes, and the fds and streams left after hang-up.
//
//   node benchmarks/soak/run.mjs [--minutes 30] [--interval-s 60] [--scenario rtt50-loss1] [--out bench-out]
import { readdirSync } from 'node:fs'
import { createLinkRelay } from '../link/relay.mjs'
import { getScenario, scenarioRelayOptions } from '../link/scenarios.mjs'
import { freeUdpPort, sleep, startCallDaemon, stopAllDaemons, waitFor } from '../call/call-daemons.mjs'
import { benchArgs, writeResult } from '../lib/args.mjs'
import { readProc } from '../latency/proc-stats.mjs'

function arg (name, fallback) {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 && process.argv[i + 1] != null ? process.argv[i + 1] : fallback
}

const minutes = Number(arg('minutes', '30'))
const intervalS = Number(arg('interval-s', '60'))
const scenarioName = arg('scenario', 'rtt50-loss1')
const { out } = benchArgs()
const progress = m => process.stderr.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${m}\n`)

function fds (pid) {
  try { return readdirSync(`/proc/${pid}/fd`).length } catch { return null }
}

function median (xs) {
  const v = xs.filter(x => x != null).sort((a, b) => a - b)
  return v.length === 0 ? null : v[Math.floor(v.length / 2)]
}

async function sample (d, prev, dtS) {
  const p = readProc(d.proc.pid)
  const status = await d.client.call('status')
  let stats = null
  try { stats = await d.client.call('call.stats') } catch {}
  return {
    rssMiB: p?.rssMiB ?? null,
    cpuPercent: p != null && prev != null ? Math.round((p.cpuS - prev.cpuS) / dtS * 1000) / 10 : null,
    cpuS: p?.cpuS ?? null,
    fds: fds(d.proc.pid),
    streams: status.streams,
    state: stats?.state ?? null,
    audioLatencyMs: stats?.audio.latencyMs ?? null,
    videoLatencyMs: stats?.video.latencyMs ?? null,
    audioDecoded: stats?.audio.decoded ?? null,
    videoDecoded: stats?.video.decoded ?? null,
    videoBitrateSentBps: stats?.video.bitrateSentBps ?? null,
    rttMs: stats?.rttMs ?? null
  }
}

async function main () {
  const scenario = getScenario(scenarioName)
  const bPort = await freeUdpPort()
  const b = await startCallDaemon({ name: 'soak-B', listen: `/ip4/127.0.0.1/udp/${bPort}/quic-v1` })
  const relay = await createLinkRelay(scenarioRelayOptions(scenario, bPort, { seed: scenario.seed }))
  const relayAddr = `/ip4/127.0.0.1/udp/${relay.address.port}/quic-v1/p2p/${b.peerId}`
  const a = await startCallDaemon({ name: 'soak-A', args: ['--bootstrap', relayAddr] })
  await b.client.call('contacts.add', { peerId: a.peerId, nickname: 'A' })
  await waitFor(async () => (await a.client.call('status')).connections.some(c => c.peerId === b.peerId), 30_000, 'A connected to B')
  const idle = { a: { fds: fds(a.proc.pid), streams: (await a.client.call('status')).streams }, b: { fds: fds(b.proc.pid), streams: (await b.client.call('status')).streams } }

  const { callId } = await a.client.call('call.start', { peerId: b.peerId, video: true })
  await waitFor(() => b.events.some(e => e.type === 'incoming' && e.callId === callId), 30_000, 'B rings')
  await b.client.call('call.answer', { callId })
  await waitFor(() => a.events.some(e => e.type === 'state' && e.state === 'connected' && e.callId === callId), 30_000, 'connected')
  progress(`call connected through the relay (${scenario.name}); ${minutes} min, a sample every ${intervalS} s`)

  const samples = []
  let prev = { a: readProc(a.proc.pid), b: readProc(b.proc.pid) }
  const t0 = Date.now()
  for (let i = 1; i <= Math.round(minutes * 60 / intervalS); i++) {
    await sleep(t0 + i * intervalS * 1000 - Date.now())
    const s = { minute: Math.round((Date.now() - t0) / 600) / 100, a: await sample(a, prev.a, intervalS), b: await sample(b, prev.b, intervalS) }
    prev = { a: readProc(a.proc.pid), b: readProc(b.proc.pid) }
    samples.push(s)
    progress(`t=${s.minute} min  A: rss ${s.a.rssMiB?.toFixed(0)} MiB cpu ${s.a.cpuPercent}% fds ${s.a.fds} | B: rss ${s.b.rssMiB?.toFixed(0)} MiB cpu ${s.b.cpuPercent}% fds ${s.b.fds} | audio ${s.b.audioLatencyMs} ms video ${s.b.videoLatencyMs} ms at B, state ${s.a.state}/${s.b.state}`)
  }
  await a.client.call('call.hangup', {})
  // streams of the call close within a few seconds (a closing stream's last packets may need retransmission)
  const hungUpAt = Date.now()
  const mediaOpen = async d => Object.entries((await d.client.call('status')).streams).filter(([p]) => p.startsWith('/parley/media')).reduce((n, [, c]) => n + c.inbound + c.outbound, 0)
  while (Date.now() - hungUpAt < 20_000 && (await mediaOpen(a)) + (await mediaOpen(b)) > 0) await sleep(250)
  const streamsClosedAfterMs = Date.now() - hungUpAt
  const after = { a: { fds: fds(a.proc.pid), streams: (await a.client.call('status')).streams }, b: { fds: fds(b.proc.pid), streams: (await b.client.call('status')).streams } }

  // growth: the first sample (warm) against the last
  const first = samples[0]
  const last = samples[samples.length - 1]
  const growth = (k, who) => first[who][k] != null && last[who][k] != null ? Math.round((last[who][k] / first[who][k] - 1) * 1000) / 10 : null
  const window = samples.length >= 10 ? 5 * 60 / intervalS : Math.max(1, Math.floor(samples.length / 3))
  const early = samples.slice(0, window)
  const late = samples.slice(-window)
  const summary = {
    scenario: scenario.name,
    minutes,
    rssGrowthPercent: { a: growth('rssMiB', 'a'), b: growth('rssMiB', 'b') },
    cpuGrowthPercent: { a: growth('cpuPercent', 'a'), b: growth('cpuPercent', 'b') },
    latencyFirstVsLast: {
      audioAtB: [median(early.map(s => s.b.audioLatencyMs)), median(late.map(s => s.b.audioLatencyMs))],
      videoAtB: [median(early.map(s => s.b.videoLatencyMs)), median(late.map(s => s.b.videoLatencyMs))],
      audioAtA: [median(early.map(s => s.a.audioLatencyMs)), median(late.map(s => s.a.audioLatencyMs))],
      videoAtA: [median(early.map(s => s.a.videoLatencyMs)), median(late.map(s => s.a.videoLatencyMs))]
    },
    reconnects: samples.filter(s => s.a.state !== 'connected' || s.b.state !== 'connected').length,
    idle,
    afterHangup: after,
    mediaStreamsClosedAfterMs: streamsClosedAfterMs
  }
  const file = writeResult(out, 'soak', { summary, samples })
  console.log(JSON.stringify(summary, null, 2))
  progress(`written ${file}`)
  await relay.close()
  await Promise.all([a.stop(), b.stop()])
}

main().catch(async err => {
  progress(`failed: ${err.stack ?? err}`)
  await stopAllDaemons()
  process.exit(1)
})
