// The numbers of one call's media: what the stats show (`call.stats`), and the receiver
// report each side sends every REPORT_INTERVAL_MS for the peer's ABR. Bitrates are taken
// over the last report interval; the one-way-delay trend counts only once a queue has
// actually formed, because on a busy CPU the slope over 500 ms is noisy even when nothing
// is queued.
import type { CallMediaStats, TransportStats } from '@parley/core/ipc'
import type { QuicPathStats } from '../p2p/quic-stats.js'
import { VIDEO_LADDER } from './abr.js'
import type { AbrController, AbrDecision } from './abr.js'
import type { AudioSendPipeline } from './audio-send.js'
import { OWD_QUEUE_MIN_EXCESS_MS } from './constants.js'
import type { ControlChannel } from './control-channel.js'
import type { ReceiverReport } from './control.js'
import type { ReceivePipeline } from './receive.js'
import { median, slope } from './samples.js'
import type { VideoSendPipeline } from './video-send.js'

export interface SessionParts {
  audio: AudioSendPipeline
  video: VideoSendPipeline
  receive: ReceivePipeline
  control: ControlChannel
  abr: AbrController
  pathStats: () => QuicPathStats | null
}

interface ByteTotals { at: number, aSent: number, vSent: number, aRecv: number, vRecv: number }

export class SessionStats {
  /** QUIC path statistics of the call's connection, over the last report interval. */
  transport: TransportStats | null = null
  /** The peer's last receiver report. */
  remote: ReceiverReport | null = null
  private prevPath: QuicPathStats | null = null
  private prev: ByteTotals
  private rates = { aSent: 0, vSent: 0, aRecv: 0, vRecv: 0 }
  private minOwdMs = Number.POSITIVE_INFINITY

  constructor (private readonly p: SessionParts, nowMs: number) {
    this.prev = { at: nowMs, ...this.totals() }
  }

  /** The first report interval starts now (when media starts, not when the session was made). */
  begin (nowMs: number): void { this.prev = { at: nowMs, ...this.totals() } }

  /** Bytes the send queues hold now (both kinds). */
  queuedBytes (): number { return this.p.audio.queuedBytes() + this.p.video.queuedBytes() }

  /** Samples the path and the rates, and returns this interval's receiver report. */
  report (now: number): ReceiverReport {
    this.samplePath()
    const { receive } = this.p
    const c = receive.counters
    const jb = receive.playout.buffer.stats()
    const dt = Math.max(1, now - this.prev.at) / 1000
    const t = this.totals()
    this.rates = { aSent: (t.aSent - this.prev.aSent) * 8 / dt, vSent: (t.vSent - this.prev.vSent) * 8 / dt, aRecv: (t.aRecv - this.prev.aRecv) * 8 / dt, vRecv: (t.vRecv - this.prev.vRecv) * 8 / dt }
    this.prev = { at: now, ...t }
    const owd = receive.owd
    receive.owd = []
    for (const [, d] of owd) this.minOwdMs = Math.min(this.minOwdMs, d)
    const excess = (median(owd.map(p => p[1])) ?? this.minOwdMs) - this.minOwdMs
    return {
      type: 'report',
      atMs: now,
      // lost = never arrived (a gap in the sequence numbers), what the sender's ABR reads as
      // network loss; frames that came after their playout deadline are `late`, not lost
      audio: { received: c.aRecv, lost: receive.audioLoss.lost, late: jb.late, concealed: c.aConcealed, jitterMs: jb.jitterMs, playoutDelayMs: jb.currentDelayMs },
      // video lost also counts frames the sender dropped when their stream backed up: the
      // receiver cannot tell them apart, and either way the picture waits for a keyframe
      video: { received: c.vRecv, lost: receive.videoLoss.lost, framesDecoded: c.vDecoded, keyframeRequests: receive.assembler.stats().keyframeRequests },
      owdTrendMsPerS: excess > OWD_QUEUE_MIN_EXCESS_MS ? slope(owd) : 0,
      owdExcessMs: Number.isFinite(excess) ? Math.max(0, excess) : 0,
      frameLatencyMs: receive.latency.audio.median(),
      bytesReceived: c.aBytesRecv + c.vBytesRecv
    }
  }

  /** The ABR's input from the peer's report: loss since the previous report, delay trend, RTT, queue. */
  abrInput (r: ReceiverReport, nowMs: number): Parameters<AbrController['update']>[0] {
    const prev = this.remote
    this.remote = r
    const received = r.audio.received - (prev?.audio.received ?? 0)
    const lost = Math.max(0, r.audio.lost - (prev?.audio.lost ?? 0))
    const path = this.transport
    return {
      nowMs,
      loss: received + lost > 0 ? lost / (received + lost) : 0,
      owdTrendMsPerS: r.owdTrendMsPerS,
      ...(r.owdExcessMs != null ? { owdExcessMs: r.owdExcessMs } : {}),
      // the QUIC engine's smoothed RTT when the connection is QUIC: no event-loop delay in it
      rttMs: path?.rttMs ?? this.p.control.rttMs,
      ...(path != null ? { transportLoss: path.lossFraction, rttFromTransport: path.rttMs != null } : {}),
      queuedBytes: this.queuedBytes()
    }
  }

  snapshot (): CallMediaStats {
    const { audio, video, receive, abr } = this.p
    const c = receive.counters
    const jb = receive.playout.buffer.stats()
    const rung = abr.last.videoRung != null ? VIDEO_LADDER[abr.last.videoRung] : undefined
    return {
      rttMs: this.p.control.rttMs,
      audio: {
        sent: audio.sent, received: c.aRecv, decoded: c.aDecoded, concealed: c.aConcealed,
        late: jb.late, lost: jb.lost, jitterBufferMs: jb.currentDelayMs, jitterTargetMs: jb.targetDelayMs, jitterMs: jb.jitterMs,
        bitrateSentBps: this.rates.aSent, bitrateReceivedBps: this.rates.aRecv, latencyMs: receive.latency.audio.median(),
        encodeMs: audio.encodeMs.median(), transitMs: receive.stages.aTransit.median(), decodeMs: receive.stages.aDecode.median()
      },
      video: {
        sent: video.sent, dropped: video.dropped, received: c.vRecv, decoded: c.vDecoded,
        keyframeRequests: receive.assembler.stats().keyframeRequests,
        width: video.width, height: video.height, fps: rung?.fps ?? 0,
        bitrateSentBps: this.rates.vSent, bitrateReceivedBps: this.rates.vRecv, latencyMs: receive.latency.video.median(),
        encodeMs: video.encodeMs.median(), transitMs: receive.stages.vTransit.median(), decodeMs: receive.stages.vDecode.median()
      },
      forgedFrames: c.forged,
      duplicateFrames: c.duplicates,
      abr: { ...abr.last, queuedBytes: this.queuedBytes() },
      transport: this.transport,
      remote: this.remote
    }
  }

  private totals (): Omit<ByteTotals, 'at'> {
    const c = this.p.receive.counters
    return { aSent: this.p.audio.bytesSent, vSent: this.p.video.bytesSent, aRecv: c.aBytesRecv, vRecv: c.vBytesRecv }
  }

  /** The QUIC engine's view of the path over the last interval: smoothed RTT and loss before retransmission. */
  private samplePath (): void {
    const q = this.p.pathStats()
    if (q == null) { this.transport = null; this.prevPath = null; return }
    const p = this.prevPath
    const sent = p != null && q.sentPackets >= p.sentPackets ? q.sentPackets - p.sentPackets : 0
    const lost = p != null && q.lostPackets >= p.lostPackets ? q.lostPackets - p.lostPackets : 0
    this.prevPath = q
    this.transport = {
      rttMs: Number.isFinite(q.rttMs) ? q.rttMs : null,
      lossFraction: sent > 0 ? Math.min(1, lost / sent) : 0,
      sentPackets: q.sentPackets,
      lostPackets: q.lostPackets,
      congestionEvents: q.congestionEvents
    }
  }
}
