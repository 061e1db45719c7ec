// Public API of the DM crypto layer: pure functions, injected randomness and clock, no I/O.
export * from './constants.js'
export * from './errors.js'
export type { RandomBytes, CryptoClock } from './random.js'
export {
  type X25519KeyPair, x25519KeyPairFromSecret, generateX25519KeyPair, dh as x25519Dh, ed25519PublicToX25519, ed25519SecretToX25519, ed25519Seed
} from './x25519.js'
export { type IdentityKeyPair, identityFromEd25519SecretKey } from './identity.js'
export { type MessageSecrets, x3dhSharedSecret, kdfRk, kdfCk, messageSecrets } from './kdf.js'
export { type RatchetHeader, encodeHeader, decodeHeader } from './header.js'
export { type SessionInit, encodeSessionInit, decodeSessionInit, sessionInitId } from './session-init.js'
export {
  type SignedPrekey, type SignedPrekeyPublic, type SignedPrekeyOptions, generateSignedPrekey, verifySignedPrekey
} from './signed-prekey.js'
export {
  type SessionRole, type ChainState, type SkippedMessageKey, type RatchetState,
  serializeRatchetState, deserializeRatchetState, assertRatchetState
} from './ratchet-state.js'
export { type RatchetOptions, type EncryptResult, type DecryptResult, ratchetEncrypt, ratchetDecrypt } from './ratchet.js'
export {
  type InitiateSessionOptions, type InitiatedSession, type RespondToSessionOptions, type RespondedSession,
  type AcceptSessionOptions, type AcceptedSession, initiateSession, respondToSession, acceptSession, localInitiationWins
} from './x3dh.js'
export { type SafetyNumber, safetyNumber, identityFingerprintDigits, safetyNumbersMatch } from './safety-number.js'
export { type CallRole, type CallKeys, deriveCallKeys } from './call-keys.js'
