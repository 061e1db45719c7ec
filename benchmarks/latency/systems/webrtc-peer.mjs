// One libwebrtc endpoint (child process of webrtc.mjs): the sender pushes the content
// frames into RTCVideoSource/RTCAudioSource in real time, the receiver timestamps what
// RTCVideoSink/RTCAudioSink hand out and reads the content ids. Signalling is IPC with the
// parent, which decides which candidates each side gets (the relay's address only).
import wrtc from '@roamhq/wrtc'
import { AudioMarkerDetector, audioFrame, createVideoContent, markerOfFrame, readVideoId, AUDIO_FRAME_MS, AUDIO_FRAME_SAMPLES, SAMPLE_RATE_HZ } from '../content.mjs'
import { AudioSimilarityTracker, VideoQualityRecorder } from '../quality.mjs'
import { preferVp9, udpHostCandidate, stripCandidates } from './sdp.mjs'

const { RTCPeerConnection, nonstandard: { RTCAudioSink, RTCAudioSource, RTCVideoSink, RTCVideoSource } } = wrtc
const now = () => performance.timeOrigin + performance.now()
const send = msg => process.send(msg)
const STATS_EVERY_MS = 500

let role
let params
let pc
const statsSamples = []
let statsTimer = null

async function gathered () {
  if (pc.iceGatheringState === 'complete') return
  await new Promise(resolve => {
    pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') resolve() })
  })
}

/** Signalling: our description without candidates, plus our one loopback UDP candidate. */
async function describe (desc) {
  await pc.setLocalDescription(desc)
  await gathered()
  const sdp = pc.localDescription.sdp
  const cand = udpHostCandidate(sdp)
  if (cand === null) throw new Error(`${role}: no UDP host candidate on 127.0.0.1 in\n${sdp}`)
  return { sdp: stripCandidates(sdp), candidate: cand.candidate, port: cand.port, type: desc.type }
}

/** getStats() as a plain array of the report types we use. */
async function statsNow () {
  const report = await pc.getStats()
  const out = []
  report.forEach(s => { if (['inbound-rtp', 'outbound-rtp', 'remote-inbound-rtp', 'candidate-pair', 'transport', 'codec'].includes(s.type)) out.push({ ...s }) })
  return { atMs: now(), stats: out }
}

function startStats () {
  statsTimer = setInterval(() => { statsNow().then(s => statsSamples.push(s), () => {}) }, STATS_EVERY_MS)
}

// ---- sender --------------------------------------------------------------------------

const sender = {
  video: null,
  audio: null,
  sent: { video: [], audio: [] },
  /** how late each handover was against its real-time due time (ms): the source's own jitter */
  late: [],
  onFrameMs: [],
  async init () {
    this.video = new RTCVideoSource({ isScreencast: false })
    this.audio = new RTCAudioSource()
    const stream = new wrtc.MediaStream()
    pc.addTrack(this.video.createTrack(), stream)
    pc.addTrack(this.audio.createTrack(), stream)
    const offer = await pc.createOffer()
    return await describe({ type: 'offer', sdp: preferVp9(offer.sdp, { startBitrateKbps: Math.round(params.video.startBitrateBps / 1000) }) })
  },
  /** Real-time pacing from t0; a late tick sends what is due at once (never skips content). */
  start () {
    const { width, height, fps } = params.video
    const content = createVideoContent({ width, height })
    const half = AUDIO_FRAME_SAMPLES / 2
    const t0 = performance.now() + 50
    let vi = 0
    let ai = 0
    let nextVideo = content.frame(0)
    const frameMs = 1000 / fps
    const endAt = t0 + params.durationMs
    const tick = () => {
      const t = performance.now()
      while (t0 + ai * AUDIO_FRAME_MS <= t && t0 + ai * AUDIO_FRAME_MS < endAt) {
        const pcm = audioFrame(ai)
        const at = now()
        this.late.push(performance.now() - (t0 + ai * AUDIO_FRAME_MS))
        // libwebrtc takes 10 ms per call: both halves of the 20 ms content frame at once,
        // so it gets its input in the same 20 ms blocks as Parley
        this.audio.onData({ samples: pcm.slice(0, half), sampleRate: SAMPLE_RATE_HZ, bitsPerSample: 16, channelCount: 1, numberOfFrames: half })
        this.audio.onData({ samples: pcm.slice(half), sampleRate: SAMPLE_RATE_HZ, bitsPerSample: 16, channelCount: 1, numberOfFrames: half })
        const m = markerOfFrame(ai)
        if (m !== null) this.sent.audio.push({ id: m, atMs: at })
        ai++
      }
      if (t0 + vi * frameMs <= t && t0 + vi * frameMs < endAt) {
        const at = now()
        this.late.push(performance.now() - (t0 + vi * frameMs))
        const c0 = performance.now()
        this.video.onFrame({ width, height, data: new Uint8ClampedArray(nextVideo.data.buffer, nextVideo.data.byteOffset, nextVideo.data.byteLength) })
        this.onFrameMs.push(performance.now() - c0)
        this.sent.video.push({ id: vi, atMs: at })
        if (vi === 0) send({ type: 'started', atMs: at })
        vi++
        // drawn now, handed over at its due time: drawing is not part of the latency
        nextVideo = content.frame(vi)
      }
      if (t >= endAt) { this.finish(); return }
      const due = Math.min(t0 + ai * AUDIO_FRAME_MS, t0 + vi * frameMs)
      setTimeout(tick, Math.max(0, due - performance.now()))
    }
    setTimeout(tick, 50)
    startStats()
  },
  async finish () {
    clearInterval(statsTimer)
    statsSamples.push(await statsNow())
    const q = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? Math.round(s[Math.floor((s.length - 1) * p)] * 10) / 10 : null }
    const pacing = { lateP50Ms: q(this.late, 0.5), lateP99Ms: q(this.late, 0.99), lateMaxMs: q(this.late, 1), onFrameP50Ms: q(this.onFrameMs, 0.5), onFrameMaxMs: q(this.onFrameMs, 1) }
    send({ type: 'sent', video: this.sent.video, audio: this.sent.audio, stats: statsSamples, pacing })
  }
}

// ---- receiver ------------------------------------------------------------------------

const receiver = {
  received: { video: [], audio: [] },
  unreadable: 0,
  sinks: [],
  detector: null,
  quality: null,
  similarity: new AudioSimilarityTracker(),
  audioBuffers: 0,
  sinkRates: new Set(),
  async init () {
    pc.addEventListener('track', e => this.onTrack(e.track))
    return null
  },
  onTrack (track) {
    const { width, height } = params.video
    this.quality ??= new VideoQualityRecorder(params.video, params.durationMs)
    if (track.kind === 'video') {
      const sink = new RTCVideoSink(track)
      sink.onframe = ({ frame }) => {
        const at = now()
        const id = readVideoId(frame, width, height)
        if (id === null) { this.unreadable++; return }
        const rec = { id, atMs: at, width: frame.width, height: frame.height }
        this.received.video.push(rec)
        this.quality.keep(rec, frame.data, frame.width, frame.height)
      }
      this.sinks.push(sink)
    } else {
      const sink = new RTCAudioSink(track)
      sink.ondata = d => {
        const at = now()
        this.detector ??= new AudioMarkerDetector({ sampleRate: d.sampleRate })
        this.sinkRates.add(d.sampleRate)
        this.audioBuffers++
        let pcm = d.samples
        if (d.channelCount > 1) pcm = pcm.filter((_, i) => i % d.channelCount === 0)
        this.similarity.push(pcm, d.sampleRate)
        for (const mk of this.detector.push(pcm, at, d.sampleRate)) {
          this.similarity.track(mk)
          delete mk.onsetSample
          this.received.audio.push(mk)
        }
      }
      this.sinks.push(sink)
    }
    send({ type: 'track', kind: track.kind })
  },
  start () { startStats() },
  async finish () {
    clearInterval(statsTimer)
    for (const s of this.sinks) s.stop()
    statsSamples.push(await statsNow())
    // the parent's CPU sampling ended with the sender's last frame: scoring is not counted
    const quality = this.quality?.score() ?? null
    send({
      type: 'received',
      quality,
      video: this.received.video,
      audio: this.received.audio,
      unreadableVideo: this.unreadable,
      rejectedAudio: this.detector?.rejected ?? 0,
      audioBuffers: this.audioBuffers,
      sinkRates: [...this.sinkRates],
      stats: statsSamples
    })
  }
}

const endpoint = () => role === 'sender' ? sender : receiver

// the harness died or gave up on us: don't linger as an orphan holding a UDP port
process.on('disconnect', () => process.exit(0))

// one message at a time: a candidate must not overtake the description it belongs to
let queue = Promise.resolve()
process.on('message', msg => {
  queue = queue.then(() => handle(msg)).catch(err => send({ type: 'error', message: err.stack ?? String(err) }))
})

async function handle (msg) {
  switch (msg.type) {
    case 'init': {
      role = msg.role
      params = msg.params
      pc = new RTCPeerConnection({ iceServers: [], bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' })
      pc.addEventListener('connectionstatechange', () => send({ type: 'state', state: pc.connectionState }))
      const offer = await endpoint().init()
      send({ type: 'ready', offer })
      break
    }
    case 'offer': {
      await pc.setRemoteDescription({ type: 'offer', sdp: msg.sdp })
      const answer = await pc.createAnswer()
      const startBitrateKbps = Math.round(params.video.startBitrateBps / 1000)
      send({ type: 'answer', answer: await describe({ type: 'answer', sdp: preferVp9(answer.sdp, { startBitrateKbps }) }) })
      break
    }
    case 'answer':
      await pc.setRemoteDescription({ type: 'answer', sdp: msg.sdp })
      break
    case 'candidate':
      await pc.addIceCandidate({ candidate: msg.candidate, sdpMid: msg.sdpMid, sdpMLineIndex: msg.sdpMLineIndex })
      break
    case 'start':
      endpoint().start()
      break
    case 'stop':
      await endpoint().finish()
      break
    case 'close':
      pc.close()
      process.exit(0)
  }
}
