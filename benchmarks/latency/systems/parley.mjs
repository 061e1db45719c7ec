// Parley under test: two real `parley` daemon processes, A (sender, caller) and B
// (receiver, callee), connected through the link relay (B listens on one fixed UDP port
// and A only knows B through the relay, as in benchmarks/call). This process is the
// "page" on both ends: it pushes the content frames into A's /media WebSocket — the
// daemon encodes each frame as it arrives — and reads B's decoded frames from B's /media
// WebSocket as B plays them out. So glass starts when a frame is handed to A's socket and
// ends when the decoded frame arrives from B's socket: the loopback WebSocket hops are
// inside the measurement, as a GUI's would be.
//
// 'parley-single-stream' starts both daemons with --single-stream-media (the ablation:
// one stream per media kind, no redundant audio copies).
//
// B answers with silent audio and no camera, so the call is one-way like the libwebrtc
// baseline's (B's silent Opus frames still flow back, ≈ 30 kbit/s, as a call's would).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { MediaClient, nowMs } from '@parley/core/ipc'
import WebSocket from 'ws'
import { freeUdpPort, sleep, startCallDaemon, waitFor } from '../../call/call-daemons.mjs'
import { AudioMarkerDetector, audioFrame, createVideoContent, markerOfFrame, readVideoId } from '../content.mjs'
import { quantile } from '../../lib/stats.mjs'
import { AudioSimilarityTracker, VideoQualityRecorder } from '../quality.mjs'
import { startProcSampler } from '../proc-stats.mjs'

const CONNECT_TIMEOUT_MS = 30_000
/** After the last frame: time for the frames in flight to arrive and play out. */
const DRAIN_MS = 1000
const SAMPLE_MS = 500
const AUDIO_FRAME_MS = 20

/** @param {import('./types.mjs').RunOptions} o @returns {Promise<import('./types.mjs').SystemResult>} */
export async function run ({ system = 'parley', durationMs, warmupMs, video, progress, makeRelay }) {
  const ablation = system === 'parley-single-stream'
  const flags = ablation ? ['--single-stream-media'] : []
  const daemons = []
  const clients = []
  try {
    const bPort = await freeUdpPort()
    const b = await startCallDaemon({ name: `${system}-B`, listen: `/ip4/127.0.0.1/udp/${bPort}/quic-v1`, args: flags })
    daemons.push(b)
    const relay = await makeRelay(bPort)
    const relayAddr = `/ip4/127.0.0.1/udp/${relay.address.port}/quic-v1/p2p/${b.peerId}`
    const a = await startCallDaemon({ name: `${system}-A`, args: ['--bootstrap', relayAddr, ...flags] })
    daemons.push(a)
    const onRelay = async () => (await a.client.call('status')).connections.some(c => c.peerId === b.peerId && c.remoteAddr.includes(`/udp/${relay.address.port}/`))
    await waitFor(onRelay, CONNECT_TIMEOUT_MS, `${system}: A connected to B through the relay`)
    progress(`${system}: A reaches B through the relay on udp/${relay.address.port}`)

    // the receiving "page" on B
    const detector = new AudioMarkerDetector()
    const quality = new VideoQualityRecorder(video, durationMs)
    const similarity = new AudioSimilarityTracker()
    /** concealed counts from the end of the warm-up (concealedFrom), like the harness's window */
    const rx = { video: [], audio: [], concealed: 0, concealedFrom: Infinity, unreadable: 0, last: null }
    const mb = new MediaClient({
      url: `http://127.0.0.1:${b.status.apiPort}`,
      token: tokenOf(b),
      WebSocket,
      onFrame: (f, atMs) => {
        if (f.kind === 'video') {
          const id = readVideoId({ data: f.data, width: f.width, height: f.height }, video.width, video.height)
          if (id == null) { rx.unreadable++; return }
          const rec = { id, atMs, width: f.width, height: f.height }
          rx.video.push(rec)
          quality.keep(rec, f.data, f.width, f.height)
          rx.last = { width: f.width, height: f.height }
        } else {
          if ((f.flags & 1) === 1 && atMs >= rx.concealedFrom) rx.concealed++
          similarity.push(f.pcm)
          for (const m of detector.push(f.pcm, atMs)) {
            similarity.track(m)
            delete m.onsetSample
            rx.audio.push(m)
          }
        }
      }
    })
    const ma = new MediaClient({ url: `http://127.0.0.1:${a.status.apiPort}`, token: tokenOf(a), WebSocket })
    await Promise.all([mb.connect(), ma.connect()])
    clients.push(ma, mb)

    // the call: A with its page as the source, B answers silent and camera-less
    const started = await a.client.call('call.start', { peerId: b.peerId, video: true, audioSource: 'live', videoSource: 'live' })
    await waitFor(() => b.events.some(e => e.type === 'incoming' && e.callId === started.callId), CONNECT_TIMEOUT_MS, `${system}: B rings`)
    await b.client.call('call.answer', { callId: started.callId, audioSource: 'silence', videoSource: 'live' })
    await waitFor(() => a.events.some(e => e.type === 'state' && e.state === 'connected' && e.callId === started.callId), CONNECT_TIMEOUT_MS, `${system}: call connected`)
    progress(`${system}: call connected, ${(durationMs / 1000).toFixed(0)} s of media`)

    relay.startSchedule()
    const cpu = { sender: startProcSampler(a.proc.pid), receiver: startProcSampler(b.proc.pid) }
    const timeline = []
    const abrTrace = []
    const stageSamples = { a: [], b: [] }
    const t0 = nowMs()
    rx.concealedFrom = t0 + warmupMs
    const sampler = setInterval(() => {
      Promise.all([a.client.call('call.stats'), b.client.call('call.stats')]).then(([sa, sb]) => {
        timeline.push({ tMs: nowMs() - t0, videoBps: sb.video.bitrateReceivedBps ?? null, audioBps: sb.audio.bitrateReceivedBps ?? null, width: rx.last?.width ?? null, height: rx.last?.height ?? null })
        abrTrace.push({ tMs: nowMs() - t0, ...sa.abr, rttMs: sa.rttMs, width: sa.video.width, height: sa.video.height })
        stageSamples.a.push(sa)
        stageSamples.b.push(sb)
      }, () => {})
    }, SAMPLE_MS)

    const sent = await pushContent(ma, video, durationMs, t0)
    const endpoints = { sender: cpu.sender.stop(), receiver: cpu.receiver.stop() }
    await sleep(DRAIN_MS)
    clearInterval(sampler)
    const finalStats = { sender: await a.client.call('call.stats'), receiver: await b.client.call('call.stats') }
    const aToB = (await a.client.call('status')).connections.filter(c => c.peerId === b.peerId).map(c => c.remoteAddr)
    await a.client.call('call.hangup', {}).catch(() => {})
    const relayStats = relay.stats()
    // after the media and the CPU sampling: scoring is the harness's work, not the engine's
    const qualityStats = quality.score()

    return {
      system,
      video: { sent: sent.video, received: rx.video },
      audio: { sent: sent.audio, received: rx.audio, concealedFrames: rx.concealed, concealment: { concealedMs: rx.concealed * AUDIO_FRAME_MS, stretchedMs: null } },
      timeline,
      stages: stagesFrom(stageSamples),
      endpoints,
      relay: relayStats,
      path: daemonPath(aToB, relay.address.port, relayStats, bPort),
      extra: {
        abr: abrTrace,
        unreadableVideoFrames: rx.unreadable,
        quality: qualityStats,
        rejectedAudioOnsets: detector.rejected,
        finalStats
      }
    }
  } finally {
    for (const c of clients) { try { c.close() } catch {} }
    await Promise.allSettled(daemons.map(d => d.stop()))
  }
}

/**
 * The media path between two daemons: B listens on one port, behind the relay, so every
 * connection A has to B must be the relay's, and bytes must have crossed it both ways.
 * (Shared with gui-parley.mjs, which connects its daemons the same way.)
 */
export function daemonPath (aToB, relayPort, relayStats, receiverPort) {
  return {
    viaRelay: aToB.length > 0 && aToB.every(r => r.includes(`/udp/${relayPort}/`)) && relayStats.upstream.bytesOut > 0 && relayStats.downstream.bytesOut > 0,
    connections: aToB,
    relayPort,
    receiverPort
  }
}

export function tokenOf (d) {
  return readFileSync(join(d.home, 'api-token'), 'utf8').trim()
}

/**
 * Feed A like a camera and a microphone: audio every 20 ms and video at the source rate,
 * both on the wall clock (catching up after a late timer, never drifting). A frame's sent
 * time is taken right before it is handed to the socket, after it was drawn.
 */
async function pushContent (client, video, durationMs, t0) {
  const content = createVideoContent({ width: video.width, height: video.height })
  const sent = { video: [], audio: [] }
  const frameMs = 1000 / video.fps
  let ai = 0
  let vi = 0
  let nextVideo = content.frame(0)
  const end = t0 + durationMs
  for (;;) {
    const now = nowMs()
    if (now >= end) break
    while (t0 + ai * AUDIO_FRAME_MS <= now) {
      const pcm = audioFrame(ai)
      const m = markerOfFrame(ai)
      const at = nowMs()
      client.send({ kind: 'audio', seq: ai, tsUs: at * 1000, flags: 0, pcm })
      if (m != null) sent.audio.push({ id: m, atMs: at })
      ai++
    }
    if (t0 + vi * frameMs <= now) {
      const at = nowMs()
      client.send({ kind: 'video', seq: vi, tsUs: at * 1000, flags: 0, width: video.width, height: video.height, data: nextVideo.data })
      sent.video.push({ id: vi, atMs: at })
      vi++
      // draw the next picture now, off the critical moment of the next send
      nextVideo = content.frame(vi)
    }
    const due = Math.min(t0 + ai * AUDIO_FRAME_MS, t0 + vi * frameMs)
    await sleep(Math.max(0, Math.min(5, due - nowMs())))
  }
  return sent
}

const median = xs => {
  const v = xs.filter(x => typeof x === 'number' && Number.isFinite(x))
  return v.length === 0 ? null : quantile(v, 0.5)
}

/**
 * The engine's stage medians: encode at A; send queue from A's queued bytes at its send
 * rate; network = B's capture→arrival transit minus A's encode and queue; jitter buffer
 * (audio) from B's playout delay; decode at B.
 */
function stagesFrom ({ a, b }) {
  if (a.length === 0 || b.length === 0) return null
  const queueMs = a.map(s => {
    const bps = (s.audio.bitrateSentBps ?? 0) + (s.video.bitrateSentBps ?? 0)
    return bps > 0 ? s.abr.queuedBytes * 8 / bps * 1000 : null
  })
  const kind = (k, jitter) => {
    const encodeMs = median(a.map(s => s[k].encodeMs))
    const transitMs = median(b.map(s => s[k].transitMs))
    const sendQueueMs = median(queueMs)
    return {
      encodeMs,
      sendQueueMs,
      networkMs: transitMs != null ? Math.max(0, transitMs - (encodeMs ?? 0) - (sendQueueMs ?? 0)) : null,
      jitterBufferMs: jitter ? median(b.map(s => s.audio.jitterBufferMs)) : null,
      decodeMs: median(b.map(s => s[k].decodeMs))
    }
  }
  return { audio: kind('audio', true), video: kind('video', false) }
}
