// What a media session needs from the network, as interfaces: open a stream of a kind to
// the peer, take over the peer's streams of this call, and read the path's statistics.
// The daemon implements them over libp2p (below); unit tests over in-memory stream pairs.
import type { Connection, Stream } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import { isQuic, isRelayed } from '../p2p/address-sorter.js'
import type { ParleyLibp2p } from '../p2p/node.js'
import { quicPathStats } from '../p2p/quic-stats.js'
import type { QuicPathStats } from '../p2p/quic-stats.js'
import { MEDIA_PROTOCOL, MEDIA_STREAM_OPEN_TIMEOUT_MS } from './constants.js'
import type { MediaStreamSink } from './media-router.js'
import { encodeStreamHeader } from './stream-header.js'
import type { StreamKindName } from './stream-header.js'

/** Outbound side of one call's media. */
export interface MediaLink {
  /** A new one-way stream to the peer, its stream header already written. */
  open: (kind: StreamKindName) => Promise<Stream>
  /** The QUIC path of the call's connection as the QUIC engine sees it; null over TCP or when unknown. */
  pathStats: () => QuicPathStats | null
}

/** Inbound side: the demultiplexer that hands a call's streams to its session (MediaRouter). */
export interface InboundMedia {
  register: (callId: string, sink: MediaStreamSink) => void
  unregister: (callId: string) => void
}

/** The link over the daemon's libp2p node: media streams on the call's connection. */
export function libp2pMediaLink (node: ParleyLibp2p, peerId: string, callId: string): MediaLink {
  const remote = peerIdFromString(peerId)
  // the call's QUIC connection when there is one, also if a TCP one to the peer is open too
  // (libp2p would pick either, docs/protocol.md §4); then a direct one; a relayed one last
  const connection = (): Connection | undefined => {
    const open = node.getConnections(remote).filter(c => c.status === 'open')
    return open.find(c => isQuic(c.remoteAddr)) ?? open.find(c => !isRelayed(c.remoteAddr)) ?? open[0]
  }
  return {
    open: async (kind) => {
      const signal = AbortSignal.timeout(MEDIA_STREAM_OPEN_TIMEOUT_MS)
      const conn = connection()
      const opts = { signal, runOnLimitedConnection: true }
      const s = conn != null ? await conn.newStream(MEDIA_PROTOCOL, opts) : await node.dialProtocol(remote, MEDIA_PROTOCOL, opts)
      s.send(encodeStreamHeader({ kind, callId }))
      return s
    },
    pathStats: () => {
      const conn = connection()
      // a relayed connection's QUIC statistics would be those of the hop to the relay, not of the path to the peer
      return conn != null && !isRelayed(conn.remoteAddr) ? quicPathStats(conn) : null
    }
  }
}
