// The /media WebSocket, kept open while the page runs: reconnects with back-off like the
// RPC socket, so a restarted daemon gets the page's media again without a reload.
import { MediaClient } from '@parley/core/ipc/media-client'
import type { MediaSocketFrame } from '@parley/core/ipc/media-socket'

const RECONNECT_MIN_MS = 500
const RECONNECT_MAX_MS = 5_000

export class MediaLink {
  private readonly client: MediaClient
  private retryMs = RECONNECT_MIN_MS
  private retryTimer: ReturnType<typeof setTimeout> | undefined
  private connecting = false
  private stopped = false

  constructor (url: string, token: string, onFrame: (f: MediaSocketFrame) => void) {
    this.client = new MediaClient({
      url,
      token,
      onFrame,
      onClose: () => { this.scheduleReconnect() }
    })
  }

  get open (): boolean { return this.client.open }
  get bufferedAmount (): number { return this.client.bufferedAmount }

  send (frame: MediaSocketFrame): boolean { return this.client.send(frame) }

  /** Connect now if not open (the RPC socket just came back, so the daemon is up). */
  connect (): void {
    if (this.stopped || this.connecting || this.client.open) return
    clearTimeout(this.retryTimer)
    this.retryTimer = undefined
    this.connecting = true
    this.client.connect().then(() => {
      this.retryMs = RECONNECT_MIN_MS
    }, () => {
      this.scheduleReconnect()
    }).finally(() => { this.connecting = false })
  }

  stop (): void {
    this.stopped = true
    clearTimeout(this.retryTimer)
    this.client.close()
  }

  private scheduleReconnect (): void {
    if (this.stopped || this.retryTimer != null) return
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined
      this.connect()
    }, this.retryMs)
    this.retryMs = Math.min(this.retryMs * 2, RECONNECT_MAX_MS)
  }
}
