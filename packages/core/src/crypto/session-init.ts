// Session-init message: what the initiator sends (with its first ratchet messages) so the responder
// can run the X3DH-style agreement. Layout:
//   version u8 (= 1) | flags u8 (bit 0: signed prekey used; other bits must be 0) |
//   initiator Ed25519 identity 32 | initiator X25519 ephemeral 32 | [responder signed prekey 32]
import { toHex } from './bytes.js'
import { DM_PROTOCOL_VERSION, DM_KEY_BYTES } from './constants.js'
import { BadHeaderError } from './errors.js'

export interface SessionInit {
  version: typeof DM_PROTOCOL_VERSION
  /** Initiator's Ed25519 identity public key. */
  initiatorIdentity: Uint8Array
  /** Initiator's X25519 ephemeral public key (EK_A); unique per session, so it doubles as the init id. */
  ephemeralKey: Uint8Array
  /** The responder's signed prekey the initiator used, or null when only identity keys were used. */
  signedPrekey: Uint8Array | null
}

const FLAG_SIGNED_PREKEY = 0x01
const BASE_BYTES = 2 + 2 * DM_KEY_BYTES

export function encodeSessionInit (init: SessionInit): Uint8Array {
  if (init.version !== DM_PROTOCOL_VERSION) throw new BadHeaderError(`unsupported session-init version ${String(init.version)}`)
  if (init.initiatorIdentity.length !== DM_KEY_BYTES || init.ephemeralKey.length !== DM_KEY_BYTES) throw new BadHeaderError('session-init keys must be 32 bytes')
  if (init.signedPrekey !== null && init.signedPrekey.length !== DM_KEY_BYTES) throw new BadHeaderError('signed prekey must be 32 bytes')
  const out = new Uint8Array(BASE_BYTES + (init.signedPrekey === null ? 0 : DM_KEY_BYTES))
  out[0] = init.version
  out[1] = init.signedPrekey === null ? 0 : FLAG_SIGNED_PREKEY
  out.set(init.initiatorIdentity, 2)
  out.set(init.ephemeralKey, 2 + DM_KEY_BYTES)
  if (init.signedPrekey !== null) out.set(init.signedPrekey, BASE_BYTES)
  return out
}

export function decodeSessionInit (bytes: Uint8Array): SessionInit {
  if (!(bytes instanceof Uint8Array) || bytes.length < BASE_BYTES) throw new BadHeaderError('session-init is truncated')
  const version = bytes[0]
  if (version !== DM_PROTOCOL_VERSION) throw new BadHeaderError(`unsupported session-init version ${String(version)}`)
  const flags = bytes[1] as number
  if ((flags & ~FLAG_SIGNED_PREKEY) !== 0) throw new BadHeaderError(`unknown session-init flags 0x${flags.toString(16)}`)
  const hasPrekey = (flags & FLAG_SIGNED_PREKEY) !== 0
  const expected = BASE_BYTES + (hasPrekey ? DM_KEY_BYTES : 0)
  if (bytes.length !== expected) throw new BadHeaderError(`session-init must be ${expected} bytes, got ${bytes.length}`)
  return {
    version,
    initiatorIdentity: bytes.slice(2, 2 + DM_KEY_BYTES),
    ephemeralKey: bytes.slice(2 + DM_KEY_BYTES, BASE_BYTES),
    signedPrekey: hasPrekey ? bytes.slice(BASE_BYTES) : null
  }
}

/**
 * Stable id of a session: hex of the initiator's ephemeral key. The responder stores the ids it has
 * accepted and refuses a second init with the same id (replay of the first flight).
 */
export function sessionInitId (init: SessionInit): string {
  return toHex(init.ephemeralKey)
}
