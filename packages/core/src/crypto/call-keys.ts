// Per-call media keys. Both ends take the exporter secret of the same ratchet message (the call
// offer: returned by ratchetEncrypt for the caller and ratchetDecrypt for the callee), so they
// agree on it even while their root keys are momentarily out of step.
import { hkdf } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { CALL_ID_RULE, isCallId } from '../call/call-id.js'
import { concatBytes, utf8 } from './bytes.js'
import { DM_KEY_BYTES, DM_LABELS } from './constants.js'
import { BadStateError } from './errors.js'

export type CallRole = 'caller' | 'callee'

export interface CallKeys {
  /** Key for media this side sends. */
  sendKey: Uint8Array
  /** Key for media this side receives. */
  recvKey: Uint8Array
  callerToCallee: Uint8Array
  calleeToCaller: Uint8Array
}

const ZERO_SALT = new Uint8Array(DM_KEY_BYTES)

/**
 * HKDF-SHA-256(salt = 0^32, ikm = exporterSecret, info = DM_LABELS.callKeys || u8 len(callId) || callId, 64)
 * → callerToCallee (32) || calleeToCaller (32). One key per direction, so the two senders never
 * share a key (and frame-nonce) space.
 */
export function deriveCallKeys (exporterSecret: Uint8Array, callId: Uint8Array | string, role: CallRole): CallKeys {
  if (exporterSecret.length !== DM_KEY_BYTES) throw new BadStateError('exporter secret must be 32 bytes')
  // Call ids are ASCII (call/call-id.ts), so the bytes are valid exactly when their text is.
  const text = typeof callId === 'string' ? callId : new TextDecoder().decode(callId)
  if (!isCallId(text)) throw new BadStateError(CALL_ID_RULE)
  const id = typeof callId === 'string' ? utf8(callId) : callId
  const info = concatBytes(utf8(DM_LABELS.callKeys), Uint8Array.of(id.length), id)
  const okm = hkdf(sha256, exporterSecret, ZERO_SALT, info, 2 * DM_KEY_BYTES)
  const callerToCallee = okm.slice(0, DM_KEY_BYTES)
  const calleeToCaller = okm.slice(DM_KEY_BYTES)
  return role === 'caller'
    ? { sendKey: callerToCallee, recvKey: calleeToCaller, callerToCallee, calleeToCaller }
    : { sendKey: calleeToCaller, recvKey: callerToCallee, callerToCallee, calleeToCaller }
}
