// The result of `call.stats`, typed field by field, and its check. The daemon's media session
// builds `CallMediaStats`; the call service adds the call's id, state and duration and the
// /media WebSocket's counters. Clients validate what they receive with `parseCallStats`, so a
// renamed or retyped field fails the GUI's compile, and a daemon that sends another shape
// fails with a typed error (InvalidResultError, IPC_INVALID_RESULT) instead of NaNs on screen.
// No zod here: the GUI imports this file (see result-check.ts).
import type { CallStatus } from '../call/state-machine.js'
import { literal, nullable, num, numOrNull, object, oneOf, optional, str } from './result-check.js'
import type { Check, Fields } from './result-check.js'

/**
 * What audio and video both report. Bitrates are over the last report interval (500 ms);
 * stage times are medians (ms) over recent frames: latencyMs from capture to playout, encodeMs
 * at the sender, transitMs from capture to arrival at the receiver (encode, send queue and
 * network, clock-offset corrected), decodeMs at the receiver. A median is null while there
 * are no samples.
 */
export interface FlowStats {
  bitrateSentBps: number
  bitrateReceivedBps: number
  latencyMs: number | null
  encodeMs: number | null
  transitMs: number | null
  decodeMs: number | null
}

/** Counts are since the media started. */
export interface AudioStats extends FlowStats {
  sent: number
  received: number
  decoded: number
  concealed: number
  late: number
  lost: number
  jitterBufferMs: number
  jitterTargetMs: number
  jitterMs: number
}

/** Counts as for audio; width × height and fps are what the encoder sends now (0 while it sends nothing). */
export interface VideoStats extends FlowStats {
  sent: number
  dropped: number
  received: number
  decoded: number
  keyframeRequests: number
  width: number
  height: number
  fps: number
}

/** The sender's ABR: its last decision and the bytes its send queues hold. */
export interface AbrStats {
  audioBps: number
  /** Index into the video ladder, or null when video is paused. */
  videoRung: number | null
  /** Expected loss Opus FEC is configured for (percent). */
  fecLossPercent: number
  reason: string
  queuedBytes: number
}

/** The QUIC path as the transport sees it, over the last report interval. */
export interface TransportStats {
  /** Smoothed RTT, null until measured. */
  rttMs: number | null
  /** Packets lost ÷ sent, before retransmission. */
  lossFraction: number
  sentPackets: number
  lostPackets: number
  congestionEvents: number
}

/** The peer's last receiver report (its control stream, docs/protocol.md §4). */
export interface ReceiverReportStats {
  type: 'report'
  /** The sender's clock (ms) of the newest frame counted. */
  atMs: number
  audio: { received: number, lost: number, late: number, concealed: number, jitterMs: number, playoutDelayMs: number }
  video: { received: number, lost: number, framesDecoded: number, keyframeRequests: number }
  /** Slope of one-way delay over the interval (ms per s); > 0 means a queue is building. */
  owdTrendMsPerS: number
  /** Median one-way delay over the interval above the call's minimum (ms). */
  owdExcessMs?: number
  /** Median capture → decode latency (ms), if the clocks are comparable. */
  frameLatencyMs: number | null
  bytesReceived: number
}

/** Everything one call's media session measures. */
export interface CallMediaStats {
  /** Application-level RTT from the control stream's ping/pong. */
  rttMs: number | null
  audio: AudioStats
  video: VideoStats
  /** Frames that failed authentication (dropped). */
  forgedFrames: number
  /** Redundant audio copies and replays, dropped by the replay window. */
  duplicateFrames: number
  abr: AbrStats
  /** Null over TCP (no QUIC path statistics). */
  transport: TransportStats | null
  remote: ReceiverReportStats | null
}

/** The /media WebSocket: clients, frames in and out, frames dropped for slow clients, bad frames. */
export interface LiveMediaStats {
  clients: number
  audioIn: number
  videoIn: number
  audioOut: number
  videoOut: number
  /** Decoded frames not sent to a slow client. */
  droppedOut: number
  /** Malformed messages; each closed its socket. */
  badFrames: number
  /** Captured frames ignored because another client is the current source of that kind. */
  ignoredIn: number
}

/** The result of `call.stats`: the media session's numbers with the call's id, state and duration. */
export interface CallStatsResult extends CallMediaStats {
  callId: string
  state: Exclude<CallStatus, 'idle'>
  /** Connected time so far (0 before connected). */
  durationMs: number
  /** Present when the daemon runs the /media WebSocket. */
  live?: LiveMediaStats
}

const flowFields: Fields<FlowStats> = {
  bitrateSentBps: num, bitrateReceivedBps: num, latencyMs: numOrNull, encodeMs: numOrNull, transitMs: numOrNull, decodeMs: numOrNull
}
const audioFields: Fields<AudioStats> = {
  ...flowFields, sent: num, received: num, decoded: num, concealed: num, late: num, lost: num, jitterBufferMs: num, jitterTargetMs: num, jitterMs: num
}
const videoFields: Fields<VideoStats> = {
  ...flowFields, sent: num, dropped: num, received: num, decoded: num, keyframeRequests: num, width: num, height: num, fps: num
}
const abrFields: Fields<AbrStats> = { audioBps: num, videoRung: numOrNull, fecLossPercent: num, reason: str, queuedBytes: num }
const transportFields: Fields<TransportStats> = { rttMs: numOrNull, lossFraction: num, sentPackets: num, lostPackets: num, congestionEvents: num }
const reportFields: Fields<ReceiverReportStats> = {
  type: literal('report'),
  atMs: num,
  audio: object({ received: num, lost: num, late: num, concealed: num, jitterMs: num, playoutDelayMs: num }),
  video: object({ received: num, lost: num, framesDecoded: num, keyframeRequests: num }),
  owdTrendMsPerS: num,
  owdExcessMs: optional(num),
  frameLatencyMs: numOrNull,
  bytesReceived: num
}
const liveFields: Fields<LiveMediaStats> = {
  clients: num, audioIn: num, videoIn: num, audioOut: num, videoOut: num, droppedOut: num, badFrames: num, ignoredIn: num
}
const report = nullable(object(reportFields))
const mediaFields: Fields<CallMediaStats> = {
  rttMs: numOrNull,
  audio: object(audioFields),
  video: object(videoFields),
  forgedFrames: num,
  duplicateFrames: num,
  abr: object(abrFields),
  transport: nullable(object(transportFields)),
  remote: report
}
/** A call's states once it exists; `satisfies` holds the list to CallStatus (type-only: the state machine stays out of the GUI bundle). */
const CALL_STATES = { outgoing: true, ringing: true, connecting: true, connected: true, reconnecting: true, ended: true } satisfies Record<Exclude<CallStatus, 'idle'>, true>
const LIVE_STATES = Object.keys(CALL_STATES) as Array<keyof typeof CALL_STATES>
const resultFields: Fields<CallStatsResult> = {
  callId: str,
  state: oneOf(LIVE_STATES),
  durationMs: num,
  rttMs: mediaFields.rttMs,
  audio: mediaFields.audio,
  video: mediaFields.video,
  forgedFrames: mediaFields.forgedFrames,
  duplicateFrames: mediaFields.duplicateFrames,
  abr: mediaFields.abr,
  transport: mediaFields.transport,
  remote: mediaFields.remote,
  live: optional(object(liveFields))
}

const checkMediaStats: Check<CallMediaStats> = object(mediaFields)
const checkCallStats: Check<CallStatsResult> = object(resultFields)

/** The checked `call.stats` result (only its declared fields); throws InvalidResultError. */
export function parseCallStats (value: unknown): CallStatsResult {
  return checkCallStats(value, 'call.stats')
}

/** The checked media part alone; throws InvalidResultError. */
export function parseCallMediaStats (value: unknown): CallMediaStats {
  return checkMediaStats(value, 'media stats')
}

/** The stats of a call whose media has not started: every count 0, every median null. */
export function emptyCallMediaStats (): CallMediaStats {
  const flow: FlowStats = { bitrateSentBps: 0, bitrateReceivedBps: 0, latencyMs: null, encodeMs: null, transitMs: null, decodeMs: null }
  return {
    rttMs: null,
    audio: { ...flow, sent: 0, received: 0, decoded: 0, concealed: 0, late: 0, lost: 0, jitterBufferMs: 0, jitterTargetMs: 0, jitterMs: 0 },
    video: { ...flow, sent: 0, dropped: 0, received: 0, decoded: 0, keyframeRequests: 0, width: 0, height: 0, fps: 0 },
    forgedFrames: 0,
    duplicateFrames: 0,
    abr: { audioBps: 0, videoRung: null, fecLossPercent: 0, reason: 'no media yet', queuedBytes: 0 },
    transport: null,
    remote: null
  }
}
