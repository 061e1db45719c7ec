// Key schedule of frame E2EE (docs/protocol.md §3.4):
//   exporterSecret ─deriveCallKeys→ direction key ─(+ offer key_salt)→ frame key ─(per kind)→ AEAD key + nonce salt
import { hkdf } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { deriveCallKeys, type CallRole } from '../crypto/call-keys.js'
import { CALL_KEY_SALT_BYTES, FRAME_KEY_BYTES, FRAME_KEY_LABEL, FRAME_NONCE_BYTES, MAX_FRAME_COUNTER } from './constants.js'
import { MEDIA_KINDS, type MediaKind } from '../wire/media-kind.js'
import { FrameArgumentError } from './errors.js'

export { MEDIA_KINDS, type MediaKind }

const encoder = new TextEncoder()

export interface FrameKeyInput {
  /** The 32-byte exporter secret of the Offer's ratchet message (same on both sides). */
  exporterSecret: Uint8Array
  callId: string
  role: CallRole
  /** The Offer's key_salt (CALL_KEY_SALT_BYTES). */
  keySalt: Uint8Array
}

export interface FrameKeys {
  /** Give to createFrameSealer for media this side sends. */
  sendKey: Uint8Array
  /** Give to createFrameOpener for media this side receives. */
  recvKey: Uint8Array
}

/**
 * Frame key per direction: HKDF-SHA-256(salt = key_salt, ikm = direction key, info = "Parley-Frame-v1", 32).
 * The salt makes every call's keys fresh even if an exporter secret were ever reused for two offers.
 */
export function deriveFrameKeys (input: FrameKeyInput): FrameKeys {
  if (!(input.keySalt instanceof Uint8Array) || input.keySalt.length !== CALL_KEY_SALT_BYTES) {
    throw new FrameArgumentError(`key salt must be ${CALL_KEY_SALT_BYTES} bytes`)
  }
  let call
  try {
    call = deriveCallKeys(input.exporterSecret, input.callId, input.role)
  } catch (err) {
    throw new FrameArgumentError(err instanceof Error ? err.message : String(err), { cause: err })
  }
  const info = encoder.encode(FRAME_KEY_LABEL)
  return {
    sendKey: hkdf(sha256, call.sendKey, input.keySalt, info, FRAME_KEY_BYTES),
    recvKey: hkdf(sha256, call.recvKey, input.keySalt, info, FRAME_KEY_BYTES)
  }
}

export interface FrameSubkeys {
  aeadKey: Uint8Array
  nonceSalt: Uint8Array
}

/**
 * Per media kind: aeadKey ‖ nonceSalt = HKDF-SHA-256(salt = none, ikm = frame key,
 * info = "Parley-Frame-v1 audio" | "Parley-Frame-v1 video", 44). Audio and video count their frames
 * independently; separate keys mean their counters can never produce the same (key, nonce).
 */
export function deriveFrameSubkeys (frameKey: Uint8Array, kind: MediaKind): FrameSubkeys {
  if (!(frameKey instanceof Uint8Array) || frameKey.length !== FRAME_KEY_BYTES) throw new FrameArgumentError(`frame key must be ${FRAME_KEY_BYTES} bytes`)
  if (!MEDIA_KINDS.includes(kind)) throw new FrameArgumentError(`unknown media kind ${String(kind)}`)
  const okm = hkdf(sha256, frameKey, undefined, encoder.encode(`${FRAME_KEY_LABEL} ${kind}`), FRAME_KEY_BYTES + FRAME_NONCE_BYTES)
  return { aeadKey: okm.slice(0, FRAME_KEY_BYTES), nonceSalt: okm.slice(FRAME_KEY_BYTES) }
}

/** A frame counter as a bigint, or FrameArgumentError unless it is an integer in 0..2^64 − 1. */
export function frameCounter (seq: number | bigint): bigint {
  if (typeof seq === 'number') {
    if (!Number.isSafeInteger(seq) || seq < 0) throw new FrameArgumentError(`frame counter ${seq} is not a non-negative safe integer`)
    return BigInt(seq)
  }
  if (typeof seq !== 'bigint' || seq < 0n || seq > MAX_FRAME_COUNTER) throw new FrameArgumentError(`frame counter ${String(seq)} is outside 0..2^64-1`)
  return seq
}

/** nonce = nonceSalt XOR (0x00000000 ‖ u64 BE counter), as in SFrame (RFC 9605 §4.4.3). */
export function frameNonce (nonceSalt: Uint8Array, counter: bigint): Uint8Array {
  const nonce = nonceSalt.slice()
  const hi = Number(counter >> 32n)
  const lo = Number(counter & 0xffff_ffffn)
  for (let i = 0; i < 4; i++) {
    nonce[4 + i] = (nonce[4 + i] as number) ^ ((hi >>> (24 - 8 * i)) & 0xff)
    nonce[8 + i] = (nonce[8 + i] as number) ^ ((lo >>> (24 - 8 * i)) & 0xff)
  }
  return nonce
}

const WRAP = 1n << 32n
const HALF_WRAP = 1n << 31n

/**
 * Extends a u32 wire seq to the 64-bit frame counter: the value ≡ seq (mod 2^32) nearest to
 * `reference` (the opener's highestCounter, or 0n before the first frame) — SRTP's ROC estimate.
 * Correct as long as frames are reordered by less than 2^31, i.e. always.
 */
export function extendFrameCounter (seq32: number, reference: bigint): bigint {
  if (!Number.isInteger(seq32) || seq32 < 0 || seq32 > 0xffff_ffff) throw new FrameArgumentError(`seq ${seq32} is not a u32`)
  const base = reference - (reference % WRAP)
  let candidate = base + BigInt(seq32)
  if (candidate - reference > HALF_WRAP && candidate >= WRAP) candidate -= WRAP
  else if (reference - candidate > HALF_WRAP) candidate += WRAP
  return candidate > MAX_FRAME_COUNTER ? candidate - WRAP : candidate
}
