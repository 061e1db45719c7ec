// Typed IPC client for Node and the browser. Calls go over the WebSocket once
// `connect()` has opened it (needed for notifications), otherwise over HTTP POST.
import { FixedCodeError } from '../errors.js'
import { DEFAULT_RPC_TIMEOUT_MS, RPC_PATH, RPC_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX } from './constants.js'
import { JSONRPC_VERSION, RpcError, isRpcFailure } from './jsonrpc.js'
import type { RpcNotification, RpcResponse } from './jsonrpc.js'
import type { MethodName, ParamsOf, ResultOf } from './methods.js'
import type { NotificationName, NotificationParams } from './notifications.js'

/** The part of the WHATWG WebSocket that the client uses (satisfied by browsers and `ws`). */
export interface WebSocketLike {
  readonly readyState: number
  send: (data: string) => void
  close: (code?: number, reason?: string) => void
  onopen: ((ev: unknown) => void) | null
  onclose: ((ev: unknown) => void) | null
  onerror: ((ev: unknown) => void) | null
  onmessage: ((ev: { data: unknown }) => void) | null
}
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike

export interface ClientOptions {
  /** Base URL of the daemon, e.g. `http://127.0.0.1:7373`. */
  url: string
  /** API bearer token (the `api-token` file in the data dir). */
  token: string
  /** WebSocket implementation; default `globalThis.WebSocket` (Node ≥ 22, browsers). */
  WebSocket?: WebSocketConstructor
  /** Per-call timeout in ms; default DEFAULT_RPC_TIMEOUT_MS (30 s). */
  timeoutMs?: number
}

export class ClientClosedError extends FixedCodeError {
  static override readonly name = 'ClientClosedError'
  static readonly code = 'IPC_CLOSED'
}

export class DaemonUnreachableError extends FixedCodeError {
  static override readonly name = 'DaemonUnreachableError'
  static readonly code = 'IPC_UNREACHABLE'
}

type Listener = (params: never) => void

interface Pending {
  resolve: (v: unknown) => void
  reject: (e: Error) => void
  cleanup: () => void
}

export class ParleyClient {
  private readonly url: string
  private readonly token: string
  private readonly WS: WebSocketConstructor | undefined
  private readonly timeoutMs: number
  private ws: WebSocketLike | undefined
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private readonly listeners = new Map<string, Set<Listener>>()
  private readonly closeListeners = new Set<() => void>()

  constructor (opts: ClientOptions) {
    this.url = opts.url.replace(/\/$/, '')
    this.token = opts.token
    this.WS = opts.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_RPC_TIMEOUT_MS
  }

  get connected (): boolean {
    return this.ws?.readyState === 1
  }

  /** Open the WebSocket; resolves once it is open. */
  async connect (): Promise<void> {
    if (this.connected) return
    if (this.WS == null) throw new Error('no WebSocket implementation: pass options.WebSocket')
    const wsUrl = this.url.replace(/^http/, 'ws') + RPC_PATH
    const ws = new this.WS(wsUrl, [RPC_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX + this.token])
    this.ws = ws
    await new Promise<void>((resolve, reject) => {
      ws.onopen = () => { resolve() }
      ws.onerror = () => { reject(new DaemonUnreachableError(`cannot open WebSocket to ${wsUrl} (daemon down or token refused)`)) }
      ws.onclose = () => { reject(new DaemonUnreachableError(`WebSocket to ${wsUrl} closed during handshake`)) }
    })
    ws.onmessage = (ev) => { this.onMessage(ev.data) }
    ws.onerror = () => {}
    ws.onclose = () => {
      if (this.ws === ws) this.ws = undefined
      for (const p of this.pending.values()) p.reject(new ClientClosedError('connection to the daemon closed'))
      this.pending.clear()
      for (const l of this.closeListeners) l()
    }
  }

  /** Subscribe to a daemon notification; returns an unsubscribe function. */
  on<N extends NotificationName>(name: N, listener: (params: NotificationParams<N>) => void): () => void {
    let set = this.listeners.get(name)
    if (set == null) { set = new Set(); this.listeners.set(name, set) }
    set.add(listener as Listener)
    return () => { set?.delete(listener as Listener) }
  }

  /** Called when the WebSocket closes (daemon stopped or restarted). */
  onClose (listener: () => void): () => void {
    this.closeListeners.add(listener)
    return () => { this.closeListeners.delete(listener) }
  }

  async call<M extends MethodName>(method: M, ...args: undefined extends ParamsOf<M> ? [params?: ParamsOf<M>, opts?: { signal?: AbortSignal }] : [params: ParamsOf<M>, opts?: { signal?: AbortSignal }]): Promise<ResultOf<M>> {
    const [params, opts] = args
    const signal = opts?.signal != null
      ? AbortSignal.any([opts.signal, AbortSignal.timeout(this.timeoutMs)])
      : AbortSignal.timeout(this.timeoutMs)
    if (this.connected) return await this.callWs(method, params, signal) as ResultOf<M>
    return await this.callHttp(method, params, signal) as ResultOf<M>
  }

  close (): void {
    this.ws?.close(1000, 'client closed')
    this.ws = undefined
  }

  private async callHttp (method: string, params: unknown, signal: AbortSignal): Promise<unknown> {
    let res: Response
    try {
      res = await fetch(this.url + RPC_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify({ jsonrpc: JSONRPC_VERSION, id: this.nextId++, method, params }),
        signal
      })
    } catch (err) {
      if (signal.aborted) throw err
      throw new DaemonUnreachableError(`cannot reach the daemon at ${this.url}: ${(err as Error).message}`)
    }
    if (res.status === 401) throw new RpcError({ code: -32000, message: 'API token refused (401)', data: { code: 'IPC_UNAUTHORIZED' } })
    const body = await res.json() as RpcResponse
    if (isRpcFailure(body)) throw new RpcError(body.error)
    return body.result
  }

  private async callWs (method: string, params: unknown, signal: AbortSignal): Promise<unknown> {
    const id = this.nextId++
    return await new Promise((resolve, reject) => {
      const onAbort = (): void => { this.pending.delete(id); reject(signal.reason as Error) }
      signal.addEventListener('abort', onAbort, { once: true })
      this.pending.set(id, { resolve, reject, cleanup: () => { signal.removeEventListener('abort', onAbort) } })
      this.ws?.send(JSON.stringify({ jsonrpc: JSONRPC_VERSION, id, method, params }))
    })
  }

  private onMessage (data: unknown): void {
    let msg: RpcResponse | RpcNotification
    try {
      msg = JSON.parse(typeof data === 'string' ? data : String(data)) as RpcResponse | RpcNotification
    } catch {
      return
    }
    if ('method' in msg) {
      for (const l of this.listeners.get(msg.method) ?? []) (l as (p: unknown) => void)(msg.params)
      return
    }
    if (typeof msg.id !== 'number') return
    const p = this.pending.get(msg.id)
    if (p == null) return
    this.pending.delete(msg.id)
    p.cleanup()
    if (isRpcFailure(msg)) p.reject(new RpcError(msg.error))
    else p.resolve(msg.result)
  }
}
