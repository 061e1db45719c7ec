// ChaCha20-Poly1305 (RFC 8439): constant-time in pure JS (unlike table-based AES), and the
// derived per-message nonce makes XChaCha's random 24-byte nonce unnecessary.
import { chacha20poly1305 } from '@noble/ciphers/chacha.js'
import { DM_AEAD_TAG_BYTES } from './constants.js'
import { DecryptError } from './errors.js'
import type { MessageSecrets } from './kdf.js'

export function aeadSeal (secrets: MessageSecrets, plaintext: Uint8Array, associatedData: Uint8Array): Uint8Array {
  return chacha20poly1305(secrets.key, secrets.nonce, associatedData).encrypt(plaintext)
}

export function aeadOpen (secrets: MessageSecrets, ciphertext: Uint8Array, associatedData: Uint8Array): Uint8Array {
  if (ciphertext.length < DM_AEAD_TAG_BYTES) throw new DecryptError('ciphertext shorter than the authentication tag')
  try {
    return chacha20poly1305(secrets.key, secrets.nonce, associatedData).decrypt(ciphertext)
  } catch (err) {
    throw new DecryptError('message authentication failed', { cause: err })
  }
}
