// Inbound DM streams open at once, counted per remote peer over all its connections, for
// strangers together and in total. libp2p's own maxInboundStreams counts one connection
// only, so a peer with several connections (or many identities) got around it.
import { MAX_INBOUND_STRANGER_STREAMS, MAX_INBOUND_STREAMS_PER_PEER, MAX_INBOUND_STREAMS_TOTAL } from './constants.js'

export interface StreamLimitOptions {
  /** Default MAX_INBOUND_STREAMS_PER_PEER. */
  perPeer?: number
  /** Default MAX_INBOUND_STRANGER_STREAMS. */
  strangers?: number
  /** Default MAX_INBOUND_STREAMS_TOTAL. */
  total?: number
}

export type StreamRefusal = 'per-peer' | 'strangers' | 'total'

export class InboundStreamLimits {
  private readonly open = new Map<string, number>()
  private strangers = 0
  private total = 0
  private readonly maxPerPeer: number
  private readonly maxStrangers: number
  private readonly maxTotal: number

  constructor (opts: StreamLimitOptions = {}) {
    this.maxPerPeer = opts.perPeer ?? MAX_INBOUND_STREAMS_PER_PEER
    this.maxStrangers = opts.strangers ?? MAX_INBOUND_STRANGER_STREAMS
    this.maxTotal = opts.total ?? MAX_INBOUND_STREAMS_TOTAL
  }

  /** Count a new stream, or say which limit it would break (then nothing is counted). */
  acquire (peerId: string, stranger: boolean): StreamRefusal | null {
    const n = this.open.get(peerId) ?? 0
    if (n >= this.maxPerPeer) return 'per-peer'
    if (stranger && this.strangers >= this.maxStrangers) return 'strangers'
    if (this.total >= this.maxTotal) return 'total'
    this.open.set(peerId, n + 1)
    if (stranger) this.strangers++
    this.total++
    return null
  }

  /** Undo one acquire() with the same arguments. */
  release (peerId: string, stranger: boolean): void {
    const n = (this.open.get(peerId) ?? 0) - 1
    if (n > 0) this.open.set(peerId, n)
    else this.open.delete(peerId)
    if (stranger) this.strangers = Math.max(0, this.strangers - 1)
    this.total = Math.max(0, this.total - 1)
  }

  counts (): { total: number, strangers: number, peers: number } {
    return { total: this.total, strangers: this.strangers, peers: this.open.size }
  }
}
