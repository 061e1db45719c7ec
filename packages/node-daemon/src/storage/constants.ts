// Defaults and limits of the SQLite store. Units are in the names.

/** How long a statement waits for another connection's lock (the CLI may read while the daemon writes). */
export const BUSY_TIMEOUT_MS = 5_000
/** Page size of messages.list() when the caller gives no limit. */
export const DEFAULT_MESSAGE_PAGE_LIMIT = 50
/** Largest page messages.list() and calls.list() return, whatever the caller asks for. */
export const MAX_PAGE_LIMIT = 10_000
/** Page size of calls.list() when the caller gives no limit. */
export const DEFAULT_CALL_PAGE_LIMIT = 50
