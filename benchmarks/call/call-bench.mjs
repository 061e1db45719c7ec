// Call benchmark between real `parley` daemon processes (loopback QUIC, synthetic media:
// 440 Hz tone over Opus, test pattern over VP9).
//
//  1. Call setup: call.start → the caller's call.state "connected" (= the caller has decoded
//     its first audio frame from the callee; the daemon polls for that every 50 ms). B
//     auto-answers; A and B know each other only through a third (bootstrap) daemon's DHT.
//     Phases from the notifications, all timed on this process's clock:
//       dial      call.start sent → A "outgoing"   (reach B: open connection / peer store / DHT)
//       offer     A "outgoing" → B "ringing"        (offer through the DM ratchet)
//       answer    B "ringing" → A "connecting"      (auto-answer + answer through the DM ratchet)
//       media     A "connecting" → A "connected"    (media streams, jitter buffer, first decode)
//     Calls: the first one (whatever the DHT has already set up), then N on an open connection
//     ("warm"), then N after A closed its connection to B ("cold": QUIC handshake again).
//  2. Per-frame latency on loopback: one audio+video call; call.stats sampled at the callee.
//  3. 50 ms RTT + 3 % random loss each way (link scenario rtt50-loss3 of benchmarks/link,
//     through the userspace relay): normal daemons vs --single-stream-media on both
//     (head-of-line countermeasures off), same seed.
//
// What the latencies are: the engine's own capture → playout (audio) and capture → decoded
// (video) times, caller and callee on the same machine clock (corrected by the engine's
// ping/pong offset estimate, ≈ 0 here). call.stats reports the median over the receiver's
// recent frames (the last ≤ 200 audio frames ≈ 4 s and ≤ 100 decoded video frames, trimmed
// every 500 ms); this script samples that every 500 ms. So "p50"/"p95"/"max" below are
// statistics of those sampled medians, not of single frames: single-frame tails are hidden.
//
// Usage: node benchmarks/call/call-bench.mjs [--quick] [--out dir]   (after `npx tsc -b`)
import { benchArgs, writeResult } from '../lib/args.mjs'
import { fmt, summary } from '../lib/stats.mjs'
import { createLinkRelay } from '../link/relay.mjs'
import { getScenario, scenarioRelayOptions } from '../link/scenarios.mjs'
import { ensureIdle, freeUdpPort, refuseNewDaemons, sleep, startCallDaemon, stopAllDaemons, waitEvent, waitFor } from './call-daemons.mjs'

const { out, quick } = benchArgs()
const SETUP_CALLS = quick ? 2 : 5
const LOOPBACK_S = quick ? 4 : 10
const RELAY_S = quick ? 6 : 20
/** Relay runs per mode, interleaved (normal, ablation, normal, …); repeat r uses seed + r. */
const RELAY_REPEATS = quick ? 1 : 2
const SAMPLE_MS = 500
/** Samples in the first second of a call are warm-up (jitter buffer settling), not counted. */
const WARMUP_MS = 1000
const SCENARIO = 'rtt50-loss3'

const t00 = performance.now()
const progress = msg => process.stderr.write(`[call-bench ${((performance.now() - t00) / 1000).toFixed(1)} s] ${msg}\n`)

/** Everything to stop at the end, newest first. */
const cleanup = []
async function cleanupAll () {
  while (cleanup.length > 0) {
    const fn = cleanup.pop()
    try { await fn() } catch (err) { progress(`cleanup: ${err.message}`) }
  }
}
async function daemon (opts) {
  const d = await startCallDaemon(opts)
  cleanup.push(() => d.stop())
  return d
}
// Ctrl-C / kill: stop everything, including a daemon that is still starting, then exit.
// The main flow may still be running; refusing new daemons keeps it from spawning more.
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    progress(`${sig}: stopping daemons and the relay`)
    refuseNewDaemons()
    cleanupAll().then(stopAllDaemons).finally(() => process.exit(130))
  })
}

const connectionsTo = async (d, peerId) => (await d.client.call('status')).connections.filter(c => c.peerId === peerId)

// ---- 1. call setup ----------------------------------------------------------------------

/** One call A → B until A is connected; returns the phases (ms), then hangs up. */
async function timedCall (a, b, label) {
  const connectedBefore = (await connectionsTo(a, b.peerId)).length > 0
  a.events.length = 0
  b.events.length = 0
  const t0 = performance.now()
  const { callId } = await a.client.call('call.start', { peerId: b.peerId, video: false })
  const mine = s => e => e.callId === callId && e.type === 'state' && e.state === s
  const aConnected = await waitEvent(a, mine('connected'), 20_000, 'A connected')
  const aOutgoing = await waitEvent(a, mine('outgoing'), 0, 'A outgoing')
  const aConnecting = await waitEvent(a, mine('connecting'), 0, 'A connecting')
  const bRinging = await waitEvent(b, mine('ringing'), 0, 'B ringing')
  const r = {
    label,
    connectedBefore,
    totalMs: aConnected.t - t0,
    dialMs: aOutgoing.t - t0,
    offerMs: bRinging.t - aOutgoing.t,
    answerMs: aConnecting.t - bRinging.t,
    mediaMs: aConnected.t - aConnecting.t
  }
  await a.client.call('call.hangup', { callId })
  await waitEvent(b, e => e.callId === callId && e.state === 'ended', 10_000, 'B ended')
  await ensureIdle([a, b])
  return r
}

async function callSetup (a, b) {
  const calls = []
  progress('setup: first call')
  calls.push(await timedCall(a, b, 'first'))
  for (let i = 0; i < SETUP_CALLS; i++) {
    progress(`setup: warm call ${i + 1}/${SETUP_CALLS}`)
    await sleep(200)
    calls.push(await timedCall(a, b, 'warm'))
  }
  for (let i = 0; i < SETUP_CALLS; i++) {
    progress(`setup: cold call ${i + 1}/${SETUP_CALLS} (connection closed first)`)
    await a.client.call('peer.hangup', { peerId: b.peerId })
    await waitFor(async () => (await connectionsTo(a, b.peerId)).length === 0 && (await connectionsTo(b, a.peerId)).length === 0, 10_000, 'A–B connection closed')
    await sleep(200)
    calls.push(await timedCall(a, b, 'cold'))
  }
  const phases = list => Object.fromEntries(['totalMs', 'dialMs', 'offerMs', 'answerMs', 'mediaMs'].map(k => [k, summary(list.map(c => c[k]))]))
  return {
    calls,
    first: calls[0],
    warm: phases(calls.filter(c => c.label === 'warm')),
    cold: phases(calls.filter(c => c.label === 'cold')),
    all: phases(calls)
  }
}

// ---- 2./3. a sampled call ---------------------------------------------------------------

/**
 * A → B audio+video call for durationS of connected time; samples call.stats on both every
 * 500 ms. onSample(elapsedMs) runs after each sample (relay checks).
 */
async function sampledCall (a, b, durationS, onSample = async () => {}) {
  a.events.length = 0
  b.events.length = 0
  const t0 = performance.now()
  const { callId } = await a.client.call('call.start', { peerId: b.peerId, video: true })
  const connected = await waitEvent(a, e => e.callId === callId && e.state === 'connected', 30_000, 'A connected')
  const setupMs = connected.t - t0
  const samples = []
  const tc = performance.now()
  let ended = null
  for (let k = 1; k * SAMPLE_MS <= durationS * 1000; k++) {
    const wait = k * SAMPLE_MS - (performance.now() - tc)
    if (wait < 0) continue // an RPC took longer than a period: skip that sample
    await sleep(wait)
    ended = a.events.find(e => e.callId === callId && e.state === 'ended') ?? b.events.find(e => e.callId === callId && e.state === 'ended')
    if (ended != null) break
    const [sb, sa] = await Promise.all([b.client.call('call.stats'), a.client.call('call.stats')])
    const sample = { atMs: performance.now() - tc, callee: sb, caller: sa }
    samples.push(sample)
    await onSample(sample)
  }
  if (ended == null) await a.client.call('call.hangup', { callId }).catch(() => {})
  await ensureIdle([a, b])
  return { callId, setupMs, endedEarly: ended != null ? { by: ended.info.direction === 'out' ? 'caller' : 'callee', reason: ended.info.endReason } : null, samples }
}

/** Summaries of a sampled call: audio/video latency, loss, bitrates, ABR, from the callee's view of A → B media. */
function analyse (call) {
  const s = call.samples.filter(x => x.atMs >= WARMUP_MS)
  const vals = (f, list = s) => list.map(f).filter(v => typeof v === 'number' && Number.isFinite(v))
  // the video latency median goes stale while no video is decoded (ABR pause): only count
  // samples where the callee decoded new video frames since the previous sample
  const fresh = s.filter(x => {
    const prev = call.samples[call.samples.indexOf(x) - 1]
    return prev == null || x.callee.video.decoded > prev.callee.video.decoded
  })
  const last = call.samples.at(-1)
  const lb = last?.callee
  const la = last?.caller
  const rate = f => summary(vals(f)).p50
  return {
    setupMs: call.setupMs,
    endedEarly: call.endedEarly,
    samples: call.samples.length,
    samplesCounted: s.length,
    audio: {
      latencyMs: summary(vals(x => x.callee.audio.latencyMs)),
      latencySamples: vals(x => x.callee.audio.latencyMs).map(round1),
      jitterBufferMs: summary(vals(x => x.callee.audio.jitterBufferMs)),
      sent: la?.audio.sent, received: lb?.audio.received, decoded: lb?.audio.decoded,
      concealed: lb?.audio.concealed, lost: lb?.audio.lost, late: lb?.audio.late,
      bitrateSentBps: rate(x => x.caller.audio.bitrateSentBps),
      bitrateReceivedBps: rate(x => x.callee.audio.bitrateReceivedBps)
    },
    video: {
      latencyMs: summary(vals(x => x.callee.video.latencyMs, fresh)),
      samplesWithNewFrames: fresh.length,
      latencySamples: vals(x => x.callee.video.latencyMs, fresh).map(round1),
      sent: la?.video.sent, dropped: la?.video.dropped, received: lb?.video.received, decoded: lb?.video.decoded,
      keyframeRequests: lb?.video.keyframeRequests,
      // the encoder's resolution is the sender's (A's) stats
      width: la?.video.width, height: la?.video.height, fps: la?.video.fps,
      bitrateSentBps: rate(x => x.caller.video.bitrateSentBps),
      bitrateReceivedBps: rate(x => x.callee.video.bitrateReceivedBps)
    },
    rttMs: summary(vals(x => x.caller.rttMs)),
    forgedFrames: (lb?.forgedFrames ?? 0) + (la?.forgedFrames ?? 0),
    // A's ABR drives the A → B media measured here
    abrFinal: la?.abr,
    // from this sample on, the caller's ABR kept video paused (null: not paused at the end)
    videoPausedFromMs: (() => {
      let from = null
      for (const x of call.samples) from = x.caller.abr.videoRung == null ? (from ?? Math.round(x.atMs)) : null
      return from
    })(),
    trace: call.samples.map(x => ({
      atMs: Math.round(x.atMs),
      audioLatencyMs: round1(x.callee.audio.latencyMs),
      jitterBufferMs: round1(x.callee.audio.jitterBufferMs),
      concealed: x.callee.audio.concealed,
      videoLatencyMs: round1(x.callee.video.latencyMs),
      videoDecoded: x.callee.video.decoded,
      callerRttMs: round1(x.caller.rttMs),
      calleeRttMs: round1(x.callee.rttMs),
      rung: x.caller.abr.videoRung,
      reason: x.caller.abr.reason,
      audioBps: x.caller.abr.audioBps,
      queuedBytes: x.caller.abr.queuedBytes
    }))
  }
}

const round1 = x => typeof x === 'number' ? Math.round(x * 10) / 10 : x

// ---- 3. through the relay -------------------------------------------------------------

async function relayRun (mode, extraArgs, seed) {
  const scenario = getScenario(SCENARIO)
  const bPort = await freeUdpPort()
  progress(`${mode} (seed ${seed}): start B on udp/${bPort}`)
  const b = await daemon({ name: `B-${mode}`, listen: `/ip4/127.0.0.1/udp/${bPort}/quic-v1`, args: ['--auto-answer', ...extraArgs] })
  const relay = await createLinkRelay(scenarioRelayOptions(scenario, bPort, { seed }))
  cleanup.push(() => relay.close())
  const relayAddr = `/ip4/127.0.0.1/udp/${relay.address.port}/quic-v1/p2p/${b.peerId}`
  progress(`${mode}: start A, bootstrap via relay udp/${relay.address.port}`)
  const a = await daemon({ name: `A-${mode}`, args: ['--bootstrap', relayAddr, ...extraArgs] })
  const onPath = c => c.remoteAddr.includes(`/udp/${relay.address.port}/`)
  try {
    await waitFor(async () => (await connectionsTo(a, b.peerId)).some(onPath), 30_000, 'A connected to B through the relay')
  } catch (err) {
    throw new Error(`${err.message}; A's connections: ${JSON.stringify((await a.client.call('status')).connections)}; relay: ${JSON.stringify(relay.stats())}\nA log:\n${a.log().slice(-1500)}`)
  }
  const direct = []
  const checkPath = async () => {
    for (const c of await connectionsTo(a, b.peerId)) if (!onPath(c)) direct.push(c.remoteAddr)
  }
  await checkPath()
  const before = relay.stats()
  progress(`${mode}: ${RELAY_S} s audio+video call (${SCENARIO})`)
  let n = 0
  const call = await sampledCall(a, b, RELAY_S, async () => { if (++n % 4 === 0) await checkPath() })
  await checkPath()
  const after = relay.stats()
  const dir = (name) => {
    const x = after[name]
    const y = before[name]
    const packetsIn = x.packetsIn - y.packetsIn
    const dropped = x.droppedLoss - y.droppedLoss
    return { packetsIn, packetsOut: x.packetsOut - y.packetsOut, bytesIn: x.bytesIn - y.bytesIn, droppedLoss: dropped, lossRate: packetsIn > 0 ? dropped / packetsIn : NaN, droppedQueue: x.droppedQueue - y.droppedQueue, meanAddedDelayMs: x.meanAddedDelayMs, meanLatenessMs: x.meanLatenessMs, maxLatenessMs: x.maxLatenessMs }
  }
  const result = {
    mode,
    seed,
    flags: extraArgs,
    ...analyse(call),
    relay: { upstream: dir('upstream'), downstream: dir('downstream'), foreignPackets: after.foreignPackets, sendErrors: after.sendErrors },
    path: { relayPort: relay.address.port, bPort, viaRelay: after.upstream.packetsIn > 0 && after.downstream.packetsIn > 0, directConnectionsSeen: [...new Set(direct)] }
  }
  // this pair is done: stop it now so the next run has the CPU
  await a.stop()
  await relay.close()
  await b.stop()
  return result
}

// ---- run -------------------------------------------------------------------------------

const result = { config: { setupCalls: SETUP_CALLS, loopbackS: LOOPBACK_S, relayS: RELAY_S, sampleMs: SAMPLE_MS, warmupMs: WARMUP_MS, scenario: getScenario(SCENARIO), quick } }
let failed = false
try {
  progress('start bootstrap daemon, A and B (B auto-answers)')
  const boot = await daemon({ name: 'boot' })
  const [a, b] = await Promise.all([
    daemon({ name: 'A', args: ['--bootstrap', boot.addr] }),
    daemon({ name: 'B', args: ['--bootstrap', boot.addr, '--auto-answer'] })
  ])
  await waitFor(async () => (await a.client.call('status')).dhtRoutingTableSize > 0 && (await b.client.call('status')).dhtRoutingTableSize > 0, 30_000, 'DHT routing tables')
  // A calls B many times in a row: as a contact, not a stranger (whose rings are rate-limited, docs/security.md)
  await b.client.call('contacts.add', { peerId: a.peerId, nickname: 'A' })
  result.setup = await callSetup(a, b)

  progress(`loopback: ${LOOPBACK_S} s audio+video call`)
  result.loopback = analyse(await sampledCall(a, b, LOOPBACK_S))
  await cleanupAll()

  result.relay = { runs: { normal: [], 'single-stream': [] }, pooled: {} }
  for (let r = 0; r < RELAY_REPEATS; r++) {
    for (const [mode, args] of [['normal', []], ['single-stream', ['--single-stream-media']]]) {
      const seed = getScenario(SCENARIO).seed + r
      try {
        result.relay.runs[mode].push(await relayRun(mode, args, seed))
      } catch (err) {
        failed = true
        progress(`${mode} relay run failed: ${err.stack ?? err.message}`)
        result.relay.runs[mode].push({ mode, seed, error: err.message })
        await cleanupAll()
      }
    }
  }
  // pooled over the repeats: every counted sample of every good run of a mode
  for (const [mode, runs] of Object.entries(result.relay.runs)) {
    const ok = runs.filter(x => x.audio != null)
    if (ok.length === 0) continue
    result.relay.pooled[mode] = {
      runs: ok.length,
      audioLatencyMs: summary(ok.flatMap(x => x.audio.latencySamples)),
      videoLatencyMs: summary(ok.flatMap(x => x.video.latencySamples)),
      audioConcealed: ok.reduce((t, x) => t + x.audio.concealed, 0),
      audioLost: ok.reduce((t, x) => t + x.audio.lost, 0),
      videoSent: ok.reduce((t, x) => t + x.video.sent, 0),
      videoDecoded: ok.reduce((t, x) => t + x.video.decoded, 0),
      videoPausedByAbr: ok.filter(x => x.abrFinal?.videoRung == null).length
    }
  }
  const n = result.relay.pooled.normal
  const s = result.relay.pooled['single-stream']
  if (n != null && s != null) {
    result.relay.ratio = {
      audioLatencyP50: s.audioLatencyMs.p50 / n.audioLatencyMs.p50,
      audioLatencyP95: s.audioLatencyMs.p95 / n.audioLatencyMs.p95,
      videoLatencyP50: s.videoLatencyMs.p50 / n.videoLatencyMs.p50,
      videoLatencyP95: s.videoLatencyMs.p95 / n.videoLatencyMs.p95
    }
  }
} catch (err) {
  failed = true
  progress(`failed: ${err.stack ?? err.message}`)
  result.error = err.message
} finally {
  await cleanupAll()
  // also any daemon whose stop another path (a signal handler) began
  await stopAllDaemons()
}
result.runtimeS = (performance.now() - t00) / 1000

// ---- report ----------------------------------------------------------------------------

const w = s => process.stdout.write(s + '\n')
const ms = x => fmt(x, 1)
const kbps = x => Number.isFinite(x) ? (x / 1000).toFixed(0) : '-'
const lat = l => l != null ? `p50 ${ms(l.p50)} / p95 ${ms(l.p95)} / max ${ms(l.max)} ms` : '-'

w('Parley call benchmark (real daemons, loopback QUIC, synthetic tone + test pattern)')
w('Latencies: the engine\'s own capture→playout (audio) / capture→decode (video) medians over the receiver\'s recent frames (≈4 s audio, ≤100 video frames), sampled every 500 ms at the callee; p50/p95/max are over those samples (first 1 s skipped), not over single frames.')
if (result.setup != null) {
  const st = result.setup
  w('')
  w('1. Call setup (audio call, call.start → caller "connected" = first decoded audio; daemon polls every 50 ms)')
  w('   calls        n   total p50   max     dial   offer(DM)  answer(DM)  media')
  const row = (name, p) => w(`   ${name.padEnd(11)}${String(p.totalMs.n).padStart(2)}  ${ms(p.totalMs.p50).padStart(8)}  ${ms(p.totalMs.max).padStart(6)}  ${ms(p.dialMs.p50).padStart(6)}  ${ms(p.offerMs.p50).padStart(8)}  ${ms(p.answerMs.p50).padStart(9)}  ${ms(p.mediaMs.p50).padStart(7)}   (ms, phases are p50)`)
  const f = st.first
  w(`   ${'first'.padEnd(11)} 1  ${ms(f.totalMs).padStart(8)}  ${''.padStart(6)}  ${ms(f.dialMs).padStart(6)}  ${ms(f.offerMs).padStart(8)}  ${ms(f.answerMs).padStart(9)}  ${ms(f.mediaMs).padStart(7)}   (A already connected to B: ${f.connectedBefore})`)
  row('warm', st.warm)
  row('cold', st.cold)
  row('all', st.all)
  w('   warm = connection to B already open; cold = A closed it first (QUIC handshake to B\'s peer-store address in "dial")')
}
const media = (name, r) => {
  w(`   ${name}`)
  if (r?.audio == null) { w(`     FAILED: ${r?.error ?? 'no result'}`); return }
  w(`     setup ${ms(r.setupMs)} ms, ${r.samplesCounted} samples${r.endedEarly ? `, ENDED EARLY by ${r.endedEarly.by}: ${r.endedEarly.reason}` : ''}, RTT (engine ping) p50 ${ms(r.rttMs.p50)} ms`)
  w(`     audio latency   ${lat(r.audio.latencyMs)};  jitter buffer p50 ${ms(r.audio.jitterBufferMs.p50)} ms (max ${ms(r.audio.jitterBufferMs.max)})`)
  w(`     audio frames    sent ${r.audio.sent}, received ${r.audio.received}, decoded ${r.audio.decoded}, concealed ${r.audio.concealed}, lost ${r.audio.lost}, late ${r.audio.late};  ${kbps(r.audio.bitrateSentBps)} kbit/s sent, ${kbps(r.audio.bitrateReceivedBps)} received`)
  w(`     video latency   ${lat(r.video.latencyMs)}  (${r.video.samplesWithNewFrames} samples with newly decoded frames)`)
  w(`     video frames    sent ${r.video.sent} (dropped at sender ${r.video.dropped}), received ${r.video.received}, decoded ${r.video.decoded}, keyframe requests ${r.video.keyframeRequests};  ${r.video.width}x${r.video.height}@${r.video.fps}, ${kbps(r.video.bitrateSentBps)} kbit/s sent, ${kbps(r.video.bitrateReceivedBps)} received`)
  w(`     ABR (caller)    final rung ${r.abrFinal?.videoRung ?? 'paused'}, reason "${r.abrFinal?.reason}", audio ${kbps(r.abrFinal?.audioBps)} kbit/s, FEC ${r.abrFinal?.fecLossPercent} %${r.videoPausedFromMs != null ? `; VIDEO PAUSED by the ABR from ${fmt(r.videoPausedFromMs / 1000, 1)} s on (${[...new Set(r.trace.filter(t => t.reason.startsWith('down')).map(t => t.reason.replace(/[\d.]+/g, 'N')))].join('; ')})` : ''}`)
  if (r.relay != null) {
    const u = r.relay.upstream
    const d = r.relay.downstream
    w(`     relay           A→B ${u.packetsIn} pkts, ${(u.lossRate * 100).toFixed(1)} % dropped; B→A ${d.packetsIn} pkts, ${(d.lossRate * 100).toFixed(1)} % dropped; added delay ${ms(u.meanAddedDelayMs)}/${ms(d.meanAddedDelayMs)} ms; via relay: ${r.path.viaRelay}${r.path.directConnectionsSeen.length > 0 ? `; DIRECT connections seen: ${r.path.directConnectionsSeen.join(', ')}` : ', no direct A–B connection seen'}`)
  }
}
if (result.loopback != null) {
  w('')
  w(`2. Loopback audio+video call, ${LOOPBACK_S} s, stats at the callee`)
  media('loopback', result.loopback)
}
if (result.relay != null) {
  w('')
  w(`3. ${SCENARIO}: ${result.config.scenario.description}; ${RELAY_S} s audio+video call per run, ${RELAY_REPEATS} run(s) per mode, interleaved`)
  const titles = { normal: 'normal (audio stream pool + redundant copies, spare video streams)', 'single-stream': '--single-stream-media on both (one stream per kind, no redundant audio)' }
  for (const mode of ['normal', 'single-stream']) {
    for (const run of result.relay.runs[mode]) media(`${titles[mode]}, relay seed ${run.seed}`, run)
  }
  w('   pooled over runs (sampled medians):')
  for (const mode of ['normal', 'single-stream']) {
    const p = result.relay.pooled[mode]
    if (p == null) { w(`     ${mode.padEnd(14)} no successful run`); continue }
    w(`     ${mode.padEnd(14)} audio ${lat(p.audioLatencyMs)} (n ${p.audioLatencyMs.n});  video ${lat(p.videoLatencyMs)} (n ${p.videoLatencyMs.n});  audio concealed ${p.audioConcealed}, lost ${p.audioLost};  video decoded ${p.videoDecoded}/${p.videoSent} sent;  video paused by the ABR at the end of ${p.videoPausedByAbr}/${p.runs} runs`)
  }
  const r = result.relay.ratio
  if (r != null) w(`   ablation ÷ normal: audio latency p50 ×${fmt(r.audioLatencyP50, 2)} (p95 ×${fmt(r.audioLatencyP95, 2)}), video latency p50 ×${fmt(r.videoLatencyP50, 2)} (p95 ×${fmt(r.videoLatencyP95, 2)})`)
}
if (result.error != null) w(`\nFAILED: ${result.error}`)
w(`\nruntime ${fmt(result.runtimeS, 0)} s; wrote ${writeResult(out, 'call', result)}`)
process.exit(failed ? 1 : 0)
