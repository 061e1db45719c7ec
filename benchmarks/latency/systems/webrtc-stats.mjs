// Turns libwebrtc getStats() samples (one every 500 ms per endpoint, cumulative counters)
// into the harness's timeline, stage breakdown and concealment count.
import { quantile } from '../../lib/stats.mjs'

/** @typedef {{ atMs: number, stats: Array<Record<string, any>> }} StatsSample */

const find = (sample, type, kind) => sample?.stats.find(s => s.type === type && s.kind === kind)
const median = xs => xs.length > 0 ? round2(quantile(xs, 0.5)) : null
const round2 = x => Math.round(x * 100) / 100

/** The receiver's last inbound-rtp reports. @param {StatsSample[]} samples */
export function lastInbound (samples) {
  const s = samples.at(-1)
  return { video: find(s, 'inbound-rtp', 'video'), audio: find(s, 'inbound-rtp', 'audio') }
}

/** Δnum/Δden between successive samples (× scale), where Δden > 0: a per-interval mean. */
function intervalRatios (samples, type, kind, num, den, scale) {
  const out = []
  for (let i = 1; i < samples.length; i++) {
    const a = find(samples[i - 1], type, kind)
    const b = find(samples[i], type, kind)
    if (a?.[num] == null || b?.[num] == null || a[den] == null || b[den] == null) continue
    const d = b[den] - a[den]
    if (d > 0) out.push((b[num] - a[num]) / d * scale)
  }
  return out
}

function halfRtts (samples, kind) {
  return samples.map(s => find(s, 'remote-inbound-rtp', kind)?.roundTripTime).filter(x => typeof x === 'number').map(x => x * 1000 / 2)
}

/**
 * Medians over the run of the per-500 ms means libwebrtc's counters give. Network is half
 * the RTCP round-trip time (the path is symmetric here). Audio has no encode/decode or
 * send-delay counters in this libwebrtc: null.
 * @param {StatsSample[]} sent @param {StatsSample[]} received
 */
export function webrtcStages (sent, received) {
  return {
    video: {
      encodeMs: median(intervalRatios(sent, 'outbound-rtp', 'video', 'totalEncodeTime', 'framesEncoded', 1000)),
      sendQueueMs: median(intervalRatios(sent, 'outbound-rtp', 'video', 'totalPacketSendDelay', 'packetsSent', 1000)),
      networkMs: median(halfRtts(sent, 'video')),
      jitterBufferMs: median(intervalRatios(received, 'inbound-rtp', 'video', 'jitterBufferDelay', 'jitterBufferEmittedCount', 1000)),
      decodeMs: median(intervalRatios(received, 'inbound-rtp', 'video', 'totalDecodeTime', 'framesDecoded', 1000))
    },
    audio: {
      encodeMs: null,
      sendQueueMs: median(intervalRatios(sent, 'outbound-rtp', 'audio', 'totalPacketSendDelay', 'packetsSent', 1000)),
      networkMs: median(halfRtts(sent, 'audio')),
      jitterBufferMs: median(intervalRatios(received, 'inbound-rtp', 'audio', 'jitterBufferDelay', 'jitterBufferEmittedCount', 1000)),
      decodeMs: null
    }
  }
}

/**
 * Receiver-side bitrates (RTP payload) and picture size per 500 ms, tMs from the first sent frame.
 * @param {StatsSample[]} received @param {number} t0
 */
export function webrtcTimeline (received, t0) {
  const out = []
  for (let i = 1; i < received.length; i++) {
    const [a, b] = [received[i - 1], received[i]]
    if (b.atMs < t0) continue
    const dt = (b.atMs - a.atMs) / 1000
    const rate = kind => {
      const x = find(a, 'inbound-rtp', kind)
      const y = find(b, 'inbound-rtp', kind)
      return x && y && dt > 0 ? Math.round((y.bytesReceived - x.bytesReceived) * 8 / dt) : null
    }
    const v = find(b, 'inbound-rtp', 'video')
    out.push({ tMs: Math.round(b.atMs - t0), videoBps: rate('video'), audioBps: rate('audio'), width: v?.frameWidth ?? null, height: v?.frameHeight ?? null })
  }
  return out
}

/**
 * Concealed audio in 20 ms frames over the measured window (from the first sample at or
 * after fromMs to the last): libwebrtc counts concealed samples at 48 kHz.
 * @param {StatsSample[]} received @param {number} fromMs
 */
export function webrtcConcealedFrames (received, fromMs) {
  const first = received.find(s => s.atMs >= fromMs && find(s, 'inbound-rtp', 'audio') != null)
  const last = find(received.at(-1), 'inbound-rtp', 'audio')
  const start = find(first, 'inbound-rtp', 'audio')
  if (start?.concealedSamples == null || last?.concealedSamples == null) return null
  return Math.round((last.concealedSamples - start.concealedSamples) / 960)
}

/**
 * Audio the jitter buffer (NetEq) made up or time-stretched over the measured window, ms:
 * concealedSamples (PLC), and insertedSamplesForDeceleration + removedSamplesForAcceleration
 * (stretching to grow or shrink the buffer). Counters are samples at 48 kHz (Opus).
 * @param {StatsSample[]} received @param {number} fromMs
 */
export function webrtcConcealment (received, fromMs) {
  const first = find(received.find(s => s.atMs >= fromMs && find(s, 'inbound-rtp', 'audio') != null), 'inbound-rtp', 'audio')
  const last = find(received.at(-1), 'inbound-rtp', 'audio')
  const ms = key => first?.[key] == null || last?.[key] == null ? null : Math.round((last[key] - first[key]) / 48)
  const inserted = ms('insertedSamplesForDeceleration')
  const removed = ms('removedSamplesForAcceleration')
  // silentConcealedSamples (part of concealedSamples): concealment while the stream was silent, kept apart for auditing
  return { concealedMs: ms('concealedSamples'), silentConcealedMs: ms('silentConcealedSamples'), stretchedMs: inserted == null && removed == null ? null : (inserted ?? 0) + (removed ?? 0), insertedMs: inserted, removedMs: removed }
}

/**
 * What the sender's congestion control and encoder did: send rate, resolution, estimate.
 * @param {StatsSample[]} sent @param {number} t0
 */
export function webrtcSenderTrace (sent, t0) {
  const out = []
  for (let i = 1; i < sent.length; i++) {
    const [a, b] = [sent[i - 1], sent[i]]
    if (b.atMs < t0) continue
    const x = find(a, 'outbound-rtp', 'video')
    const y = find(b, 'outbound-rtp', 'video')
    const pair = b.stats.find(s => s.type === 'candidate-pair' && s.nominated)
    const dt = (b.atMs - a.atMs) / 1000
    out.push({
      tMs: Math.round(b.atMs - t0),
      videoSentBps: x && y && dt > 0 ? Math.round((y.bytesSent - x.bytesSent) * 8 / dt) : null,
      width: y?.frameWidth ?? null,
      height: y?.frameHeight ?? null,
      fps: y?.framesPerSecond ?? null,
      qualityLimitationReason: y?.qualityLimitationReason ?? null,
      availableOutgoingBitrate: pair?.availableOutgoingBitrate ?? null
    })
  }
  return out
}
