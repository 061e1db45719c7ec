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
/** Inbound DM streams open at once, per peer and in total (a flood guard). */
export const MAX_INBOUND_STREAMS = 32
