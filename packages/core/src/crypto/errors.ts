// Typed errors of the DM crypto. Every class has a stable `code` that may cross IPC and
// that tests match on; messages are for humans and may change.
import { FixedCodeError } from '../errors.js'

export abstract class DmCryptoError extends FixedCodeError {}

/** AEAD authentication failed: wrong key, tampered header/ciphertext/associated data, or truncation. */
export class DecryptError extends DmCryptoError {
  static override readonly name = 'DecryptError'
  static readonly code = 'DM_DECRYPT_FAILED'
}

/** The message key for this header was already used (or discarded): a replay or a duplicate delivery. */
export class ReplayError extends DmCryptoError {
  static override readonly name = 'ReplayError'
  static readonly code = 'DM_REPLAY'
}

/** Decrypting would skip more message keys than MAX_SKIP allows in one chain. */
export class TooManySkippedError extends DmCryptoError {
  static override readonly name = 'TooManySkippedError'
  static readonly code = 'DM_TOO_MANY_SKIPPED'
}

/** A ratchet header or session-init message is malformed (length, version, flags). */
export class BadHeaderError extends DmCryptoError {
  static override readonly name = 'BadHeaderError'
  static readonly code = 'DM_BAD_HEADER'
}

/** A public key is invalid or of low order, or a DH produced the all-zero output. */
export class DegenerateKeyError extends DmCryptoError {
  static override readonly name = 'DegenerateKeyError'
  static readonly code = 'DM_DEGENERATE_KEY'
}

/** A serialized or in-memory ratchet state is malformed or of an unknown version. */
export class BadStateError extends DmCryptoError {
  static override readonly name = 'BadStateError'
  static readonly code = 'DM_BAD_STATE'
}

/** The responder has no sending chain until it has decrypted the initiator's first message. */
export class SessionNotReadyError extends DmCryptoError {
  static override readonly name = 'SessionNotReadyError'
  static readonly code = 'DM_SESSION_NOT_READY'
}

/** A signed prekey's signature does not verify under the claimed identity key. */
export class BadSignatureError extends DmCryptoError {
  static override readonly name = 'BadSignatureError'
  static readonly code = 'DM_BAD_SIGNATURE'
}

/** A session-init names a signed prekey the responder does not hold, or carries an unexpected identity. */
export class BadInitError extends DmCryptoError {
  static override readonly name = 'BadInitError'
  static readonly code = 'DM_BAD_INIT'
}

/** An identity secret key is malformed (wrong length, or a 64-byte key whose public half does not match). */
export class BadIdentityKeyError extends DmCryptoError {
  static override readonly name = 'BadIdentityKeyError'
  static readonly code = 'DM_BAD_IDENTITY_KEY'
}
