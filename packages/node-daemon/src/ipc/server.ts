// IPC server: JSON-RPC over HTTP POST and WebSocket at /rpc on 127.0.0.1, the binary
// media WebSocket at /media, plus the GUI's static files. Notifications go to every open
// /rpc WebSocket.
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { JSONRPC_VERSION, MAX_RPC_BODY_BYTES, MEDIA_MAX_MESSAGE_BYTES, MEDIA_PATH, MEDIA_SUBPROTOCOL, RPC_PATH, RPC_SUBPROTOCOL } from '@parley/core/ipc'
import type { NotificationName, NotificationParams } from '@parley/core/ipc'
import { WebSocketServer } from 'ws'
import type { WebSocket } from 'ws'
import type { Logger } from '../logger.js'
import { dispatch } from './dispatch.js'
import type { Handlers } from './dispatch.js'
import { checkAll, checkHost, checkOrigin } from './guard.js'
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
}

export interface IpcServer {
  port: number
  notify: <N extends NotificationName>(name: N, params: NotificationParams<N>) => void
  close: () => Promise<void>
}

export async function startIpcServer (opts: IpcServerOptions): Promise<IpcServer> {
  const { token, handlers, log } = opts
  let port = opts.port
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

  const server: Server = createServer((req, res) => {
    handleHttp(req, res).catch(err => {
      log.error('http handler failed', { error: (err as Error).message })
      if (!res.headersSent) res.writeHead(500).end()
    })
  })

  async function handleHttp (req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (url.pathname === HANDOFF_PATH && opts.handoff != null) { await handoff(req, res, opts.handoff); return }
    if (url.pathname !== RPC_PATH) {
      // Static GUI files carry no secrets; the Host check still applies (DNS rebinding).
      const guard = checkAll(req, port, token)
      if (!guard.ok && guard.status === 403) { reject(res, guard.status, guard.reason); return }
      await serveStatic(req, res, url.pathname, opts.guiDir)
      return
    }
    const guard = checkAll(req, port, token)
    if (!guard.ok) { reject(res, guard.status, guard.reason); log.warn('rpc refused', { reason: guard.reason }); return }
    if (req.method !== 'POST') { reject(res, 405, 'use POST (or a WebSocket upgrade)'); return }
    const body = await readBody(req, MAX_RPC_BODY_BYTES)
    if (body == null) { reject(res, 413, `request larger than ${MAX_RPC_BODY_BYTES} bytes`); return }
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
      if (!g.ok) { reject(res, g.status, g.reason); log.warn('gui handoff refused', { reason: g.reason }); return }
    }
    if (req.method !== 'POST') { reject(res, 405, 'use POST'); return }
    const body = await readBody(req, HANDOFF_MAX_BODY_BYTES)
    if (body == null) { reject(res, 413, `request larger than ${HANDOFF_MAX_BODY_BYTES} bytes`); return }
    let code: unknown
    try { code = (JSON.parse(body) as { code?: unknown }).code } catch {}
    if (typeof code !== 'string') { reject(res, 400, 'expected {"code": "<one-time code>"}'); return }
    if (!codes.redeem(code)) { reject(res, 410, 'this code is spent, expired or unknown: run `parley gui` again'); return }
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }).end(JSON.stringify({ token }))
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const isMedia = url.pathname === MEDIA_PATH && opts.onMediaSocket != null
    const guard = url.pathname === RPC_PATH || isMedia ? checkAll(req, port, token) : { ok: false as const, status: 403 as const, reason: 'no WebSocket here' }
    if (!guard.ok) {
      log.warn('websocket refused', { reason: guard.reason })
      socket.end(`HTTP/1.1 ${guard.status} ${guard.status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`)
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
      server.closeAllConnections()
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  }
}

function reject (res: ServerResponse, status: number, reason: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(reason + '\n')
}

async function readBody (req: IncomingMessage, max: number): Promise<string | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > max) { req.destroy(); return undefined }
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}
