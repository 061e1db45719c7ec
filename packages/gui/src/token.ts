// One-time token handoff. `parley gui` opens `http://127.0.0.1:<port>/#token=<token>`:
// a URL fragment is never sent to the server (so never in its logs), and the page strips
// it from the address bar and the session history entry at once. The token then lives in
// sessionStorage: it survives reloads of this tab but not the tab itself.

export const TOKEN_STORAGE_KEY = 'parley.apiToken'
const TOKEN_PARAM = 'token'
/** Characters a WebSocket subprotocol may carry (the token travels as one); the daemon's is 64 hex. */
const TOKEN_PATTERN = /^[A-Za-z0-9._~-]{16,256}$/

export interface TokenEnv {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>
  history: Pick<History, 'replaceState' | 'state'>
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>
}

export function isValidToken (token: string): boolean {
  return TOKEN_PATTERN.test(token)
}

/**
 * Take the token from the fragment (and remove the fragment from the URL and history),
 * or fall back to the one this tab stored earlier. Returns null when there is none.
 */
export function takeToken (env: TokenEnv): string | null {
  const fromHash = tokenFromHash(env.location.hash)
  if (fromHash !== undefined) {
    // Strip even a malformed token: whatever was in the fragment must not linger in history.
    env.history.replaceState(env.history.state, '', env.location.pathname + env.location.search)
    if (fromHash != null && isValidToken(fromHash)) {
      env.storage.setItem(TOKEN_STORAGE_KEY, fromHash)
      return fromHash
    }
  }
  const stored = env.storage.getItem(TOKEN_STORAGE_KEY)
  return stored != null && isValidToken(stored) ? stored : null
}

/** Drop a token the daemon refused (a new data dir or a replaced token file). */
export function forgetToken (env: Pick<TokenEnv, 'storage'>): void {
  env.storage.removeItem(TOKEN_STORAGE_KEY)
}

/** undefined: the fragment has no token parameter; null: it has one but it is empty. */
function tokenFromHash (hash: string): string | null | undefined {
  if (hash.length <= 1) return undefined
  const params = new URLSearchParams(hash.slice(1))
  if (!params.has(TOKEN_PARAM)) return undefined
  const value = params.get(TOKEN_PARAM) ?? ''
  return value === '' ? null : value
}
