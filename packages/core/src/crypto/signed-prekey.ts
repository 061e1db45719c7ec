// Optional signed prekey (SPK): an X25519 key the responder signs with its Ed25519 identity and
// hands out when online (or publishes). Using it moves first-flight secrecy from the long-lived
// identity key to a key the responder rotates and deletes.
import { ed25519 } from '@noble/curves/ed25519.js'
import { concatBytes, utf8 } from './bytes.js'
import { ED25519_SIGNATURE_BYTES, DM_KEY_BYTES, DM_LABELS } from './constants.js'
import { BadSignatureError } from './errors.js'
import type { IdentityKeyPair } from './identity.js'
import { defaultRandomBytes, type RandomBytes } from './random.js'
import { generateX25519KeyPair, type X25519KeyPair } from './x25519.js'

export interface SignedPrekeyPublic {
  /** X25519 public key. */
  publicKey: Uint8Array
  /** Ed25519 signature by the owner's identity over DM_LABELS.signedPrekey || publicKey. */
  signature: Uint8Array
}

export interface SignedPrekey extends SignedPrekeyPublic {
  keyPair: X25519KeyPair
}

export interface SignedPrekeyOptions {
  /** Default: the platform CSPRNG. */
  randomBytes?: RandomBytes
}

const SIGNED_PREKEY_CONTEXT = utf8(DM_LABELS.signedPrekey)

function signedMessage (publicKey: Uint8Array): Uint8Array {
  return concatBytes(SIGNED_PREKEY_CONTEXT, publicKey)
}

export function generateSignedPrekey (identity: IdentityKeyPair, options: SignedPrekeyOptions = {}): SignedPrekey {
  const keyPair = generateX25519KeyPair(options.randomBytes ?? defaultRandomBytes)
  const signature = ed25519.sign(signedMessage(keyPair.publicKey), identity.seed)
  return { keyPair, publicKey: keyPair.publicKey, signature }
}

/** Throws BadSignatureError unless `prekey` is signed by `identityPublicKey` (strict RFC 8032 verification). */
export function verifySignedPrekey (identityPublicKey: Uint8Array, prekey: SignedPrekeyPublic): void {
  if (prekey.publicKey.length !== DM_KEY_BYTES || prekey.signature.length !== ED25519_SIGNATURE_BYTES) {
    throw new BadSignatureError('signed prekey has the wrong length')
  }
  let ok = false
  try {
    ok = ed25519.verify(prekey.signature, signedMessage(prekey.publicKey), identityPublicKey, { zip215: false })
  } catch (err) {
    throw new BadSignatureError('signed prekey signature could not be verified', { cause: err })
  }
  if (!ok) throw new BadSignatureError('signed prekey signature is invalid')
}
