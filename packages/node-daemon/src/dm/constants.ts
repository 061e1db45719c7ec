// Timing and limits of DM delivery. Wire limits live in @parley/core/dm.

/** First retry delay after a failed delivery attempt; doubles up to OUTBOX_MAX_BACKOFF_MS. */
export const OUTBOX_MIN_BACKOFF_MS = 1_000
export const OUTBOX_MAX_BACKOFF_MS = 5 * 60_000
/** Envelopes written ahead of their acknowledgements on one stream. */
export const SEND_WINDOW = 64
/** Envelopes taken from the outbox per batch. */
export const OUTBOX_BATCH = 256
/** Budget for reaching an offline peer (peer store → DHT → dial) per attempt. */
export const DELIVERY_DIAL_TIMEOUT_MS = 10_000
/** An acknowledgement slower than this ends the attempt (the rest is retried). */
export const ACK_TIMEOUT_MS = 15_000
/** An inbound stream idle for this long is closed. */
export const INBOUND_IDLE_TIMEOUT_MS = 30_000
/** After a REJECTED ack: time for it to leave before the stream is aborted. */
export const REJECT_CLOSE_TIMEOUT_MS = 1_000
/** Inbound DM streams open at once on one connection (libp2p's per-connection limit). */
export const MAX_INBOUND_STREAMS = 32
/**
 * Inbound DM streams open at once from one peer, over all its connections. A Parley sender
 * uses one delivery stream per peer plus short typing streams; more is a flood.
 */
export const MAX_INBOUND_STREAMS_PER_PEER = 8
/** Inbound DM streams open at once from all non-contacts together, so strangers can never take every slot. */
export const MAX_INBOUND_STRANGER_STREAMS = 64
/** Inbound DM streams open at once from everyone (contacts included). */
export const MAX_INBOUND_STREAMS_TOTAL = 256

// Strangers: peers the user has not accepted (not added as a contact, never written to).
// See docs/security.md "Strangers".

/** Envelopes a second one stranger may send on average (token-bucket refill). Default 20. */
export const STRANGER_DM_RATE_PER_S = 20
/** Envelopes one stranger may send at once before the rate applies (bucket size). Default 60. */
export const STRANGER_DM_BURST = 60
/** Envelopes a second from all strangers together. Default 50. */
export const ALL_STRANGERS_DM_RATE_PER_S = 50
/** Bucket size of the all-strangers limit. Default 200. */
export const ALL_STRANGERS_DM_BURST = 200
/**
 * Over the rate, an envelope is held (the stream is not read meanwhile, so the sender slows
 * down) for at most this long; when the wait would be longer it is refused with DM_RATE_LIMITED.
 * Well under ACK_TIMEOUT_MS, so a throttled sender never times out. Default 2 000 ms.
 */
export const STRANGER_DM_MAX_WAIT_MS = 2_000
/** Per-stranger buckets kept in memory; beyond this, full (idle) buckets are forgotten. */
export const STRANGER_BUCKETS_SWEEP_AT = 1_024
/** Messages from strangers held as requests until the user accepts them, oldest dropped first. Default 1 000. */
export const REQUESTS_MAX_MESSAGES = 1_000
/** UTF-8 bytes of message bodies held as requests, oldest dropped first. Default 4 MiB. */
export const REQUESTS_MAX_BYTES = 4 * 1024 * 1024
