// The call-ID rule, defined once (docs/protocol.md §3.2) and applied wherever a call id comes from a
// peer or a client or goes onto a wire: CallSignal (signal-codec.ts), the call-key derivation
// (crypto/call-keys.ts), the media stream header (node-daemon media-transport/stream-header.ts) and
// the IPC call methods (ipc/methods.ts).
//
// A call id is MIN_CALL_ID_LENGTH..MAX_CALL_ID_LENGTH characters of the base64url alphabet
// [A-Za-z0-9_-]: ASCII, so on every wire its bytes are its characters, one byte each. The daemon
// makes them from 12 random bytes in base64url (16 characters). 64 leaves room for other
// implementations while keeping the stream header, which carries the id, small and bounded.
import { MAX_CALL_ID_LENGTH, MIN_CALL_ID_LENGTH } from './constants.js'
import { InvalidCallIdError } from './errors.js'

export const CALL_ID_PATTERN = new RegExp(`^[A-Za-z0-9_-]{${MIN_CALL_ID_LENGTH},${MAX_CALL_ID_LENGTH}}$`)
/** The rule in words, for error messages. */
export const CALL_ID_RULE = `a call id is ${MIN_CALL_ID_LENGTH}..${MAX_CALL_ID_LENGTH} characters of [A-Za-z0-9_-]`

export function isCallId (value: unknown): value is string {
  return typeof value === 'string' && CALL_ID_PATTERN.test(value)
}

/** Returns the call id, or throws InvalidCallIdError. */
export function validateCallId (value: unknown): string {
  if (isCallId(value)) return value
  const what = typeof value === 'string' ? `a string of ${value.length} characters` : typeof value
  throw new InvalidCallIdError(`${CALL_ID_RULE}, got ${what}`)
}
