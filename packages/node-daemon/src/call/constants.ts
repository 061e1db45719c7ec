// Media transport constants. Numbers come from the probes in PLATFORM-FACTS.md
// (50 ms RTT, 1–3 % loss over @chainsafe/libp2p-quic).

/** One libp2p protocol for every media stream; the stream header says which call and kind. */
export const MEDIA_PROTOCOL = '/parley/media/1.0.0'
export const MEDIA_STREAM_VERSION = 1

/**
 * Audio streams opened at call start and used round-robin: a lost packet then delays
 * one frame, not the next seven (pool of 8 cut runs of late frames to length 1).
 */
export const AUDIO_POOL_SIZE = 8
/** Each audio frame is sent again on another pooled stream this much later (p99 97 → 37–47 ms at 1–3 % loss). */
export const AUDIO_DUPLICATE_DELAY_MS = 10
/**
 * An audio stream with more than this queued (≈ 0.5 s of 32 kbit/s audio) is skipped;
 * when every stream is that far behind, frames are dropped: a peer that stops reading
 * must not make the daemon buffer without bound.
 */
export const AUDIO_MAX_QUEUED_BYTES_PER_STREAM = 4 * 1024
/** Spare video streams kept open so a new group of pictures never waits a round trip. */
export const VIDEO_SPARE_STREAMS = 1
/** Frames of a group still queued after this long are abandoned and a keyframe is forced. */
export const VIDEO_GROUP_DEADLINE_MS = 400
/** Bytes queued on a video stream beyond which frames are dropped instead of queued. */
export const VIDEO_MAX_QUEUED_BYTES = 256 * 1024
/** Largest control message (receiver report, keyframe request). */
export const MAX_CONTROL_MESSAGE_BYTES = 4 * 1024
/** Largest stream header (version, kind, call id). */
export const MAX_STREAM_HEADER_BYTES = 2 + 1 + 64
/** Inbound media streams per connection (pool + video groups + control, with headroom). */
export const MAX_INBOUND_MEDIA_STREAMS = 64
/**
 * A media stream we close waits at most this long for its queued bytes to go out before it
 * is aborted: a stalled peer must not keep streams (and its per-protocol stream slots) open.
 */
export const MEDIA_STREAM_CLOSE_TIMEOUT_MS = 2_000
/** An opened stream that has not sent its header within this time is reset. */
export const STREAM_HEADER_TIMEOUT_MS = 5_000

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
/** Media heard again within this much of "now" counts as the call being back. */
export const MEDIA_RESUMED_WITHIN_MS = 500
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
