// Inbound media streams: read the stream header, find the call it names, check the
// stream comes from that call's peer, and hand it over. Streams for unknown or ended
// calls, from the wrong peer, or with a bad header are reset and counted — a peer
// cannot make the daemon hold streams it has no call for.
import type { Connection, Stream } from '@libp2p/interface'
import type { Logger } from '../logger.js'
import type { ParleyLibp2p } from '../p2p/node.js'
import { MAX_INBOUND_MEDIA_STREAMS, MEDIA_PROTOCOL, STREAM_HEADER_TIMEOUT_MS } from './constants.js'
import { BadStreamHeaderError, decodeStreamHeader, streamHeaderLength } from './stream-header.js'
import type { StreamKindName } from './stream-header.js'
import { chunkBytes } from './stream-io.js'

export interface MediaStreamSink {
  peerId: string
  /** Take over a stream; `leftover` are bytes that arrived with the header. */
  accept: (kind: StreamKindName, stream: Stream, leftover: Uint8Array) => void
}

export interface RouterStats {
  streamsAccepted: number
  rejected: Record<string, number>
}

export class MediaRouter {
  private readonly calls = new Map<string, MediaStreamSink>()
  readonly stats: RouterStats = { streamsAccepted: 0, rejected: {} }

  constructor (private readonly node: ParleyLibp2p, private readonly log: Logger) {}

  async start (): Promise<void> {
    await this.node.handle(MEDIA_PROTOCOL, (stream, connection) => { this.onStream(stream, connection) }, {
      maxInboundStreams: MAX_INBOUND_MEDIA_STREAMS,
      // a relayed connection is "limited", but Parley's relays allow hours and gigabytes per
      // circuit (p2p/relay.ts): a call may run through one
      runOnLimitedConnection: true
    })
  }

  async stop (): Promise<void> {
    try { await this.node.unhandle(MEDIA_PROTOCOL) } catch {}
  }

  register (callId: string, sink: MediaStreamSink): void {
    this.calls.set(callId, sink)
  }

  unregister (callId: string): void {
    this.calls.delete(callId)
  }

  private reject (stream: Stream, code: string, detail: string): void {
    this.stats.rejected[code] = (this.stats.rejected[code] ?? 0) + 1
    if (this.stats.rejected[code] === 1) this.log.warn('media stream refused', { code, detail })
    stream.abort(new BadStreamHeaderError(detail))
  }

  private onStream (stream: Stream, connection: Connection): void {
    let buf = new Uint8Array(0)
    const timer = setTimeout(() => { this.reject(stream, 'MEDIA_HEADER_TIMEOUT', 'no stream header') }, STREAM_HEADER_TIMEOUT_MS)
    const onMessage = (evt: { data: Uint8Array | { subarray: () => Uint8Array } }): void => {
      const chunk = chunkBytes(evt.data)
      const merged = new Uint8Array(buf.length + chunk.length)
      merged.set(buf)
      merged.set(chunk, buf.length)
      buf = merged
      let len: number | undefined
      try {
        len = streamHeaderLength(buf)
      } catch (err) {
        done(); this.reject(stream, 'MEDIA_BAD_STREAM_HEADER', (err as Error).message); return
      }
      if (len == null) return
      done()
      let header
      try {
        header = decodeStreamHeader(buf.subarray(0, len))
      } catch (err) {
        this.reject(stream, 'MEDIA_BAD_STREAM_HEADER', (err as Error).message); return
      }
      const call = this.calls.get(header.callId)
      if (call == null) { this.reject(stream, 'MEDIA_UNKNOWN_CALL', `no call ${header.callId}`); return }
      if (call.peerId !== connection.remotePeer.toString()) { this.reject(stream, 'MEDIA_WRONG_PEER', `call ${header.callId} is not with ${connection.remotePeer.toString()}`); return }
      this.stats.streamsAccepted++
      call.accept(header.kind, stream, buf.subarray(len))
    }
    const done = (): void => {
      clearTimeout(timer)
      stream.removeEventListener('message', onMessage as never)
    }
    stream.addEventListener('message', onMessage as never)
  }
}
