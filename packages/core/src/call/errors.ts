// Typed errors of the calls feature. `code` is stable and may cross IPC; tests match on the class.
import { FixedCodeError } from '../errors.js'
import type { CallEventType, CallStatus } from './state-machine.js'

export abstract class CallError extends FixedCodeError {}

/** An event that the call's current state does not allow; the state is unchanged. */
export class InvalidTransitionError extends CallError {
  static override readonly name = 'InvalidTransitionError'
  static readonly code = 'CALL_INVALID_TRANSITION'
  readonly from: CallStatus
  readonly event: CallEventType

  constructor (from: CallStatus, event: CallEventType, options?: ErrorOptions) {
    super(`event '${event}' is not allowed in state '${from}'`, options)
    this.from = from
    this.event = event
  }
}

/** A CallSignal does not parse, is too large, has no or several bodies, or breaks a limit. */
export class MalformedSignalError extends CallError {
  static override readonly name = 'MalformedSignalError'
  static readonly code = 'CALL_MALFORMED_SIGNAL'
}

/** A sealed frame failed authentication (forged, tampered, wrong key / header / seq, truncated). */
export class FrameAuthError extends CallError {
  static override readonly name = 'FrameAuthError'
  static readonly code = 'CALL_FRAME_AUTH'
}

/** A frame whose counter was already accepted or is older than the replay window. */
export class FrameReplayError extends CallError {
  static override readonly name = 'FrameReplayError'
  static readonly code = 'CALL_FRAME_REPLAY'
}

/** Bad arguments to the frame crypto (key or salt length, counter out of range): a local bug, not peer input. */
export class FrameArgumentError extends CallError {
  static override readonly name = 'FrameArgumentError'
  static readonly code = 'CALL_FRAME_ARGUMENT'
}

/**
 * A sealer was asked to seal with a counter not above the last one it used. Sealing would reuse a
 * nonce under the same key, which breaks ChaCha20-Poly1305 entirely, so it refuses instead.
 */
export class FrameCounterReuseError extends CallError {
  static override readonly name = 'FrameCounterReuseError'
  static readonly code = 'CALL_FRAME_COUNTER_REUSE'
}

/** Glare between two offers that cannot be told apart (same peer id and same call id). */
export class GlareUnresolvableError extends CallError {
  static override readonly name = 'GlareUnresolvableError'
  static readonly code = 'CALL_GLARE_UNRESOLVABLE'
}

/** A call id that breaks the call-ID rule (call-id.ts). */
export class InvalidCallIdError extends CallError {
  static override readonly name = 'InvalidCallIdError'
  static readonly code = 'CALL_INVALID_ID'
}
