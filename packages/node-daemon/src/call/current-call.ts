// What the call service keeps about the current call beyond the core state machine, and
// how a call is shown to IPC clients.
import type { Multiaddr } from '@multiformats/multiaddr'
import type { ActiveCallState, EndReason } from '@parley/core/call/index'
import type { CallInfo } from '@parley/core/ipc'
import type { Recorder } from '../media-transport/media-io.js'
import type { MediaSession } from '../media-transport/media-session.js'

export interface CurrentCall {
  keySalt: Uint8Array
  exporterSecret: Uint8Array | null
  unknown: boolean
  audioSource?: string
  videoSource?: string
  durationS?: number
  media?: MediaSession
  recorder?: Recorder
  timers: NodeJS.Timeout[]
  muted: boolean
  videoOn: boolean
  /** Where the peer's daemon listens (as last reached): probed when the peer goes silent. */
  peerAddrs?: Multiaddr[]
}

export interface CallSources { audioSource?: string, videoSource?: string, durationS?: number }

/** The sources and duration the user gave, without undefined fields. */
export function pickSources (o: CallSources): Partial<CurrentCall> {
  const out: Partial<CurrentCall> = {}
  if (o.audioSource != null) out.audioSource = o.audioSource
  if (o.videoSource != null) out.videoSource = o.videoSource
  if (o.durationS != null) out.durationS = o.durationS
  return out
}

export function callInfo (s: ActiveCallState, cur: CurrentCall | null): CallInfo {
  return {
    callId: s.callId,
    peerId: s.peerId,
    direction: s.direction,
    state: s.status,
    video: s.video,
    unknownCaller: cur?.unknown ?? false,
    startedAt: s.startedAtMs,
    connectedAt: s.connectedAtMs,
    endedAt: s.endedAtMs,
    endReason: s.endReason as EndReason | null,
    muted: s.localMute.audio,
    videoOn: cur?.videoOn ?? s.video,
    onHold: s.localHold,
    remoteHold: s.remoteHold
  }
}
