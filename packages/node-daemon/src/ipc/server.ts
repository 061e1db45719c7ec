// IPC server: JSON-RPC over HTTP POST and WebSocket at /rpc on 127.0.0.1, the binary
// media WebSocket at /media, plus the GUI's static files. Notifications go to every open
// /rpc WebSocket. Every request and upgrade path is wrapped so that a bad request closes
// its own socket and nothing else (docs/operations.md, "IPC limits").
import { STATUS_CODES, createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { JSONRPC_VERSION, MAX_RPC_BODY_BYTES, MEDIA_MAX_MESSAGE_BYTES, MEDIA_PATH, MEDIA_SUBPROTOCOL, RPC_PATH, RPC_SUBPROTOCOL } from '@parley/core/ipc'
import type { NotificationName, NotificationParams } from '@parley/core/ipc'
import { WebSocketServer } from 'ws'
import type { WebSocket } from 'ws'
import type { Logger } from '../logger.js'
import { RateLimitedLog } from '../rate-limited-log.js'
import {
  IPC_HEADERS_TIMEOUT_MS, IPC_KEEP_ALIVE_TIMEOUT_MS, IPC_MAX_CONNECTIONS, IPC_REFUSED_LOG_LINES, IPC_REFUSED_LOG_WINDOW_MS,
  IPC_REQUEST_TIMEOUT_MS, IPC_TIMEOUT_CHECK_INTERVAL_MS, IPC_DISCARD_BODY_MAX_BYTES
} from './constants.js'
import { dispatch } from './dispatch.js'
import type { Handlers } from './dispatch.js'
import { checkAll, checkHost, checkOrigin } from './guard.js'
import type { GuardResult } from './guard.js'
import { HANDOFF_MAX_BODY_BYTES, HANDOFF_PATH } from './handoff.js'
import type { HandoffCodes } from './handoff.js'
import { serveStatic } from './static.js'

export interface IpcServerOptions {
  /** 0 = any free port. */
  port: number
  token: string
  handlers: Handlers
  log: Logger
  /** Directory of the built GUI; when absent a short page says how to build it. */
  guiDir?: string
  /** One-time GUI codes redeemed at POST /gui-handoff; without it the path is not served. */
  handoff?: HandoffCodes
  /** Takes each authenticated /media WebSocket; without it /media is refused. */
  onMediaSocket?: (ws: WebSocket) => void
  /** Open connections at most (default IPC_MAX_CONNECTIONS). */
  maxConnections?: number
}

export interface IpcServer {
  port: number
  notify: <N extends NotificationName>(name: N, params: NotificationParams<N>) => void
  close: () => Promise<void>
}

export async function startIpcServer (opts: IpcServerOptions): Promise<IpcServer> {
  const { token, handlers, log } = opts
  let port = opts.port
  // Anyone can make the server refuse them, as often as they like: those lines are rate-limited.
  const refused = new RateLimitedLog(log, { lines: IPC_REFUSED_LOG_LINES, windowMs: IPC_REFUSED_LOG_WINDOW_MS, what: 'refused IPC requests' })
  // A client that aborts its body half-way (no token needed at /gui-handoff) fails a handler at will too.
  const failed = new RateLimitedLog(log, { lines: IPC_REFUSED_LOG_LINES, windowMs: IPC_REFUSED_LOG_WINDOW_MS, what: 'failed IPC requests', level: 'error' })
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_RPC_BODY_BYTES,
    // Answer with the RPC subprotocol only: echoing the token subprotocol would leak it.
    handleProtocols: (protocols) => protocols.has(RPC_SUBPROTOCOL) ? RPC_SUBPROTOCOL : false
  })
  const mediaWss = new WebSocketServer({
    noServer: true,
    maxPayload: MEDIA_MAX_MESSAGE_BYTES,
    handleProtocols: (protocols) => protocols.has(MEDIA_SUBPROTOCOL) ? MEDIA_SUBPROTOCOL : false
  })
  const clients = new Set<WebSocket>()
  const mediaClients = new Set<WebSocket>()

  const server: Server = createServer({
    headersTimeout: IPC_HEADERS_TIMEOUT_MS,
    requestTimeout: IPC_REQUEST_TIMEOUT_MS,
    connectionsCheckingInterval: IPC_TIMEOUT_CHECK_INTERVAL_MS
  }, (req, res) => {
    handleHttp(req, res).catch(err => {
      failed.log('http handler failed', { error: (err as Error).message })
      if (!res.headersSent) res.writeHead(500, { connection: 'close' }).end()
      else res.destroy()
    })
  })
  server.keepAliveTimeout = IPC_KEEP_ALIVE_TIMEOUT_MS
  server.maxConnections = opts.maxConnections ?? IPC_MAX_CONNECTIONS
  server.on('drop', () => { refused.log('connection refused: too many open connections', { max: server.maxConnections }) })

  async function handleHttp (req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = parseTarget(req.url)
    if (url == null) { refuse(res, 'http', 400, 'bad request target'); return }
    if (url.pathname === HANDOFF_PATH && opts.handoff != null) { await handoff(req, res, opts.handoff); return }
    if (url.pathname !== RPC_PATH) {
      // Static GUI files carry no secrets; the Host check still applies (DNS rebinding).
      const guard = checkAll(req, port, token)
      if (!guard.ok && guard.status === 403) { refuse(res, 'static', guard.status, guard.reason); return }
      await serveStatic(req, res, url.pathname, opts.guiDir)
      return
    }
    const guard = checkAll(req, port, token)
    if (!guard.ok) { refuse(res, 'rpc', guard.status, guard.reason); return }
    if (req.method !== 'POST') { reject(res, 405, 'use POST (or a WebSocket upgrade)'); return }
    const body = await readBody(req, res, MAX_RPC_BODY_BYTES)
    if (body == null) return
    const response = await dispatch(handlers, body, log)
    if (response == null) { res.writeHead(204).end(); return }
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(response))
  }

  /**
   * The page trades a one-time code for the token. No token is needed to ask (that is
   * the point), but Host and Origin are checked like everywhere else, so another site's
   * page cannot redeem a code it somehow learnt.
   */
  async function handoff (req: IncomingMessage, res: ServerResponse, codes: HandoffCodes): Promise<void> {
    for (const g of [checkHost(req, port), checkOrigin(req, port)]) {
      if (!g.ok) { refuse(res, 'gui handoff', g.status, g.reason); return }
    }
    if (req.method !== 'POST') { reject(res, 405, 'use POST'); return }
    const body = await readBody(req, res, HANDOFF_MAX_BODY_BYTES)
    if (body == null) return
    let code: unknown
    try { code = (JSON.parse(body) as { code?: unknown }).code } catch {}
    if (typeof code !== 'string') { reject(res, 400, 'expected {"code": "<one-time code>"}'); return }
    if (!codes.redeem(code)) { refuse(res, 'gui handoff', 410, 'this code is spent, expired or unknown: run `parley gui` again'); return }
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }).end(JSON.stringify({ token }))
  }

  function refuse (res: ServerResponse, where: string, status: number, reason: string): void {
    refused.log(`${where} refused`, { status, reason })
    reject(res, status, reason)
  }

  function handleUpgrade (req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = parseTarget(req.url)
    const isMedia = url?.pathname === MEDIA_PATH && opts.onMediaSocket != null
    const guard: GuardResult | { ok: false, status: 400, reason: string } = url == null
      ? { ok: false, status: 400, reason: 'bad request target' }
      : url.pathname === RPC_PATH || isMedia ? checkAll(req, port, token) : { ok: false, status: 403, reason: 'no WebSocket here' }
    if (!guard.ok) {
      refused.log('websocket refused', { status: guard.status, reason: guard.reason })
      refuseSocket(socket, guard.status)
      return
    }
    if (isMedia) {
      mediaWss.handleUpgrade(req, socket, head, (ws) => {
        if (ws.protocol !== MEDIA_SUBPROTOCOL) { ws.close(1002, `offer the ${MEDIA_SUBPROTOCOL} subprotocol`); return }
        mediaClients.add(ws)
        ws.on('close', () => mediaClients.delete(ws))
        opts.onMediaSocket?.(ws)
      })
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws)
      ws.on('close', () => clients.delete(ws))
      ws.on('error', () => clients.delete(ws))
      ws.on('message', (data, isBinary) => {
        if (isBinary) { ws.close(1003, 'JSON-RPC is text'); return }
        dispatch(handlers, data.toString(), log).then(response => {
          if (response != null && ws.readyState === ws.OPEN) ws.send(JSON.stringify(response))
        }, err => { log.error('ws dispatch failed', { error: (err as Error).message }) })
      })
    })
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node hands an upgraded socket over without an error listener: a reset would be an
    // uncaught exception, and a throw below would leave the socket open for good.
    socket.on('error', () => { socket.destroy() })
    try {
      handleUpgrade(req, socket, head)
    } catch (err) {
      refused.log('websocket upgrade failed', { error: (err as Error).message })
      socket.destroy()
    }
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => { server.off('error', reject); resolve() })
  })
  port = (server.address() as AddressInfo).port

  return {
    port,
    notify: (name, params) => {
      const text = JSON.stringify({ jsonrpc: JSONRPC_VERSION, method: name, params })
      for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(text)
    },
    close: async () => {
      for (const ws of [...clients, ...mediaClients]) ws.close(1001, 'daemon stopping')
      wss.close()
      mediaWss.close()
      opts.handoff?.forgetAll()
      refused.close()
      failed.close()
      server.closeAllConnections()
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  }
}

/** The request target as a URL, or undefined when it is not one (e.g. `http://[::1`). */
function parseTarget (target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://localhost')
  } catch {
    return undefined
  }
}

function reject (res: ServerResponse, status: number, reason: string): void {
  // A client that sent garbage gets no second request on this connection.
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...(status === 400 ? { connection: 'close' } : {}) }).end(reason + '\n')
}

/** Answers a refused upgrade and closes the socket once the answer is out (or at once if it cannot be written). */
function refuseSocket (socket: Duplex, status: number): void {
  const closer = setTimeout(() => socket.destroy(), IPC_HEADERS_TIMEOUT_MS)
  closer.unref()
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`, () => {
    clearTimeout(closer)
    socket.destroy()
  })
}

/**
 * The body as text, or undefined after answering 413 when it is larger than `max`. A declared
 * length is checked before reading anything.
 */
async function readBody (req: IncomingMessage, res: ServerResponse, max: number): Promise<string | undefined> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > max) {
    tooLarge(req, res, max)
    return undefined
  }
  // events, not `for await`: leaving that loop early destroys the request (a reset, no 413)
  return await new Promise<string | undefined>((resolve, reject_) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer): void => {
      size += chunk.length
      if (size <= max) { chunks.push(chunk); return }
      req.off('data', onData)
      req.off('end', onEnd)
      tooLarge(req, res, max)
      resolve(undefined)
    }
    const onEnd = (): void => { resolve(Buffer.concat(chunks).toString('utf8')) }
    req.on('data', onData)
    req.once('end', onEnd)
    req.once('error', reject_)
    // a client that went away mid-body: nothing to answer (resolving after 'end' changes nothing)
    req.once('close', () => { resolve(undefined) })
  })
}

/**
 * 413, and the rest of the body read and dropped so the client, still sending, gets to read the
 * answer: closing at once reset the connection under it (ECONNRESET instead of a 413). Dropping
 * is bounded (IPC_DISCARD_BODY_MAX_BYTES, and the request timeout) so it cannot be made to read forever.
 */
function tooLarge (req: IncomingMessage, res: ServerResponse, max: number): void {
  // no `connection: close`: Node would destroy the socket as soon as the answer is out
  reject(res, 413, `request larger than ${max} bytes`)
  let dropped = 0
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length
    if (dropped > IPC_DISCARD_BODY_MAX_BYTES) req.destroy()
  })
  req.resume()
}
