/** Path of the JSON-RPC endpoint (HTTP POST and WebSocket upgrade). */
export const RPC_PATH = '/rpc'
/**
 * Browsers cannot set headers on a WebSocket, so the token may also travel as a
 * subprotocol `parley-token.<token>` next to `RPC_SUBPROTOCOL`. Never in the URL: URLs
 * end up in logs and history.
 */
export const RPC_SUBPROTOCOL = 'parley-rpc.v1'
export const TOKEN_SUBPROTOCOL_PREFIX = 'parley-token.'
/** Largest request body the daemon reads. */
export const MAX_RPC_BODY_BYTES = 1024 * 1024
/**
 * Most requests in one JSON-RPC batch (default 100). A larger batch is refused whole with an
 * INVALID_REQUEST error: one 1 MiB body held 24 375 requests (1.7 s, +110 MB) before this cap.
 */
export const MAX_RPC_BATCH_REQUESTS = 100
/** Default time a client waits for an answer. */
export const DEFAULT_RPC_TIMEOUT_MS = 30_000
