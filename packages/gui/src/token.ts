// Token handoff. `parley gui` opens `http://127.0.0.1:<port>/#token=<token>`: a URL
// fragment is never sent to the server (so never in its logs), and the page strips it from
// the address bar and the session history entry at once. The token then lives in
// sessionStorage: it survives reloads of this tab but not the tab itself.
//
// Chromium still records the URL as first visited (fragment included) in its browsing-history
// database, which the page cannot edit. So the page also accepts `#code=<one-time code>` and
// trades it for the token at POST HANDOFF_PATH; once the daemon issues such codes, whatever
// the browser remembers is a spent code, not the API token (see README.md).

export const TOKEN_STORAGE_KEY = 'parley.apiToken'
const TOKEN_PARAM = 'token'
const CODE_PARAM = 'code'
/** Where the page trades a one-time code for the token (served by the daemon, Origin-checked). */
export const HANDOFF_PATH = '/gui-handoff'
/** Characters a WebSocket subprotocol may carry (the token travels as one); the daemon's is 64 hex. */
const TOKEN_PATTERN = /^[A-Za-z0-9._~-]{16,256}$/

export type Handoff = { kind: 'token', token: string } | { kind: 'code', code: string } | { kind: 'none' }

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
  const h = readHandoff(env)
  if (h.kind === 'token') return h.token
  const stored = env.storage.getItem(TOKEN_STORAGE_KEY)
  return stored != null && isValidToken(stored) ? stored : null
}

/**
 * What the fragment hands over: a token (stored at once), a one-time code to exchange,
 * or nothing. Either way a fragment carrying one is removed from the URL and history.
 */
export function readHandoff (env: TokenEnv): Handoff {
  const token = paramFromHash(env.location.hash, TOKEN_PARAM)
  const code = paramFromHash(env.location.hash, CODE_PARAM)
  if (token === undefined && code === undefined) return { kind: 'none' }
  // Strip even a malformed value: whatever was in the fragment must not linger in history.
  env.history.replaceState(env.history.state, '', env.location.pathname + env.location.search)
  if (token != null && isValidToken(token)) {
    env.storage.setItem(TOKEN_STORAGE_KEY, token)
    return { kind: 'token', token }
  }
  if (code != null && isValidToken(code)) return { kind: 'code', code }
  return { kind: 'none' }
}

/**
 * Trade a one-time code for the token (POST {code} → {token}); stores the token. Returns
 * null if the daemon does not know the code (spent, expired) or has no handoff endpoint.
 */
export async function exchangeCode (code: string, env: Pick<TokenEnv, 'storage'>, fetchFn: typeof fetch = fetch): Promise<string | null> {
  let res: Response
  try {
    res = await fetchFn(HANDOFF_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
      cache: 'no-store',
      credentials: 'omit'
    })
  } catch {
    return null
  }
  if (!res.ok) return null
  const body = await res.json().catch(() => null) as { token?: unknown } | null
  const token = typeof body?.token === 'string' ? body.token : ''
  if (!isValidToken(token)) return null
  env.storage.setItem(TOKEN_STORAGE_KEY, token)
  return token
}

/** Drop a token the daemon refused (a new data dir or a replaced token file). */
export function forgetToken (env: Pick<TokenEnv, 'storage'>): void {
  env.storage.removeItem(TOKEN_STORAGE_KEY)
}

/** undefined: the fragment has no such parameter; null: it has one but it is empty. */
function paramFromHash (hash: string, name: string): string | null | undefined {
  if (hash.length <= 1) return undefined
  const params = new URLSearchParams(hash.slice(1))
  if (!params.has(name)) return undefined
  const value = params.get(name) ?? ''
  return value === '' ? null : value
}
