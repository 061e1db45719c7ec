// Limits, labels and defaults of Parley calls (docs/protocol.md §3). Units are in the names.

// ---- Signalling (§3.2) ----

/** Largest encoded CallSignal, checked before parsing. Signals are small; an offer is ≈ 80 bytes. */
export const MAX_SIGNAL_BYTES = 4096
/** Shortest call id (the rule itself, CALL_ID_PATTERN, is in call-id.ts). */
export const MIN_CALL_ID_LENGTH = 1
/** Longest call id. Ids are database keys, appear in logs and cross IPC, hence the small ASCII alphabet. */
export const MAX_CALL_ID_LENGTH = 64
/** Reject / End reasons are machine tokens (lower snake case), never free text: they end up in logs and the GUI. */
export const SIGNAL_REASON_PATTERN = /^[a-z][a-z0-9_]{0,63}$/
/** Offer.key_salt: per-call random key material mixed into the frame keys. */
export const CALL_KEY_SALT_BYTES = 32

/** Opus's own bitrate range (RFC 6716): anything outside it is a bug or an attack. */
export const MIN_OPUS_BITRATE_BPS = 6_000
export const MAX_OPUS_BITRATE_BPS = 510_000
/** Opus frame durations expressible in whole milliseconds (2.5 and 5 ms are not used by Parley). */
export const OPUS_FRAME_MS = [10, 20, 40, 60] as const

/** Largest video width / height; VP9 in Parley's realtime profile never goes above 4K. */
export const MAX_VIDEO_DIMENSION_PX = 4096
/** Frame rates a receiver must be prepared for. */
export const MIN_VIDEO_FPS = 1
export const MAX_VIDEO_FPS = 60
/** VP9 target bitrate bounds: below 30 kbit/s nothing is recognisable, above 20 Mbit/s is not a call. */
export const MIN_VIDEO_BITRATE_BPS = 30_000
export const MAX_VIDEO_BITRATE_BPS = 20_000_000

// ---- Frame E2EE (§3.4) ----

/** HKDF info label of the per-call, per-direction frame base keys (after the offer's key salt is mixed in). */
export const FRAME_KEY_LABEL = 'Parley-Frame-v1'
/** Per media kind, info = FRAME_KEY_LABEL ‖ " " ‖ kind: separate key and nonce salt for audio and video. */
export const FRAME_KEY_BYTES = 32
export const FRAME_NONCE_BYTES = 12
/** Poly1305 tag appended to every sealed frame. */
export const FRAME_TAG_BYTES = 16
/** Largest frame counter: the nonce carries it as a u64. */
export const MAX_FRAME_COUNTER = (1n << 64n) - 1n
/** Default replay window (frames). At 30 fps video / 50 fps audio this is 20–34 s of reordering. */
export const DEFAULT_REPLAY_WINDOW = 1024
/** Largest replay window accepted (bitmap of 8 KiB); larger buys nothing with deadline-based playout. */
export const MAX_REPLAY_WINDOW = 65_536

// ---- Call state (§3.1) ----

/** How long an offer rings before both sides give up (ring_timeout). */
export const RING_TIMEOUT_MS = 60_000
/** How long a dropped media connection may try to recover before the call ends (reconnect_timeout). */
export const RECONNECT_TIMEOUT_MS = 30_000
