// End-to-end encrypted direct messages over the /parley/dm/1.0.0 libp2p protocol.
//
// Sending: a payload is encrypted at once and stored in the outbox in the same
// transaction as the ratchet step and the message row, so a crash loses nothing and
// never desyncs the session (sealer.ts); delivery.ts sends the outbox. Receiving, with
// exactly-once delivery and the strangers' limits: inbound.ts.
//
// Strangers (peers the user has not added and never wrote to) are rate-limited before any
// decryption and their messages are held as requests in a bounded quota; inbound streams
// are counted per peer over all connections (docs/security.md "Strangers").
import { randomUUID } from 'node:crypto'
import { DM_PROTOCOL, MAX_ENVELOPE_BYTES, encodePayload } from '@parley/core'
import type { DmPayload } from '@parley/core'
import type { PeerId } from '@libp2p/interface'
import { lpStream } from '@libp2p/utils'
import type { Logger } from '../logger.js'
import { parsePeerId } from '../p2p/dial.js'
import type { ParleyLibp2p } from '../p2p/node.js'
import type { ParleyDb } from '../storage/index.js'
import { ACK_TIMEOUT_MS, MAX_INBOUND_STREAMS, REQUESTS_MAX_BYTES, REQUESTS_MAX_MESSAGES } from './constants.js'
import { OutboxDelivery } from './delivery.js'
import { DmRejectedError } from './errors.js'
import { InboundDm } from './inbound.js'
import type { CallSignalHandler, DmServiceOptions } from './options.js'
import { StrangerRateLimiter } from './rate-limit.js'
import { DmSealer } from './sealer.js'
import { InboundStreamLimits } from './stream-limits.js'
import { newStats } from './stats.js'
import type { DmStats } from './stats.js'

export type { CallSignalHandler, DmServiceOptions, Notify, StrangerDmOptions } from './options.js'
export { DmRejectedError }

export class DmService {
  readonly stats: DmStats = newStats()
  private readonly node: ParleyLibp2p
  private readonly db: ParleyDb
  private readonly log: Logger
  private readonly now: () => number
  private onCallSignal: CallSignalHandler | undefined
  private readonly abort = new AbortController()
  private readonly streams: InboundStreamLimits
  private readonly sealer: DmSealer
  private readonly delivery: OutboxDelivery
  private readonly inbound: InboundDm
  /** The requests quota (count, UTF-8 bytes of bodies) over all strangers. */
  readonly requestQuota: { maxMessages: number, maxBytes: number }
  /** Request messages dropped for the quota since start. */
  requestsDropped = 0
  private timer: NodeJS.Timeout | undefined
  private readonly onConnect = (evt: CustomEvent<PeerId>): void => { this.delivery.kick(evt.detail.toString(), true) }

  constructor (opts: DmServiceOptions) {
    this.node = opts.node
    this.db = opts.db
    this.log = opts.log
    this.now = opts.now ?? Date.now
    this.onCallSignal = opts.onCallSignal
    this.streams = new InboundStreamLimits(opts.streams ?? {})
    this.requestQuota = {
      maxMessages: opts.strangers?.requestsMaxMessages ?? REQUESTS_MAX_MESSAGES,
      maxBytes: opts.strangers?.requestsMaxBytes ?? REQUESTS_MAX_BYTES
    }
    this.sealer = new DmSealer(opts.node, opts.db, opts.privateKey)
    const shared = { db: opts.db, log: opts.log, notify: opts.notify, now: this.now, stats: this.stats, signal: this.abort.signal }
    this.delivery = new OutboxDelivery({ ...shared, node: opts.node })
    this.inbound = new InboundDm({
      ...shared,
      sealer: this.sealer,
      limiter: new StrangerRateLimiter(opts.strangers ?? {}, this.now),
      isStranger: (peerId) => this.isStranger(peerId),
      requestQuota: this.requestQuota,
      onRequestsDropped: (n) => { this.requestsDropped += n },
      callSignalHandler: () => this.onCallSignal,
      kick: (peerId) => { this.delivery.kick(peerId, false) }
    })
  }

  /**
   * A stranger is a peer the user has not accepted: not added as a contact and never written
   * to. Their envelopes are rate-limited and their messages held as requests.
   */
  isStranger (peerId: string): boolean {
    return this.db.contacts.get(peerId)?.addedByUser !== true && !this.db.messages.hasOutgoing(peerId)
  }

  /** The calls layer registers here for call-signalling payloads. */
  setCallSignalHandler (fn: CallSignalHandler): void {
    this.onCallSignal = fn
  }

  async start (): Promise<void> {
    await this.node.handle(DM_PROTOCOL, (stream, connection) => {
      const peerId = connection.remotePeer.toString()
      const stranger = this.isStranger(peerId)
      const refused = this.streams.acquire(peerId, stranger)
      if (refused != null) {
        // libp2p's maxInboundStreams counts one connection; this counts the peer over all
        // of them, strangers together, and everyone. Reset: nothing was read yet.
        this.inbound.reject(peerId, 'DM_TOO_MANY_STREAMS', `inbound DM stream limit (${refused}) reached`, undefined, false)
        stream.abort(new DmRejectedError('DM_TOO_MANY_STREAMS', `too many inbound DM streams (${refused})`))
        return
      }
      this.inbound.handle(stream, connection)
        .catch(err => { this.log.debug('inbound stream ended', { error: (err as Error).message }) })
        .finally(() => { this.streams.release(peerId, stranger) })
    }, { maxInboundStreams: MAX_INBOUND_STREAMS, runOnLimitedConnection: true })
    this.node.addEventListener('peer:connect', this.onConnect)
    this.node.addEventListener('peer:discovery', (evt) => { this.delivery.kick(evt.detail.id.toString(), true) })
    this.timer = setInterval(() => { this.delivery.retryDue() }, 1000)
    this.timer.unref()
    for (const peer of this.db.outbox.peersWithPending()) this.delivery.kick(peer, true)
  }

  async stop (): Promise<void> {
    this.abort.abort()
    clearInterval(this.timer)
    this.node.removeEventListener('peer:connect', this.onConnect)
    try { await this.node.unhandle(DM_PROTOCOL) } catch {}
  }

  /** Queue a text message; resolves once it is durably stored (not when delivered). */
  send (peerId: string, body: string, replyTo?: string): { id: string, sentAt: number } {
    const remote = this.sealer.remoteKey(peerId)
    const id = randomUUID()
    const sentAt = this.now()
    const payload: DmPayload = { id, sentAtMs: sentAt, body: { kind: 'text', body, ...(replyTo != null ? { replyTo } : {}) } }
    const bytes = encodePayload(payload) // validates limits before anything is stored
    this.db.tx(() => {
      this.db.contacts.ensure(peerId)
      // Writing to a stranger accepts them: what they sent so far becomes the conversation.
      this.db.messages.acceptRequests(peerId)
      this.db.messages.insert({ peerId, id, direction: 'out', body, replyTo: replyTo ?? null, sentAt, receivedAt: null, status: 'pending' })
      this.sealer.enqueue(peerId, remote, bytes, id)
    })
    this.delivery.kick(peerId, false)
    return { id, sentAt }
  }

  /** Mark a conversation read and tell the peer (read receipts). */
  markRead (peerId: string): string[] {
    const remote = this.sealer.remoteKey(peerId)
    const ids = this.db.tx(() => {
      const ids = this.db.messages.markIncomingRead(peerId)
      if (ids.length > 0) this.sealer.enqueue(peerId, remote, encodePayload({ id: randomUUID(), sentAtMs: this.now(), body: { kind: 'read', ids } }), null)
      return ids
    })
    if (ids.length > 0) this.delivery.kick(peerId, false)
    return ids
  }

  /** Delete messages locally; the ones we sent are also deleted at the peer. */
  delete (peerId: string, ids: string[]): number {
    const remote = this.sealer.remoteKey(peerId)
    const n = this.db.tx(() => {
      const own = ids.filter(id => this.db.messages.get(peerId, id)?.direction === 'out')
      const n = this.db.messages.markDeleted(peerId, ids)
      if (own.length > 0) this.sealer.enqueue(peerId, remote, encodePayload({ id: randomUUID(), sentAtMs: this.now(), body: { kind: 'delete', ids: own } }), null)
      return n
    })
    this.delivery.kick(peerId, false)
    return n
  }

  /** Typing indicators are ephemeral: sent only to a connected peer, never queued. */
  async typing (peerId: string, active: boolean): Promise<boolean> {
    const remote = this.sealer.remoteKey(peerId)
    const pid = parsePeerId(peerId)
    if (this.node.getConnections(pid).length === 0) return false
    const envelope = this.db.tx(() => this.sealer.seal(peerId, remote, encodePayload({ id: randomUUID(), sentAtMs: this.now(), body: { kind: 'typing', active } })).envelope)
    const stream = await this.node.dialProtocol(pid, DM_PROTOCOL, { signal: AbortSignal.timeout(ACK_TIMEOUT_MS), runOnLimitedConnection: true })
    const lp = lpStream(stream, { maxDataLength: MAX_ENVELOPE_BYTES })
    await lp.write(envelope)
    await lp.read({ signal: AbortSignal.timeout(ACK_TIMEOUT_MS) })
    await stream.close()
    return true
  }

  /** Send an opaque call-signalling blob through the ratchet (durable, in order). */
  sendCallSignal (peerId: string, signal: Uint8Array): { exporterSecret: Uint8Array } {
    const remote = this.sealer.remoteKey(peerId)
    let exporterSecret: Uint8Array = new Uint8Array(0)
    this.db.tx(() => {
      exporterSecret = this.sealer.enqueue(peerId, remote, encodePayload({ id: randomUUID(), sentAtMs: this.now(), body: { kind: 'call', signal } }), null)
    })
    this.delivery.kick(peerId, false)
    return { exporterSecret }
  }
}
