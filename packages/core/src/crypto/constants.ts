// Named limits and domain-separation labels of the Parley DM protocol, version 1.
// Every label is versioned: a v2 protocol changes the labels, so keys can never be shared across versions.

/** Protocol version carried in the session-init message and the serialized ratchet state. */
export const DM_PROTOCOL_VERSION = 1
/** Version byte of the serialized ratchet state (bumped when the layout changes). */
export const RATCHET_STATE_VERSION = 1

/** Most message keys one receiving chain may skip in a single step (Signal's MAX_SKIP). */
export const MAX_SKIP = 1000
/** Most skipped message keys kept per session across all chains; the oldest are evicted first. */
export const MAX_STORED_SKIPPED_KEYS = 2000
/**
 * Skipped message keys older than this are discarded: a message delayed longer than this
 * cannot be decrypted any more. Bounds how long a compromised state still opens old messages.
 */
export const SKIPPED_KEY_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000
/**
 * Remote ratchet public keys remembered after their chain is retired, so that a replayed message
 * from an old chain is reported as a replay instead of starting a bogus DH ratchet step.
 */
export const MAX_RETIRED_RATCHET_KEYS = 32
/** Largest counter a header can carry (u32). A sending chain refuses to go past it. */
export const MAX_RATCHET_MESSAGE_NUMBER = 0xffff_ffff

/** Byte lengths used throughout the DM crypto. */
export const DM_KEY_BYTES = 32
export const ED25519_SIGNATURE_BYTES = 64
/** Encoded ratchet header: DH public key (32) || PN u32 BE || N u32 BE. */
export const RATCHET_HEADER_BYTES = 40
/** Poly1305 tag appended to every ciphertext. */
export const DM_AEAD_TAG_BYTES = 16
export const DM_AEAD_NONCE_BYTES = 12

/** HKDF `info` labels (UTF-8). */
export const DM_LABELS = {
  /** X3DH-style session key from the concatenated DH outputs. */
  x3dh: 'Parley-DM-v1 X3DH',
  /** KDF_RK: root key ratchet step. */
  rootKdf: 'Parley-DM-v1 Root',
  /** Expands a message key into the AEAD key, the AEAD nonce and the per-message exporter secret. */
  messageKeys: 'Parley-DM-v1 MessageKeys',
  /** Domain separation for the signed prekey's Ed25519 signature. */
  signedPrekey: 'Parley-DM-v1 SignedPrekey',
  /** Per-call media keys derived from an exporter secret. */
  callKeys: 'Parley-Call-v1 MediaKeys',
  /** Safety-number fingerprint iteration. */
  safetyNumber: 'Parley-SafetyNumber-v1'
} as const

/** KDF_CK inputs: HMAC-SHA-256(chainKey, byte) as in the Signal specification. */
export const CHAIN_KDF_MESSAGE_BYTE = 0x01
export const CHAIN_KDF_CHAIN_BYTE = 0x02

/** Safety numbers: SHA-512 iterations per identity and the digit layout. */
export const SAFETY_NUMBER_ITERATIONS = 5200
export const SAFETY_NUMBER_DIGITS = 60
export const SAFETY_NUMBER_GROUP_DIGITS = 5
