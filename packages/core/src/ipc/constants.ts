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
/** Default time a client waits for an answer. */
export const DEFAULT_RPC_TIMEOUT_MS = 30_000
