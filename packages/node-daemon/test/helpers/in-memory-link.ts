// Two ends of a call's media path without libp2p: each side's MediaLink opens an
// in-memory stream pair (@libp2p/utils streamPair, real libp2p streams) and hands the far
// end straight to the other side's registered session, as the media router would after
// reading the stream header. Frames can be dropped on the way to simulate loss.
import type { Stream } from '@libp2p/interface'
import { streamPair } from '@libp2p/utils'
import type { InboundMedia, MediaLink } from '../../src/media-transport/media-link.js'
import type { MediaStreamSink } from '../../src/media-transport/media-router.js'
import type { QuicPathStats } from '../../src/p2p/quic-stats.js'
import type { StreamKindName } from '../../src/media-transport/stream-header.js'

export interface Side {
  link: MediaLink
  router: InboundMedia
  /** Streams this side opened, per kind. */
  opened: Record<StreamKindName, number>
  /** Drop this side's outgoing media messages for which this returns true (the nth message of a stream kind). */
  drop: (kind: StreamKindName, n: number) => boolean
  /** What pathStats() returns. */
  path: QuicPathStats | null
}

export function inMemoryCall (callId: string): { a: Side, b: Side } {
  const sinks = { a: new Map<string, MediaStreamSink>(), b: new Map<string, MediaStreamSink>() }
  const side = (self: 'a' | 'b', peer: 'a' | 'b'): Side => {
    const sent: Record<StreamKindName, number> = { control: 0, audio: 0, video: 0 }
    const s: Side = {
      opened: { control: 0, audio: 0, video: 0 },
      drop: () => false,
      path: null,
      router: {
        register: (id, sink) => { sinks[self].set(id, sink) },
        unregister: (id) => { sinks[self].delete(id) }
      },
      link: {
        pathStats: () => s.path,
        open: async (kind) => {
          const [out, inn] = await streamPair({ delay: 0 })
          s.opened[kind]++
          const sink = sinks[peer].get(callId)
          if (sink == null) { inn.abort(new Error('no call')); return out }
          sink.accept(kind, inn, new Uint8Array(0))
          return lossy(out, kind, (k) => s.drop(k, sent[k]++))
        }
      }
    }
    return s
  }
  return { a: side('a', 'b'), b: side('b', 'a') }
}

/** The stream, with `send` skipping what `dropIt` picks (the message is gone, as on a lossy path without retransmission). */
function lossy (stream: Stream, kind: StreamKindName, dropIt: (kind: StreamKindName) => boolean): Stream {
  const send = stream.send.bind(stream)
  stream.send = (data) => dropIt(kind) ? true : send(data)
  return stream
}
