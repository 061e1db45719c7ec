// The call state machine: a pure function from (state, event) to the next state. The daemon keeps
// the state, feeds it local actions, decoded signals and media/timer events, and persists what
// comes out; the GUI renders it. Nothing here does I/O or reads the clock except through options.
import { InvalidTransitionError } from './errors.js'

export const CALL_STATUS = {
  idle: 'idle',
  outgoing: 'outgoing',
  ringing: 'ringing',
  connecting: 'connecting',
  connected: 'connected',
  reconnecting: 'reconnecting',
  ended: 'ended'
} as const
export type CallStatus = typeof CALL_STATUS[keyof typeof CALL_STATUS]

export const END_REASON = {
  /** The callee declined (remote Reject, or local `reject`). */
  rejected: 'rejected',
  /** The callee is in another call. */
  busy: 'busy',
  /** Nobody answered within RING_TIMEOUT_MS. */
  no_answer: 'no_answer',
  /** The caller gave up before an answer. */
  cancelled: 'cancelled',
  /** Either side hung up after the call was answered (or the remote ended it at any time). */
  hung_up: 'hung_up',
  /** A local error: key derivation, transport, codec. */
  failed: 'failed',
  /** Media did not come back within RECONNECT_TIMEOUT_MS. */
  connection_lost: 'connection_lost'
} as const
export type EndReason = typeof END_REASON[keyof typeof END_REASON]

export type CallDirection = 'in' | 'out'

export interface MuteFlags {
  readonly audio: boolean
  readonly video: boolean
}

export interface IdleCallState {
  readonly status: 'idle'
}

export interface ActiveCallState {
  readonly status: Exclude<CallStatus, 'idle'>
  readonly callId: string
  readonly peerId: string
  readonly direction: CallDirection
  /** Video is part of the call: offered, and not declined by the callee's accept / answer. */
  readonly video: boolean
  readonly startedAtMs: number
  /** First time media came up; kept across reconnects, so call duration = endedAtMs − connectedAtMs. */
  readonly connectedAtMs: number | null
  readonly endedAtMs: number | null
  readonly endReason: EndReason | null
  readonly localHold: boolean
  readonly remoteHold: boolean
  readonly localMute: MuteFlags
  readonly remoteMute: MuteFlags
}

/** `idle` carries no call; every other status carries the call's fields. */
export type CallState = IdleCallState | ActiveCallState

export const IDLE_CALL_STATE: IdleCallState = Object.freeze({ status: 'idle' })

export type CallEvent =
  /** Local user places a call. */
  | { type: 'dial', callId: string, peerId: string, video: boolean }
  /** A remote Offer arrived. */
  | { type: 'incoming', callId: string, peerId: string, video: boolean }
  /** Local user accepts; `video: false` declines the offered video (default: keep what was offered). */
  | { type: 'accept', video?: boolean }
  /** Remote Answer arrived; `video` is the Answer's (default: keep what was offered). */
  | { type: 'answered', video?: boolean }
  | { type: 'rejected' }
  | { type: 'busy' }
  | { type: 'reject' }
  | { type: 'cancel' }
  | { type: 'cancelled' }
  | { type: 'ring_timeout' }
  | { type: 'media_up' }
  | { type: 'connection_lost' }
  | { type: 'reconnect_timeout' }
  | { type: 'hangup' }
  | { type: 'remote_hangup' }
  | { type: 'failed' }
  | { type: 'hold' }
  | { type: 'resume' }
  | { type: 'remote_hold' }
  | { type: 'remote_resume' }
  /** Local mute; an omitted flag keeps its current value. */
  | { type: 'mute', audio?: boolean, video?: boolean }
  /** Remote MuteState signal: carries both flags. */
  | { type: 'remote_mute', audio: boolean, video: boolean }
export type CallEventType = CallEvent['type']

type Live = Exclude<CallStatus, 'idle' | 'ended'>
const LIVE: readonly Live[] = ['outgoing', 'ringing', 'connecting', 'connected', 'reconnecting']
/**
 * Hold and mute are allowed while connected and while reconnecting: the user's buttons must not go
 * dead during a network blip, and Hold / MuteState signals travel over the DM session, which does
 * not depend on the media connection. Not before media first comes up: there is nothing to hold yet.
 */
const IN_CALL: readonly Live[] = ['connected', 'reconnecting']

/** Which statuses each event is allowed in. Anything else throws InvalidTransitionError. */
export const ALLOWED_TRANSITIONS: Readonly<Record<CallEventType, readonly CallStatus[]>> = Object.freeze({
  dial: ['idle'],
  incoming: ['idle'],
  accept: ['ringing'],
  answered: ['outgoing'],
  rejected: ['outgoing'],
  busy: ['outgoing'],
  reject: ['ringing'],
  cancel: ['outgoing'],
  cancelled: ['ringing'],
  ring_timeout: ['outgoing', 'ringing'],
  media_up: ['connecting', 'reconnecting'],
  connection_lost: ['connected'],
  reconnect_timeout: ['reconnecting'],
  hangup: LIVE,
  remote_hangup: LIVE,
  // `idle` has no call to fail; a failure before `dial` / `incoming` is the caller's own error.
  failed: LIVE,
  hold: IN_CALL,
  resume: IN_CALL,
  remote_hold: IN_CALL,
  remote_resume: IN_CALL,
  mute: IN_CALL,
  remote_mute: IN_CALL
})

export function canTransition (status: CallStatus, event: CallEventType): boolean {
  return ALLOWED_TRANSITIONS[event].includes(status)
}

export interface TransitionOptions {
  /** Clock in ms since the epoch, read once per transition that records a time; default: Date.now. */
  now?: () => number
}

const UNMUTED: MuteFlags = Object.freeze({ audio: false, video: false })

function freeze (s: ActiveCallState): ActiveCallState {
  return Object.freeze(s)
}

function end (s: ActiveCallState, reason: EndReason, now: () => number): ActiveCallState {
  return freeze({ ...s, status: 'ended', endReason: reason, endedAtMs: now() })
}

/**
 * Next state after `event`. Pure: `state` is never modified (results are frozen), and an event not
 * allowed in `state.status` (see ALLOWED_TRANSITIONS) throws InvalidTransitionError.
 */
export function transition (state: CallState, event: CallEvent, options: TransitionOptions = {}): CallState {
  if (!canTransition(state.status, event.type)) throw new InvalidTransitionError(state.status, event.type)
  const now = options.now ?? Date.now
  if (event.type === 'dial' || event.type === 'incoming') {
    return freeze({
      status: event.type === 'dial' ? 'outgoing' : 'ringing',
      callId: event.callId,
      peerId: event.peerId,
      direction: event.type === 'dial' ? 'out' : 'in',
      video: event.video,
      startedAtMs: now(),
      connectedAtMs: null,
      endedAtMs: null,
      endReason: null,
      localHold: false,
      remoteHold: false,
      localMute: UNMUTED,
      remoteMute: UNMUTED
    })
  }
  // Every remaining event is allowed only in statuses that carry a call.
  const s = state as ActiveCallState
  switch (event.type) {
    case 'accept':
    case 'answered':
      return freeze({ ...s, status: 'connecting', video: s.video && (event.video ?? true) })
    case 'rejected':
    case 'reject':
      return end(s, END_REASON.rejected, now)
    case 'busy':
      return end(s, END_REASON.busy, now)
    case 'cancel':
    case 'cancelled':
      return end(s, END_REASON.cancelled, now)
    case 'ring_timeout':
      return end(s, END_REASON.no_answer, now)
    case 'media_up':
      return freeze({ ...s, status: 'connected', connectedAtMs: s.connectedAtMs ?? now() })
    case 'connection_lost':
      return freeze({ ...s, status: 'reconnecting' })
    case 'reconnect_timeout':
      return end(s, END_REASON.connection_lost, now)
    case 'hangup':
      // Hanging up an unanswered outgoing call is cancelling it (the peer receives a Cancel).
      return end(s, s.status === 'outgoing' ? END_REASON.cancelled : END_REASON.hung_up, now)
    case 'remote_hangup':
      return end(s, END_REASON.hung_up, now)
    case 'failed':
      return end(s, END_REASON.failed, now)
    case 'hold':
    case 'resume':
      return freeze({ ...s, localHold: event.type === 'hold' })
    case 'remote_hold':
    case 'remote_resume':
      return freeze({ ...s, remoteHold: event.type === 'remote_hold' })
    case 'mute':
      return freeze({ ...s, localMute: Object.freeze({ audio: event.audio ?? s.localMute.audio, video: event.video ?? s.localMute.video }) })
    case 'remote_mute':
      return freeze({ ...s, remoteMute: Object.freeze({ audio: event.audio, video: event.video }) })
  }
}
