// A Parley identity is the libp2p Ed25519 key; its X25519 form is derived, never stored separately.
import { ed25519 } from '@noble/curves/ed25519.js'
import { ed25519PublicToX25519, ed25519SecretToX25519, ed25519Seed, type X25519KeyPair } from './x25519.js'

export interface IdentityKeyPair {
  /** Ed25519 public key (32 bytes): the key inside the libp2p peer ID. */
  publicKey: Uint8Array
  /** Ed25519 seed (32 bytes). */
  seed: Uint8Array
  /** The same identity as an X25519 key pair, for X3DH. */
  x25519: X25519KeyPair
}

/** Builds the identity from the 32-byte seed or the 64-byte `seed || public` libp2p/libsodium secret key. */
export function identityFromEd25519SecretKey (secretKey: Uint8Array): IdentityKeyPair {
  const seed = ed25519Seed(secretKey)
  const publicKey = ed25519.getPublicKey(seed)
  return {
    publicKey,
    seed,
    x25519: { secretKey: ed25519SecretToX25519(seed), publicKey: ed25519PublicToX25519(publicKey) }
  }
}
