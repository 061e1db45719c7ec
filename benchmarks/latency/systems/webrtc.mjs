// The libwebrtc baseline (@roamhq/wrtc): sender and receiver in their own child processes
// (webrtc-peer.mjs), so each endpoint's CPU and RSS are its own. This process does the
// signalling and routes ICE through the link relay: the receiver's loopback UDP candidate
// is the relay's target, and each side is told only the relay's address as the other's
// candidate, so every media packet crosses the relay (checked from its counters).
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { startProcSampler } from '../proc-stats.mjs'
import { negotiatedCodecs, rewriteCandidate } from './sdp.mjs'
import { webrtcStages, webrtcTimeline, webrtcConcealedFrames, webrtcConcealment, webrtcSenderTrace, lastInbound } from './webrtc-stats.mjs'

const PEER = fileURLToPath(new URL('./webrtc-peer.mjs', import.meta.url))
const CONNECT_TIMEOUT_MS = 20_000
/** After the sender's last frame: time for the frames in flight to arrive. */
const DRAIN_MS = 1000
const RECEIVER_REPORT_TIMEOUT_MS = 120_000

/** A child endpoint with a promise-based view of its messages. */
function spawnPeer (role) {
  const child = fork(PEER, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const inbox = []
  const waiters = []
  let failure = null
  const deliver = () => {
    for (let i = 0; i < waiters.length; i++) {
      const w = waiters[i]
      if (failure !== null) { w.reject(failure); waiters.splice(i--, 1); continue }
      const k = inbox.findIndex(m => m.type === w.type)
      if (k >= 0) { w.resolve(inbox.splice(k, 1)[0]); waiters.splice(i--, 1) }
    }
  }
  child.on('message', msg => {
    if (msg.type === 'error') failure = new Error(`libwebrtc ${role}: ${msg.message}`)
    inbox.push(msg)
    deliver()
  })
  child.on('exit', (code, signal) => {
    failure ??= new Error(`libwebrtc ${role} exited (${code ?? signal})`)
    deliver()
  })
  return {
    role,
    child,
    states: () => inbox.filter(m => m.type === 'state').map(m => m.state),
    send: msg => child.send(msg),
    next (type, timeoutMs, what = type) {
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`libwebrtc ${role}: no ${what} within ${timeoutMs} ms`)), timeoutMs)
        waiters.push({ type, resolve: v => { clearTimeout(t); resolve(v) }, reject: e => { clearTimeout(t); reject(e) } })
        deliver()
      })
    },
    async kill () {
      if (child.exitCode != null || child.signalCode != null) return
      const exited = new Promise(resolve => child.once('exit', resolve))
      try { child.send({ type: 'close' }) } catch {}
      const t = setTimeout(() => child.kill('SIGKILL'), 2000)
      await exited
      clearTimeout(t)
    }
  }
}

/** @param {import('./types.mjs').RunOptions} options @returns {Promise<import('./types.mjs').SystemResult>} */
export async function run ({ durationMs, warmupMs, video, progress, makeRelay }) {
  const sender = spawnPeer('sender')
  const receiver = spawnPeer('receiver')
  try {
    const params = { video, durationMs }
    sender.send({ type: 'init', role: 'sender', params })
    receiver.send({ type: 'init', role: 'receiver', params })
    const { offer } = await sender.next('ready', CONNECT_TIMEOUT_MS, 'offer')
    await receiver.next('ready', CONNECT_TIMEOUT_MS)
    receiver.send({ type: 'offer', sdp: offer.sdp })
    const { answer } = await receiver.next('answer', CONNECT_TIMEOUT_MS)

    const relay = await makeRelay(answer.port)
    const via = port => ({ host: '127.0.0.1', port })
    progress(`libwebrtc: receiver on udp/${answer.port}, relay on udp/${relay.address.port}`)
    const toRelay = c => ({ candidate: rewriteCandidate(c, relay.address.host, relay.address.port), sdpMid: '0', sdpMLineIndex: 0 })
    sender.send({ type: 'answer', sdp: answer.sdp })
    sender.send({ type: 'candidate', ...toRelay(answer.candidate) })
    // The receiver gets no candidate: its other host sockets (LAN, IPv6) would then send
    // checks to the relay too, and the relay takes the first non-target sender as its
    // client. It learns the sender as peer-reflexive (the relay's address) from its checks.
    try {
      await Promise.all([
        receiver.next('track', CONNECT_TIMEOUT_MS, 'first track'),
        receiver.next('track', CONNECT_TIMEOUT_MS, 'second track'),
        waitConnected(sender),
        waitConnected(receiver)
      ])
    } catch (err) {
      const st = relay.stats()
      throw new Error(`${err.message} (relay: upstream ${st.upstream.packetsIn} packets in, downstream ${st.downstream.packetsIn}, foreign ${st.foreignPackets}, client ${JSON.stringify(relay.client())}; sender states ${sender.states()}, receiver states ${receiver.states()})`)
    }

    progress(`libwebrtc: connected through the relay, ${(durationMs / 1000).toFixed(0)} s of media`)
    relay.startSchedule()
    receiver.send({ type: 'start' })
    sender.send({ type: 'start' })
    const started = await sender.next('started', CONNECT_TIMEOUT_MS)
    const cpu = { sender: startProcSampler(sender.child.pid), receiver: startProcSampler(receiver.child.pid) }
    const sent = await sender.next('sent', durationMs + 30_000, 'end of sending')
    const endpoints = { sender: cpu.sender.stop(), receiver: cpu.receiver.stop() }
    await new Promise(resolve => setTimeout(resolve, DRAIN_MS))
    receiver.send({ type: 'stop' })
    // the receiver scores the kept pictures before it reports (a few seconds at 720p)
    const received = await receiver.next('received', RECEIVER_REPORT_TIMEOUT_MS, 'receiver report')
    const relayStats = relay.stats()

    const t0 = started.atMs
    const inbound = lastInbound(received.stats)
    const payloadBytes = (inbound.video?.bytesReceived ?? 0) + (inbound.audio?.bytesReceived ?? 0)
    // UDP payload through the relay must cover all the RTP payload the receiver counted
    const viaRelay = relayStats.upstream.packetsOut > 0 && relayStats.downstream.packetsOut > 0 && relayStats.upstream.bytesOut >= payloadBytes
    return {
      system: 'libwebrtc',
      video: { sent: sent.video, received: received.video },
      audio: { sent: sent.audio, received: received.audio, concealedFrames: webrtcConcealedFrames(received.stats, started.atMs + warmupMs), concealment: webrtcConcealment(received.stats, started.atMs + warmupMs) },
      timeline: webrtcTimeline(received.stats, t0),
      stages: webrtcStages(sent.stats, received.stats),
      endpoints,
      relay: relayStats,
      path: {
        viaRelay,
        relayPort: relay.address.port,
        receiverPort: answer.port,
        relayClient: relay.client(),
        receiverPayloadBytes: payloadBytes,
        relayUpstreamBytes: relayStats.upstream.bytesOut,
        candidatesGiven: { toSender: [via(relay.address.port)], toReceiver: [] }
      },
      extra: {
        codecsOffered: negotiatedCodecs(offer.sdp),
        codecsAnswered: negotiatedCodecs(answer.sdp),
        codecsUsed: codecsUsed(sent.stats.at(-1)),
        sender: webrtcSenderTrace(sent.stats, t0),
        sourcePacing: sent.pacing,
        unreadableVideoFrames: received.unreadableVideo,
        quality: received.quality,
        rejectedAudioOnsets: received.rejectedAudio,
        audioSinkBuffers: received.audioBuffers,
        audioSinkRatesHz: received.sinkRates,
        // the engine's own final counters, for auditing the derived numbers
        finalStats: { sender: rtpOnly(sent.stats.at(-1)), receiver: rtpOnly(received.stats.at(-1)) }
      }
    }
  } finally {
    await Promise.all([sender.kill(), receiver.kill()])
  }
}

async function waitConnected (peer) {
  for (;;) {
    const { state } = await peer.next('state', CONNECT_TIMEOUT_MS, 'connection')
    if (state === 'connected') return
    if (state === 'failed' || state === 'closed') throw new Error(`libwebrtc ${peer.role}: connection ${state}`)
  }
}

const rtpOnly = sample => sample?.stats.filter(s => s.type.endsWith('rtp') || (s.type === 'candidate-pair' && s.nominated))

/** The codec each outbound RTP stream actually used (not just what was negotiated). */
function codecsUsed (sample) {
  const stats = sample?.stats ?? []
  return stats.filter(s => s.type === 'outbound-rtp').map(s => ({ kind: s.kind, codec: stats.find(c => c.id === s.codecId)?.mimeType ?? null, encoder: s.encoderImplementation ?? null }))
}
