// End-to-end encrypted direct messages over the /parley/dm/1.0.0 libp2p protocol.
//
// Sending: a payload is encrypted at once and stored in the outbox in the same
// transaction as the ratchet step and the message row, so a crash loses nothing and
// never desyncs the session. A per-peer worker delivers the outbox in order on one
// stream, a window of envelopes ahead of their acknowledgements, and removes each entry
// when the peer acknowledges it.
//
// Receiving: each envelope is decrypted and applied in one transaction (ratchet state,
// message, receipt back, hash of the envelope), and only then acknowledged. A sender
// that never saw the ack sends the same bytes again; the stored hash turns that into a
// DUPLICATE ack instead of a second message — exactly once across kill -9 on either side.
//
// Strangers (peers the user has not added and never wrote to) are rate-limited before any
// decryption and their messages are held as requests in a bounded quota; inbound streams
// are counted per peer over all connections (docs/security.md "Strangers").
import { createHash, randomUUID } from 'node:crypto'
import { setTimeout as delay } from 'node:timers/promises'
import {
  DM_ACK_STATUS, DM_PROTOCOL, DmCryptoError, MAX_ENVELOPE_BYTES, decodeAck, decodeEnvelope, decodePayload,
  encodeAck, encodeEnvelope, encodePayload, identityFromEd25519SecretKey
} from '@parley/core'
import type { DmAckStatus, DmPayload, IdentityKeyPair } from '@parley/core'
import type { Connection, Ed25519PrivateKey, PeerId, Stream } from '@libp2p/interface'
import { lpStream } from '@libp2p/utils'
import type { NotificationName, NotificationParams } from '@parley/core/ipc'
import type { Logger } from '../logger.js'
import { dialPeer, parsePeerId } from '../p2p/dial.js'
import type { ParleyLibp2p } from '../p2p/node.js'
import type { OutboxEntry, ParleyDb } from '../storage/index.js'
import { InvalidPeerIdError, ParleyError } from '../errors.js'
import { backoffMs } from './backoff.js'
import {
  ACK_TIMEOUT_MS, DELIVERY_DIAL_TIMEOUT_MS, INBOUND_IDLE_TIMEOUT_MS, MAX_INBOUND_STREAMS, OUTBOX_BATCH, REJECT_CLOSE_TIMEOUT_MS,
  REQUESTS_MAX_BYTES, REQUESTS_MAX_MESSAGES, SEND_WINDOW
} from './constants.js'
import { StrangerRateLimiter } from './rate-limit.js'
import type { StrangerLimits } from './rate-limit.js'
import { InboundStreamLimits } from './stream-limits.js'
import type { StreamLimitOptions } from './stream-limits.js'
import { applyPayload } from './payload-effects.js'
import type { DmEvent } from './payload-effects.js'
import { decodeBook, encodeBook, open, seal } from './session-book.js'
import type { SessionBook } from './session-book.js'
import { countRejected, newStats } from './stats.js'
import type { DmStats } from './stats.js'

export type Notify = <N extends NotificationName>(name: N, params: NotificationParams<N>) => void

export interface DmServiceOptions {
  node: ParleyLibp2p
  db: ParleyDb
  privateKey: Ed25519PrivateKey
  log: Logger
  notify: Notify
  /** Injected clock (ms). Default Date.now. */
  now?: () => number
  /** Call signalling payloads go here (the calls layer). */
  onCallSignal?: (peerId: string, signal: Uint8Array, exporterSecret: Uint8Array) => void
  /** Rate limits and the requests quota for strangers; defaults in ./constants.ts. */
  strangers?: StrangerDmOptions
  /** Inbound stream limits; defaults in ./constants.ts. */
  streams?: StreamLimitOptions
}

export interface StrangerDmOptions extends StrangerLimits {
  /** Default REQUESTS_MAX_MESSAGES. */
  requestsMaxMessages?: number
  /** Default REQUESTS_MAX_BYTES. */
  requestsMaxBytes?: number
}

export class DmRejectedError extends ParleyError {
  static override readonly name = 'DmRejectedError'
}

export class DmService {
  readonly stats: DmStats = newStats()
  private readonly node: ParleyLibp2p
  private readonly db: ParleyDb
  private readonly identity: IdentityKeyPair
  private readonly log: Logger
  private readonly notify: Notify
  private readonly now: () => number
  private onCallSignal: DmServiceOptions['onCallSignal']
  private readonly inflight = new Set<string>()
  private readonly again = new Set<string>()
  private readonly retryAt = new Map<string, { attempts: number, at: number }>()
  private readonly loggedRejections = new Set<string>()
  private readonly abort = new AbortController()
  private readonly limiter: StrangerRateLimiter
  private readonly streams: InboundStreamLimits
  /** The requests quota (count, UTF-8 bytes of bodies) over all strangers. */
  readonly requestQuota: { maxMessages: number, maxBytes: number }
  /** Request messages dropped for the quota since start. */
  requestsDropped = 0
  private timer: NodeJS.Timeout | undefined
  private readonly onConnect = (evt: CustomEvent<PeerId>): void => { this.kick(evt.detail.toString(), true) }

  constructor (opts: DmServiceOptions) {
    this.node = opts.node
    this.db = opts.db
    this.identity = identityFromEd25519SecretKey(opts.privateKey.raw)
    this.log = opts.log
    this.notify = opts.notify
    this.now = opts.now ?? Date.now
    this.onCallSignal = opts.onCallSignal
    this.limiter = new StrangerRateLimiter(opts.strangers ?? {}, this.now)
    this.streams = new InboundStreamLimits(opts.streams ?? {})
    this.requestQuota = {
      maxMessages: opts.strangers?.requestsMaxMessages ?? REQUESTS_MAX_MESSAGES,
      maxBytes: opts.strangers?.requestsMaxBytes ?? REQUESTS_MAX_BYTES
    }
  }

  /**
   * A stranger is a peer the user has not accepted: not added as a contact and never written
   * to. Their envelopes are rate-limited and their messages held as requests.
   */
  isStranger (peerId: string): boolean {
    return this.db.contacts.get(peerId)?.addedByUser !== true && !this.db.messages.hasOutgoing(peerId)
  }

  /** The calls layer registers here for call-signalling payloads. */
  setCallSignalHandler (fn: (peerId: string, signal: Uint8Array, exporterSecret: Uint8Array) => void): void {
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
        this.reject(peerId, 'DM_TOO_MANY_STREAMS', `inbound DM stream limit (${refused}) reached`, undefined, false)
        stream.abort(new DmRejectedError('DM_TOO_MANY_STREAMS', `too many inbound DM streams (${refused})`))
        return
      }
      this.handleInbound(stream, connection)
        .catch(err => { this.log.debug('inbound stream ended', { error: (err as Error).message }) })
        .finally(() => { this.streams.release(peerId, stranger) })
    }, { maxInboundStreams: MAX_INBOUND_STREAMS })
    this.node.addEventListener('peer:connect', this.onConnect)
    this.node.addEventListener('peer:discovery', (evt) => { this.kick(evt.detail.id.toString(), true) })
    this.timer = setInterval(() => { this.retryDue() }, 1000)
    this.timer.unref()
    for (const peer of this.db.outbox.peersWithPending()) this.kick(peer, true)
  }

  async stop (): Promise<void> {
    this.abort.abort()
    clearInterval(this.timer)
    this.node.removeEventListener('peer:connect', this.onConnect)
    try { await this.node.unhandle(DM_PROTOCOL) } catch {}
  }

  /** Queue a text message; resolves once it is durably stored (not when delivered). */
  send (peerId: string, body: string, replyTo?: string): { id: string, sentAt: number } {
    const remote = this.remoteKey(peerId)
    const id = randomUUID()
    const sentAt = this.now()
    const payload: DmPayload = { id, sentAtMs: sentAt, body: { kind: 'text', body, ...(replyTo != null ? { replyTo } : {}) } }
    const bytes = encodePayload(payload) // validates limits before anything is stored
    this.db.tx(() => {
      this.db.contacts.ensure(peerId)
      // Writing to a stranger accepts them: what they sent so far becomes the conversation.
      this.db.messages.acceptRequests(peerId)
      this.db.messages.insert({ peerId, id, direction: 'out', body, replyTo: replyTo ?? null, sentAt, receivedAt: null, status: 'pending' })
      this.enqueueSealed(peerId, remote, bytes, id)
    })
    this.kick(peerId, false)
    return { id, sentAt }
  }

  /** Mark a conversation read and tell the peer (read receipts). */
  markRead (peerId: string): string[] {
    const remote = this.remoteKey(peerId)
    const ids = this.db.tx(() => {
      const ids = this.db.messages.markIncomingRead(peerId)
      if (ids.length > 0) this.enqueueSealed(peerId, remote, encodePayload({ id: randomUUID(), sentAtMs: this.now(), body: { kind: 'read', ids } }), null)
      return ids
    })
    if (ids.length > 0) this.kick(peerId, false)
    return ids
  }

  /** Delete messages locally; the ones we sent are also deleted at the peer. */
  delete (peerId: string, ids: string[]): number {
    const remote = this.remoteKey(peerId)
    const n = this.db.tx(() => {
      const own = ids.filter(id => this.db.messages.get(peerId, id)?.direction === 'out')
      const n = this.db.messages.markDeleted(peerId, ids)
      if (own.length > 0) this.enqueueSealed(peerId, remote, encodePayload({ id: randomUUID(), sentAtMs: this.now(), body: { kind: 'delete', ids: own } }), null)
      return n
    })
    this.kick(peerId, false)
    return n
  }

  /** Typing indicators are ephemeral: sent only to a connected peer, never queued. */
  async typing (peerId: string, active: boolean): Promise<boolean> {
    const remote = this.remoteKey(peerId)
    const pid = parsePeerId(peerId)
    if (this.node.getConnections(pid).length === 0) return false
    const envelope = this.db.tx(() => this.sealNow(peerId, remote, encodePayload({ id: randomUUID(), sentAtMs: this.now(), body: { kind: 'typing', active } })))
    const stream = await this.node.dialProtocol(pid, DM_PROTOCOL, { signal: AbortSignal.timeout(ACK_TIMEOUT_MS) })
    const lp = lpStream(stream, { maxDataLength: MAX_ENVELOPE_BYTES })
    await lp.write(envelope)
    await lp.read({ signal: AbortSignal.timeout(ACK_TIMEOUT_MS) })
    await stream.close()
    return true
  }

  /** Send an opaque call-signalling blob through the ratchet (durable, in order). */
  sendCallSignal (peerId: string, signal: Uint8Array): { exporterSecret: Uint8Array } {
    const remote = this.remoteKey(peerId)
    let exporterSecret: Uint8Array = new Uint8Array(0)
    this.db.tx(() => {
      exporterSecret = this.enqueueSealed(peerId, remote, encodePayload({ id: randomUUID(), sentAtMs: this.now(), body: { kind: 'call', signal } }), null)
    })
    this.kick(peerId, false)
    return { exporterSecret }
  }

  // --- sending -------------------------------------------------------------------------

  private remoteKey (peerId: string): Uint8Array {
    const pid = parsePeerId(peerId)
    if (pid.type !== 'Ed25519' || pid.publicKey == null) throw new InvalidPeerIdError(peerId)
    if (pid.equals(this.node.peerId)) throw new InvalidPeerIdError(peerId)
    return pid.publicKey.raw
  }

  private loadBook (peerId: string): SessionBook {
    const raw = this.db.sessions.get(peerId)
    return raw != null ? decodeBook(raw) : { active: null, previous: null }
  }

  /** Inside a transaction: ratchet-encrypt and store the new session state; returns the envelope. */
  private sealNow (peerId: string, remote: Uint8Array, plaintext: Uint8Array): Uint8Array {
    return this.sealWithSecret(peerId, remote, plaintext).envelope
  }

  private sealWithSecret (peerId: string, remote: Uint8Array, plaintext: Uint8Array): { envelope: Uint8Array, exporterSecret: Uint8Array } {
    const sealed = seal(this.loadBook(peerId), this.identity, remote, plaintext)
    this.db.sessions.put(peerId, encodeBook(sealed.book))
    if (sealed.newInitId != null) this.db.sessions.addInit(peerId, sealed.newInitId)
    const envelope = encodeEnvelope({ sessionInit: sealed.sessionInit ?? null, header: sealed.header, ciphertext: sealed.ciphertext })
    return { envelope, exporterSecret: sealed.exporterSecret }
  }

  /** Inside a transaction: seal and put into the outbox. */
  private enqueueSealed (peerId: string, remote: Uint8Array, plaintext: Uint8Array, messageId: string | null): Uint8Array {
    const { envelope, exporterSecret } = this.sealWithSecret(peerId, remote, plaintext)
    this.db.outbox.enqueue(peerId, envelope, messageId)
    return exporterSecret
  }

  private kick (peerId: string, resetBackoff: boolean): void {
    if (this.abort.signal.aborted) return
    if (resetBackoff) this.retryAt.delete(peerId)
    const due = this.retryAt.get(peerId)
    if (due != null && due.at > this.now()) return
    void this.deliver(peerId)
  }

  private retryDue (): void {
    for (const peer of this.db.outbox.peersWithPending()) {
      const due = this.retryAt.get(peer)
      if (due == null || due.at <= this.now()) void this.deliver(peer)
    }
  }

  private async deliver (peerId: string): Promise<void> {
    if (this.inflight.has(peerId)) { this.again.add(peerId); return }
    this.inflight.add(peerId)
    try {
      for (;;) {
        this.again.delete(peerId)
        const batch = this.db.outbox.pending(peerId, OUTBOX_BATCH)
        if (batch.length === 0 || this.abort.signal.aborted) break
        this.stats.deliveryAttempts++
        try {
          await this.sendBatch(peerId, batch)
          this.retryAt.delete(peerId)
        } catch (err) {
          this.stats.deliveryFailures++
          const attempts = (this.retryAt.get(peerId)?.attempts ?? 0) + 1
          const at = this.now() + backoffMs(attempts)
          this.retryAt.set(peerId, { attempts, at })
          const head = this.db.outbox.pending(peerId, 1)[0]
          if (head != null) this.db.outbox.markAttempt(head.seq, at, (err as Error).message)
          this.log.debug('delivery attempt failed', { peerId, attempts, error: (err as Error).message })
          break
        }
        if (!this.again.has(peerId) && batch.length < OUTBOX_BATCH) break
      }
    } finally {
      this.inflight.delete(peerId)
    }
  }

  private async sendBatch (peerId: string, batch: OutboxEntry[]): Promise<void> {
    const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout(DELIVERY_DIAL_TIMEOUT_MS)])
    await dialPeer(this.node, peerId, { timeoutMs: DELIVERY_DIAL_TIMEOUT_MS, signal })
    const stream = await this.node.dialProtocol(parsePeerId(peerId), DM_PROTOCOL, { signal })
    const lp = lpStream(stream, { maxDataLength: MAX_ENVELOPE_BYTES })
    try {
      let next = 0
      let acked = 0
      while (acked < batch.length) {
        while (next < batch.length && next - acked < SEND_WINDOW) {
          await lp.write((batch[next] as OutboxEntry).envelope)
          next++
          this.stats.envelopesSent++
        }
        const ack = decodeAck((await lp.read({ signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(ACK_TIMEOUT_MS)]) })).subarray())
        if (ack.seq !== acked) throw new DmRejectedError('DM_BAD_ACK', `acknowledgement ${ack.seq} out of order (expected ${acked})`)
        this.onAck(peerId, batch[acked] as OutboxEntry, ack.status, ack.reason)
        acked++
        if (ack.status === DM_ACK_STATUS.REJECTED) throw new DmRejectedError('DM_PEER_REJECTED', `peer rejected an envelope: ${ack.reason}`)
      }
      await stream.close()
    } catch (err) {
      stream.abort(err as Error)
      throw err
    }
  }

  private onAck (peerId: string, entry: OutboxEntry, status: DmAckStatus, reason: string): void {
    const failed = status === DM_ACK_STATUS.REJECTED
    this.db.tx(() => {
      this.db.outbox.remove(entry.seq)
      // A rejected envelope will be rejected again: retrying it would block the queue.
      if (entry.messageId != null) this.db.messages.setStatus(peerId, entry.messageId, failed ? 'failed' : 'sent')
    })
    if (entry.messageId != null) {
      if (failed) this.notify('dm.failed', { peerId, id: entry.messageId, reason })
      else this.notify('dm.sent', { peerId, ids: [entry.messageId] })
    }
  }

  // --- receiving -----------------------------------------------------------------------

  private async handleInbound (stream: Stream, connection: Connection): Promise<void> {
    const peerId = connection.remotePeer.toString()
    const lp = lpStream(stream, { maxDataLength: MAX_ENVELOPE_BYTES })
    let seq = 0
    for (;;) {
      let frame
      try {
        frame = await lp.read({ signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(INBOUND_IDLE_TIMEOUT_MS)]) })
      } catch (err) {
        const e = err as Error
        if (e.name === 'UnexpectedEOFError') { await stream.close().catch(() => {}); return }
        if (e.name === 'InvalidDataLengthError' || e.name === 'InvalidMessageLengthError') this.reject(peerId, 'DM_OVERSIZED', e.message)
        stream.abort(e)
        return
      }
      const result = await this.admit(peerId) ?? this.receive(peerId, frame.subarray())
      await lp.write(encodeAck({ seq, status: result.status, reason: result.reason }))
      seq++
      if (result.status === DM_ACK_STATUS.REJECTED) {
        // Drop the stream, but only once the REJECTED ack is on its way: aborting at once
        // can discard the ack still in the send buffer (seen on a loaded machine), and on
        // QUIC the peer sees an abort as a clean end anyway. So: end our side after the
        // ack, tell the peer we read no more, and abort whatever is left shortly after.
        await stream.close({ signal: AbortSignal.timeout(REJECT_CLOSE_TIMEOUT_MS) }).catch(() => {})
        await stream.closeRead({ signal: AbortSignal.timeout(REJECT_CLOSE_TIMEOUT_MS) }).catch(() => {})
        setTimeout(() => { if (stream.status !== 'closed') stream.abort(new DmRejectedError(result.code, result.reason)) }, REJECT_CLOSE_TIMEOUT_MS).unref()
        return
      }
    }
  }

  /**
   * Strangers' rate limit, checked before any decryption or storage work. Within the limit
   * the envelope may be held a moment (the stream is not read meanwhile, which slows the
   * sender down); beyond it the REJECTED ack tells the sender why. Null = go on.
   */
  private async admit (peerId: string): Promise<{ status: DmAckStatus, reason: string, code: string } | null> {
    if (!this.isStranger(peerId)) return null
    const a = this.limiter.admit(peerId)
    if (!a.ok) {
      this.reject(peerId, 'DM_RATE_LIMITED', `a stranger over the DM rate limit (retry in ${a.retryAfterMs} ms)`, undefined, false)
      return { status: DM_ACK_STATUS.REJECTED, reason: 'DM_RATE_LIMITED', code: 'DM_RATE_LIMITED' }
    }
    if (a.waitMs > 0) await delay(a.waitMs, undefined, { signal: this.abort.signal }).catch(() => {})
    return null
  }

  /** Decrypt and apply one envelope in one transaction. Never throws. */
  private receive (peerId: string, bytes: Uint8Array): { status: DmAckStatus, reason: string, code: string } {
    let events: DmEvent[] = []
    try {
      const env = decodeEnvelope(bytes)
      const remote = this.remoteKey(peerId)
      const hash = createHash('sha256').update(bytes).digest('hex')
      const now = this.now()
      const duplicate = this.db.tx(() => {
        if (this.db.received.seen(peerId, hash)) return true
        const opened = open(this.loadBook(peerId), this.identity, remote, env, id => this.db.sessions.hasInit(id))
        const payload = decodePayload(opened.plaintext)
        this.db.sessions.put(peerId, encodeBook(opened.book))
        if (opened.acceptedInitId != null) this.db.sessions.addInit(peerId, opened.acceptedInitId)
        this.db.received.add(peerId, hash)
        const stranger = this.isStranger(peerId)
        const contact = this.db.contacts.ensure(peerId)
        this.db.contacts.touch(peerId)
        events = applyPayload({
          db: this.db, peerId, blocked: contact.blocked, now,
          ...(stranger ? { requests: { ...this.requestQuota, onDropped: (n: number) => { this.requestsDropped += n } } } : {}),
          exporterSecret: opened.exporterSecret,
          newId: randomUUID,
          reply: (p) => { this.enqueueSealed(peerId, remote, encodePayload(p), null) },
          ...(this.onCallSignal != null ? { onCallSignal: this.onCallSignal } : {})
        }, payload)
        return false
      })
      if (duplicate) {
        this.stats.duplicates++
        return { status: DM_ACK_STATUS.DUPLICATE, reason: 'already received', code: 'OK' }
      }
      this.stats.envelopesReceived++
    } catch (err) {
      const code = (err as { code?: unknown }).code
      const known = err instanceof DmCryptoError || err instanceof ParleyError || (typeof code === 'string' && code.startsWith('DM_'))
      const c = known && typeof code === 'string' ? code : 'DM_INTERNAL'
      this.reject(peerId, c, (err as Error).message, known ? undefined : err)
      return { status: DM_ACK_STATUS.REJECTED, reason: c, code: c }
    }
    for (const e of events) this.notify(e.name, e.params as never)
    if (events.some(e => e.name === 'dm.received')) this.kick(peerId, false) // the delivery receipt
    return { status: DM_ACK_STATUS.OK, reason: '', code: 'OK' }
  }

  /** `notify` false for refusals a flood can repeat cheaply (rate, streams): counted and logged once, not pushed to every IPC client. */
  private reject (peerId: string, code: string, message: string, unexpected?: unknown, notify = true): void {
    countRejected(this.stats, code)
    const key = `${peerId}:${code}`
    // Logged once per peer and failure kind: a hostile peer must not be able to fill the log.
    if (!this.loggedRejections.has(key)) {
      this.loggedRejections.add(key)
      this.log.warn('rejected a DM envelope', { peerId, code, message, ...(unexpected != null ? { stack: (unexpected as Error).stack } : {}) })
    }
    if (!notify) return
    this.notify('dm.rejected', { peerId, code })
    if (code === 'DM_IDENTITY_MISMATCH') this.notify('dm.identityMismatch', { peerId })
  }
}
