// The `gui-webrtc` baseline's page: an empty page the harness serves on 127.0.0.1, and the
// WebRTC call code it runs (installBaseline, evaluated in the page by Playwright). Capture
// uses the same microphone constraints as Parley's GUI (packages/gui/src/media/devices.ts:
// mono, echo cancellation, noise suppression, gain control) and asks the camera for the
// source's own size, as a WebRTC app would. The remote picture plays in a <video> element
// (the probe reads each presented frame), its sound through the same element and the probe's tap.
// Signalling and SDP munging happen in the harness (gui-webrtc.mjs, sdp.mjs).

export const BASELINE_PAGE_HTML = '<!doctype html><meta charset="utf-8"><title>WebRTC baseline</title><video id="remote" playsinline autoplay></video>'

/** Runs in the page. @param {{ role: 'sender' | 'receiver', video: { width: number, height: number, fps: number } }} o */
export async function installBaseline ({ role, video }) {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    video: role === 'sender' ? { width: { ideal: video.width }, height: { ideal: video.height }, frameRate: { ideal: video.fps } } : false
  })
  const pc = new RTCPeerConnection({ iceServers: [], bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' })
  // B's microphone is muted (a disabled track sends silence), as gui-parley's B mutes: both
  // pages' fake microphones play the same file, and A would play B's copy of the markers
  if (role === 'receiver') for (const t of stream.getAudioTracks()) t.enabled = false
  for (const t of stream.getTracks()) pc.addTrack(t, stream)
  const el = /** @type {HTMLVideoElement} */ (document.getElementById('remote'))
  let playing = false
  pc.ontrack = (ev) => {
    const remote = ev.streams[0] ?? new MediaStream([ev.track])
    if (el.srcObject !== remote) { el.srcObject = remote; el.play().catch(() => {}) }
    if (ev.track.kind === 'video') { window.__benchProbe.watchVideo(el); playing = true }
    if (ev.track.kind === 'audio') window.__benchProbe.tapStream(new MediaStream([ev.track]))
  }
  const samples = []
  let statsTimer = null
  const statsNow = async () => {
    const out = []
    ;(await pc.getStats()).forEach(s => { if (['inbound-rtp', 'outbound-rtp', 'remote-inbound-rtp', 'candidate-pair', 'transport', 'codec'].includes(s.type)) out.push({ ...s }) })
    return { atMs: performance.timeOrigin + performance.now(), stats: out }
  }
  const gathered = () => pc.iceGatheringState === 'complete'
    ? Promise.resolve()
    : new Promise(resolve => pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') resolve() }))
  const until = (ok, ms, what) => new Promise((resolve, reject) => {
    const t0 = performance.now()
    const tick = () => {
      if (pc.connectionState === 'failed' || pc.connectionState === 'closed') return reject(new Error(`${role}: connection ${pc.connectionState}`))
      if (ok()) return resolve(true)
      if (performance.now() - t0 > ms) return reject(new Error(`${role}: no ${what} within ${ms} ms (connection ${pc.connectionState})`))
      setTimeout(tick, 50)
    }
    tick()
  })
  window.__baseline = {
    createOffer: async () => (await pc.createOffer()).sdp,
    createAnswer: async () => (await pc.createAnswer()).sdp,
    /** Sets our description and returns it with all candidates gathered. */
    setLocal: async (type, sdp) => { await pc.setLocalDescription({ type, sdp }); await gathered(); return pc.localDescription.sdp },
    setRemote: async (type, sdp) => { await pc.setRemoteDescription({ type, sdp }) },
    addCandidate: async (candidate) => { await pc.addIceCandidate({ candidate, sdpMid: '0', sdpMLineIndex: 0 }) },
    connected: (ms) => until(() => pc.connectionState === 'connected', ms, 'connection'),
    playing: (ms) => until(() => playing, ms, 'remote video'),
    startStats: () => { statsTimer = setInterval(() => { statsNow().then(s => samples.push(s), () => {}) }, 500) },
    stopStats: async () => { clearInterval(statsTimer); samples.push(await statsNow()); return samples }
  }
}
