// X25519 key pairs, Diffie-Hellman with degenerate-output rejection, and the birational
// Ed25519 → X25519 conversion (the same maps as libsodium's crypto_sign_ed25519_{pk,sk}_to_curve25519).
import { ed25519, x25519 } from '@noble/curves/ed25519.js'
import { isAllZero } from './bytes.js'
import { DM_KEY_BYTES } from './constants.js'
import { BadIdentityKeyError, DegenerateKeyError } from './errors.js'
import type { RandomBytes } from './random.js'

export interface X25519KeyPair {
  /** 32-byte X25519 scalar (clamped by the DH function, so any 32 random bytes are valid). */
  secretKey: Uint8Array
  publicKey: Uint8Array
}

export function x25519KeyPairFromSecret (secretKey: Uint8Array): X25519KeyPair {
  if (secretKey.length !== DM_KEY_BYTES) throw new BadIdentityKeyError(`X25519 secret key must be ${DM_KEY_BYTES} bytes`)
  return { secretKey: secretKey.slice(), publicKey: x25519.getPublicKey(secretKey) }
}

export function generateX25519KeyPair (randomBytes: RandomBytes): X25519KeyPair {
  const secret = randomBytes(DM_KEY_BYTES)
  if (secret.length !== DM_KEY_BYTES) throw new TypeError(`randomBytes(${DM_KEY_BYTES}) returned ${secret.length} bytes`)
  return x25519KeyPairFromSecret(secret)
}

/**
 * X25519(secretKey, publicKey). Rejects low-order peer keys and an all-zero output, since
 * either would let an attacker force a known shared secret (RFC 7748 §6.1).
 */
export function dh (secretKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  if (publicKey.length !== DM_KEY_BYTES) throw new DegenerateKeyError(`X25519 public key must be ${DM_KEY_BYTES} bytes`)
  let out: Uint8Array
  try {
    // noble throws on its low-order blocklist before running the ladder.
    out = x25519.getSharedSecret(secretKey, publicKey)
  } catch (err) {
    throw new DegenerateKeyError('X25519 public key is of low order', { cause: err })
  }
  if (isAllZero(out)) throw new DegenerateKeyError('X25519 produced the all-zero shared secret')
  return out
}

/**
 * Ed25519 public key → X25519 public key, u = (1 + y) / (1 − y).
 * The point must decode canonically and must not be of small order: a small-order identity
 * would make every DH with it degenerate.
 */
export function ed25519PublicToX25519 (edPublicKey: Uint8Array): Uint8Array {
  if (edPublicKey.length !== DM_KEY_BYTES) throw new DegenerateKeyError(`Ed25519 public key must be ${DM_KEY_BYTES} bytes`)
  let point
  try {
    point = ed25519.Point.fromBytes(edPublicKey, false)
  } catch (err) {
    throw new DegenerateKeyError('Ed25519 public key does not decode to a curve point', { cause: err })
  }
  if (point.isSmallOrder()) throw new DegenerateKeyError('Ed25519 public key is of small order')
  return ed25519.utils.toMontgomery(edPublicKey)
}

/**
 * Ed25519 secret key → X25519 secret key: the clamped first half of SHA-512(seed), which is
 * exactly the scalar Ed25519 signs with. Accepts the 32-byte seed or the 64-byte seed||public form.
 */
export function ed25519SecretToX25519 (edSecretKey: Uint8Array): Uint8Array {
  const seed = ed25519Seed(edSecretKey)
  return ed25519.utils.toMontgomerySecret(seed)
}

/** The 32-byte seed of a 32- or 64-byte (libsodium / libp2p `seed || public`) Ed25519 secret key. */
export function ed25519Seed (edSecretKey: Uint8Array): Uint8Array {
  if (edSecretKey.length === DM_KEY_BYTES) return edSecretKey.slice()
  if (edSecretKey.length === 2 * DM_KEY_BYTES) {
    const seed = edSecretKey.slice(0, DM_KEY_BYTES)
    const pub = ed25519.getPublicKey(seed)
    // A mismatched public half means the key material is corrupt; deriving from it would
    // give DH keys that no peer agrees with.
    let diff = 0
    for (let i = 0; i < DM_KEY_BYTES; i++) diff |= (pub[i] as number) ^ (edSecretKey[DM_KEY_BYTES + i] as number)
    if (diff !== 0) throw new BadIdentityKeyError('64-byte Ed25519 secret key: public half does not match the seed')
    return seed
  }
  throw new BadIdentityKeyError(`Ed25519 secret key must be 32 or 64 bytes, got ${edSecretKey.length}`)
}
