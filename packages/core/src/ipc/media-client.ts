// Client end of the /media WebSocket, for Node (`ws`) and browsers alike.
import type { WebSocketLike } from './client.js'
import { TOKEN_SUBPROTOCOL_PREFIX } from './constants.js'
import { MEDIA_PATH, MEDIA_SUBPROTOCOL, decodeMediaSocketFrame, encodeMediaSocketFrame } from './media-socket.js'
import type { MediaSocketFrame } from './media-socket.js'

/** The RPC client's WebSocket, sending bytes instead of text (browsers and `ws` alike). */
export interface BinaryWebSocketLike extends Omit<WebSocketLike, 'send' | 'onclose'> {
  binaryType: string
  /** Bytes queued but not yet sent. */
  readonly bufferedAmount: number
  send: (data: Uint8Array) => void
  onclose: ((ev: { code: number, reason: string }) => void) | null
}
export type BinaryWebSocketConstructor = new (url: string, protocols?: string | string[]) => BinaryWebSocketLike

export interface MediaClientOptions {
  /** Base URL of the daemon, e.g. `http://127.0.0.1:7373`. */
  url: string
  token: string
  /** Default `globalThis.WebSocket`. */
  WebSocket?: BinaryWebSocketConstructor
  /** Each decoded remote frame, as the daemon plays it out. */
  onFrame?: (frame: MediaSocketFrame, receivedAtMs: number) => void
  /** The socket closed (daemon stopped, or it refused a frame: code 1007 with the reason). */
  onClose?: (code: number, reason: string) => void
}

const OPEN = 1

export class MediaClient {
  private ws: BinaryWebSocketLike | undefined
  constructor (private readonly o: MediaClientOptions) {}

  async connect (): Promise<void> {
    const WS = this.o.WebSocket ?? (globalThis as { WebSocket?: BinaryWebSocketConstructor }).WebSocket
    if (WS == null) throw new Error('no WebSocket implementation: pass one in the options')
    const url = this.o.url.replace(/^http/, 'ws').replace(/\/$/, '') + MEDIA_PATH
    const ws = new WS(url, [MEDIA_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX + this.o.token])
    ws.binaryType = 'arraybuffer'
    this.ws = ws
    await new Promise<void>((resolve, reject) => {
      ws.onopen = () => { resolve() }
      ws.onerror = () => { reject(new Error(`media socket to ${url} failed`)) }
      ws.onclose = (ev) => { reject(new Error(`media socket closed before opening (${ev.code})`)) }
    })
    ws.onerror = null
    ws.onclose = (ev) => { this.o.onClose?.(ev.code, ev.reason) }
    ws.onmessage = (ev) => {
      const at = nowMs()
      if (!(ev.data instanceof ArrayBuffer)) return
      try {
        this.o.onFrame?.(decodeMediaSocketFrame(new Uint8Array(ev.data)), at)
      } catch {
        // a frame we cannot read is skipped: the daemon is trusted, but versions may differ
      }
    }
  }

  get open (): boolean { return this.ws?.readyState === OPEN }
  /** Bytes waiting to go out (a caller drops video when this grows). */
  get bufferedAmount (): number { return this.ws?.bufferedAmount ?? 0 }

  /** Send a captured frame; false when the socket is not open. */
  send (frame: MediaSocketFrame): boolean {
    if (this.ws?.readyState !== OPEN) return false
    this.ws.send(encodeMediaSocketFrame(frame))
    return true
  }

  /** Send bytes already encoded with encodeMediaSocketFrame (a frame sent to several sockets). */
  sendEncoded (bytes: Uint8Array): boolean {
    if (this.ws?.readyState !== OPEN) return false
    this.ws.send(bytes)
    return true
  }

  close (): void { this.ws?.close(1000, 'done') }
}

/** Wall-clock ms with sub-ms precision, comparable between processes on one machine. */
export function nowMs (): number { return performance.timeOrigin + performance.now() }
