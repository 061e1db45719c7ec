// Limits of the IPC server (HTTP + WebSocket on 127.0.0.1). Any local process, and any web
// page in the user's browser, can reach it without the token, so nothing an unauthenticated
// request does may hold a socket, a file descriptor or log space for long
// (docs/operations.md, "IPC limits").

/**
 * Open connections at most (HTTP, WebSockets included); the server closes new ones beyond it.
 * The GUI needs 3 and each CLI command 1; default 128, far below the default fd limit (1024).
 */
export const IPC_MAX_CONNECTIONS = 128
/** A client must send its request headers within this long (default 10 s), else the socket is closed. */
export const IPC_HEADERS_TIMEOUT_MS = 10_000
/** A client must send its whole request (headers and body) within this long (default 30 s). */
export const IPC_REQUEST_TIMEOUT_MS = 30_000
/** An idle keep-alive connection is closed after this long (default 5 s). */
export const IPC_KEEP_ALIVE_TIMEOUT_MS = 5_000
/** Bytes of an oversized request body read and dropped after its 413, so the sender sees the answer (default 16 MiB). */
export const IPC_DISCARD_BODY_MAX_BYTES = 16 * 1024 * 1024
/** How often the two timeouts above are checked (Node's default, 30 s, lets a slow client linger 3× longer). */
export const IPC_TIMEOUT_CHECK_INTERVAL_MS = 1_000

/** Refused requests (bad token, Origin, Host, request target) logged per window at most (default 10)… */
export const IPC_REFUSED_LOG_LINES = 10
/** …per this window (default 60 s); the rest are counted in one "suppressed" line at its end. */
export const IPC_REFUSED_LOG_WINDOW_MS = 60_000
