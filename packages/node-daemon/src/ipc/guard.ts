// Who may talk to the IPC server. The daemon binds 127.0.0.1 only, but a web page
// in the user's browser can still reach loopback: Host pins the request to our own
// name (defeats DNS rebinding), Origin keeps other sites' pages out (CSRF and
// cross-site WebSocket hijacking), and the bearer token proves the caller could read
// the 0600 token file.
import type { IncomingMessage } from 'node:http'
import { TOKEN_SUBPROTOCOL_PREFIX } from '@parley/core/ipc'
import { tokensEqual } from '../api-token.js'

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]']

export type GuardResult = { ok: true } | { ok: false, status: 401 | 403, reason: string }

export function checkHost (req: IncomingMessage, port: number): GuardResult {
  const host = req.headers.host
  if (host == null || !LOOPBACK_NAMES.some(n => host === `${n}:${port}`)) {
    return { ok: false, status: 403, reason: `Host "${host ?? ''}" is not this daemon's loopback address` }
  }
  return { ok: true }
}

export function checkOrigin (req: IncomingMessage, port: number): GuardResult {
  const origin = req.headers.origin
  // Non-browser clients (CLI, tests) send no Origin; browsers always do on WebSocket and POST.
  if (origin == null) return { ok: true }
  if (!LOOPBACK_NAMES.some(n => origin === `http://${n}:${port}`)) {
    return { ok: false, status: 403, reason: `Origin "${origin}" may not use this API` }
  }
  return { ok: true }
}

export function checkToken (req: IncomingMessage, token: string): GuardResult {
  const auth = req.headers.authorization
  if (auth?.startsWith('Bearer ') === true && tokensEqual(auth.slice(7).trim(), token)) return { ok: true }
  const protocols = (req.headers['sec-websocket-protocol'] ?? '').split(',').map(s => s.trim())
  const offered = protocols.find(p => p.startsWith(TOKEN_SUBPROTOCOL_PREFIX))
  if (offered != null && tokensEqual(offered.slice(TOKEN_SUBPROTOCOL_PREFIX.length), token)) return { ok: true }
  return { ok: false, status: 401, reason: auth == null && offered == null ? 'missing API token' : 'wrong API token' }
}

export function checkAll (req: IncomingMessage, port: number, token: string): GuardResult {
  for (const r of [checkHost(req, port), checkOrigin(req, port), checkToken(req, token)]) {
    if (!r.ok) return r
  }
  return { ok: true }
}
