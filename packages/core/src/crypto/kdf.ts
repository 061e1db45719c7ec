// The KDFs of the Double Ratchet (Signal spec §5.2 recommendations) and of the X3DH-style setup.
import { hkdf } from '@noble/hashes/hkdf.js'
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { concatBytes, utf8 } from './bytes.js'
import { DM_AEAD_NONCE_BYTES, CHAIN_KDF_CHAIN_BYTE, CHAIN_KDF_MESSAGE_BYTE, DM_KEY_BYTES, DM_LABELS } from './constants.js'

const ZERO_SALT = new Uint8Array(DM_KEY_BYTES)
// X3DH prepends 32 0xFF bytes so the KDF input can never collide with an XEdDSA-style
// signature-key input (X3DH spec §2.2); kept for compatibility of reasoning with that spec.
const X3DH_PREFIX = new Uint8Array(DM_KEY_BYTES).fill(0xff)
const INFO_X3DH = utf8(DM_LABELS.x3dh)
const INFO_ROOT = utf8(DM_LABELS.rootKdf)
const INFO_MESSAGE = utf8(DM_LABELS.messageKeys)
const MSG_BYTE = Uint8Array.of(CHAIN_KDF_MESSAGE_BYTE)
const CHAIN_BYTE = Uint8Array.of(CHAIN_KDF_CHAIN_BYTE)

/** SK = HKDF-SHA-256(salt = 0^32, ikm = 0xFF^32 || DH1 || DH2 [|| DH3], info = DM_LABELS.x3dh, 32). */
export function x3dhSharedSecret (dhOutputs: Uint8Array[]): Uint8Array {
  return hkdf(sha256, concatBytes(X3DH_PREFIX, ...dhOutputs), ZERO_SALT, INFO_X3DH, DM_KEY_BYTES)
}

/** KDF_RK: HKDF-SHA-256(salt = rootKey, ikm = dhOut, info = DM_LABELS.rootKdf, 64) → new root key || chain key. */
export function kdfRk (rootKey: Uint8Array, dhOut: Uint8Array): { rootKey: Uint8Array, chainKey: Uint8Array } {
  const okm = hkdf(sha256, dhOut, rootKey, INFO_ROOT, 2 * DM_KEY_BYTES)
  return { rootKey: okm.slice(0, DM_KEY_BYTES), chainKey: okm.slice(DM_KEY_BYTES) }
}

/** KDF_CK: message key = HMAC-SHA-256(ck, 0x01), next chain key = HMAC-SHA-256(ck, 0x02). */
export function kdfCk (chainKey: Uint8Array): { chainKey: Uint8Array, messageKey: Uint8Array } {
  return { messageKey: hmac(sha256, chainKey, MSG_BYTE), chainKey: hmac(sha256, chainKey, CHAIN_BYTE) }
}

export interface MessageSecrets {
  /** ChaCha20-Poly1305 key. */
  key: Uint8Array
  /** ChaCha20-Poly1305 nonce; safe to derive because every message key is used exactly once. */
  nonce: Uint8Array
  /** Secret both ends of this one message agree on, for higher layers (e.g. call keys). */
  exporter: Uint8Array
}

/** HKDF-SHA-256(salt = 0^32, ikm = messageKey, info = DM_LABELS.messageKeys, 76) → key(32) || nonce(12) || exporter(32). */
export function messageSecrets (messageKey: Uint8Array): MessageSecrets {
  const okm = hkdf(sha256, messageKey, ZERO_SALT, INFO_MESSAGE, 2 * DM_KEY_BYTES + DM_AEAD_NONCE_BYTES)
  return {
    key: okm.slice(0, DM_KEY_BYTES),
    nonce: okm.slice(DM_KEY_BYTES, DM_KEY_BYTES + DM_AEAD_NONCE_BYTES),
    exporter: okm.slice(DM_KEY_BYTES + DM_AEAD_NONCE_BYTES)
  }
}
