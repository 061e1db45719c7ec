// Call constants: strangers' limits and the liveness of a connected call.

// ---- Strangers (callers not in the contacts), see docs/security.md "Strangers" ----

/** Offers one stranger may ring with back to back; then one more per STRANGER_OFFER_REFILL_MS. */
export const STRANGER_OFFER_BURST = 2
export const STRANGER_OFFER_REFILL_MS = 30_000
/** Offers all strangers together may ring with back to back; then one more per STRANGER_OFFERS_GLOBAL_REFILL_MS. */
export const STRANGER_OFFERS_GLOBAL_BURST = 5
export const STRANGER_OFFERS_GLOBAL_REFILL_MS = 10_000
/** After the user declines a stranger's call, that stranger's offers are refused this long without ringing. */
export const STRANGER_REJECT_COOLDOWN_MS = 5 * 60_000
/** Offers from one stranger within this time of their last one add to that history row instead of a new one. */
export const STRANGER_HISTORY_COLLAPSE_MS = 60 * 60_000
/** Strangers whose counters are kept; the least recently seen is forgotten beyond this. */
export const STRANGER_TRACKED_PEERS = 1_000

// ---- Dead peers and stuck calls (docs/protocol.md §4 "Liveness and reconnect") ----

/** No media or control bytes from the peer for this long while connected → reconnecting. */
export const MEDIA_SILENCE_TIMEOUT_MS = 3_000
/** How often the silence watchdog looks. */
export const MEDIA_WATCHDOG_INTERVAL_MS = 250
/** A call that answered but has heard nothing from the peer's media session within this time ends as failed. */
export const MEDIA_START_TIMEOUT_MS = 15_000
/**
 * A call is connected at the peer's first decoded audio, or once the peer's control stream has
 * been heard for this long without audio (a live source that sends nothing yet: a muted page, a
 * microphone still starting).
 */
export const MEDIA_UP_WITHOUT_AUDIO_MS = 2_000
/** How long a probe of the peer's last address waits for a refusal (ICMP port unreachable / TCP RST). */
export const PEER_PROBE_TIMEOUT_MS = 400
/** Pause between reconnect attempts. */
export const RECONNECT_RETRY_MS = 500
/** A reconnect's redial gets the rest of the budget, within these bounds. */
export const RECONNECT_DIAL_MIN_MS = 500
export const RECONNECT_DIAL_MAX_MS = 5_000
/** How often a connecting call looks whether the peer's media is up. */
export const MEDIA_UP_POLL_MS = 50
/** Random bytes of a new call ID (base64url: 16 characters). */
export const CALL_ID_RANDOM_BYTES = 12
