// The control stream of a call, outbound half: receiver reports, keyframe requests and
// ping/pong. Pongs give the RTT and the offset between the peer's clock and ours, which
// the receive side uses to turn the peer's capture times into our time.
import type { Stream } from '@libp2p/interface'
import type { Clock } from '@parley/media'
import { MEDIA_STREAM_CLOSE_TIMEOUT_MS, PING_INTERVAL_MS } from './constants.js'
import { encodeControl } from './control.js'
import type { ControlMessage, ReceiverReport } from './control.js'
import { closeOrAbort } from './stream-io.js'
import { every } from './ticker.js'

export interface ControlHandlers {
  /** The peer asks for a keyframe (its decoder lost the picture). */
  onKeyframeRequest: () => void
  onReport: (report: ReceiverReport) => void
}

export class ControlChannel {
  private stream: Stream | undefined
  /** Round trip of the last ping, ms (null before the first pong). */
  rttMs: number | null = null
  /** The peer's clock minus ours, ms, assuming a symmetric path. */
  clockOffsetMs = 0

  constructor (private readonly clock: Clock, private readonly handlers: ControlHandlers) {}

  /** Use this stream from now on (the call started, or reconnected). */
  attach (stream: Stream): void { this.stream = stream }

  /** Pings every PING_INTERVAL_MS until the signal aborts. */
  startPings (signal: AbortSignal): void {
    every(this.clock, PING_INTERVAL_MS, signal, () => { this.send({ type: 'ping', t: this.clock.nowMs() }) })
  }

  /** Sends if the stream is open; control messages are not queued across a reconnect. */
  send (msg: ControlMessage): void {
    if (this.stream?.writeStatus === 'writable') this.stream.send(encodeControl(msg))
  }

  /** A message from the peer's control stream. */
  receive (m: ControlMessage): void {
    const now = this.clock.nowMs()
    switch (m.type) {
      case 'ping': this.send({ type: 'pong', t: m.t, peerNowMs: now }); break
      case 'pong':
        this.rttMs = now - m.t
        this.clockOffsetMs = m.peerNowMs - (m.t + this.rttMs / 2)
        break
      case 'keyframe': this.handlers.onKeyframeRequest(); break
      case 'report': this.handlers.onReport(m); break
    }
  }

  abort (why: string): void {
    this.stream?.abort(new Error(why))
    this.stream = undefined
  }

  async close (): Promise<void> {
    const s = this.stream
    this.stream = undefined
    if (s != null) await closeOrAbort(s, MEDIA_STREAM_CLOSE_TIMEOUT_MS)
  }
}
