// Receiving DMs: each envelope is decrypted and applied in one transaction (ratchet state,
// message, receipt back, hash of the envelope), and only then acknowledged. A sender that
// never saw the ack sends the same bytes again; the stored hash turns that into a DUPLICATE
// ack instead of a second message — exactly once across kill -9 on either side.
//
// Strangers are rate-limited before any decryption, and their messages are held as requests
// in a bounded quota (docs/security.md "Strangers").
import { createHash, randomUUID } from 'node:crypto'
import { setTimeout as delay } from 'node:timers/promises'
import { DM_ACK_STATUS, MAX_ENVELOPE_BYTES, decodeEnvelope, decodePayload, encodeAck, encodePayload } from '@parley/core'
import type { DmAckStatus } from '@parley/core'
import type { Connection, Stream } from '@libp2p/interface'
import { lpStream } from '@libp2p/utils'
import { ParleyError } from '../errors.js'
import type { Logger } from '../logger.js'
import type { ParleyDb } from '../storage/index.js'
import { INBOUND_IDLE_TIMEOUT_MS, REJECT_CLOSE_TIMEOUT_MS } from './constants.js'
import { DmRejectedError } from './errors.js'
import type { CallSignalHandler, Notify } from './options.js'
import { applyPayload } from './payload-effects.js'
import type { DmEvent } from './payload-effects.js'
import type { StrangerRateLimiter } from './rate-limit.js'
import type { DmSealer } from './sealer.js'
import { encodeBook, open } from './session-book.js'
import { countRejected } from './stats.js'
import type { DmStats } from './stats.js'

export interface InboundDmOptions {
  db: ParleyDb
  sealer: DmSealer
  log: Logger
  notify: Notify
  now: () => number
  stats: DmStats
  /** Aborted when the service stops. */
  signal: AbortSignal
  limiter: StrangerRateLimiter
  isStranger: (peerId: string) => boolean
  /** The requests quota over all strangers, and a count of what it dropped. */
  requestQuota: { maxMessages: number, maxBytes: number }
  onRequestsDropped: (n: number) => void
  /** Read at each call payload: the calls layer registers after the service starts. */
  callSignalHandler: () => CallSignalHandler | undefined
  /** Start delivering the peer's outbox (the receipts just queued). */
  kick: (peerId: string) => void
}

type AckResult = { status: DmAckStatus, reason: string, code: string }

export class InboundDm {
  private readonly loggedRejections = new Set<string>()

  constructor (private readonly o: InboundDmOptions) {}

  async handle (stream: Stream, connection: Connection): Promise<void> {
    const peerId = connection.remotePeer.toString()
    const lp = lpStream(stream, { maxDataLength: MAX_ENVELOPE_BYTES })
    let seq = 0
    for (;;) {
      let frame
      try {
        frame = await lp.read({ signal: AbortSignal.any([this.o.signal, AbortSignal.timeout(INBOUND_IDLE_TIMEOUT_MS)]) })
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

  /** `notify` false for refusals a flood can repeat cheaply (rate, streams): counted and logged once, not pushed to every IPC client. */
  reject (peerId: string, code: string, message: string, unexpected?: unknown, notify = true): void {
    countRejected(this.o.stats, code)
    const key = `${peerId}:${code}`
    // Logged once per peer and failure kind: a hostile peer must not be able to fill the log.
    if (!this.loggedRejections.has(key)) {
      this.loggedRejections.add(key)
      this.o.log.warn('rejected a DM envelope', { peerId, code, message, ...(unexpected != null ? { stack: (unexpected as Error).stack } : {}) })
    }
    if (!notify) return
    this.o.notify('dm.rejected', { peerId, code })
    if (code === 'DM_IDENTITY_MISMATCH') this.o.notify('dm.identityMismatch', { peerId })
  }

  /**
   * Strangers' rate limit, checked before any decryption or storage work. Within the limit
   * the envelope may be held a moment (the stream is not read meanwhile, which slows the
   * sender down); beyond it the REJECTED ack tells the sender why. Null = go on.
   */
  private async admit (peerId: string): Promise<AckResult | null> {
    if (!this.o.isStranger(peerId)) return null
    const a = this.o.limiter.admit(peerId)
    if (!a.ok) {
      this.reject(peerId, 'DM_RATE_LIMITED', `a stranger over the DM rate limit (retry in ${a.retryAfterMs} ms)`, undefined, false)
      return { status: DM_ACK_STATUS.REJECTED, reason: 'DM_RATE_LIMITED', code: 'DM_RATE_LIMITED' }
    }
    if (a.waitMs > 0) await delay(a.waitMs, undefined, { signal: this.o.signal }).catch(() => {})
    return null
  }

  /** Decrypt and apply one envelope in one transaction. Never throws. */
  private receive (peerId: string, bytes: Uint8Array): AckResult {
    const { db, sealer, stats } = this.o
    let events: DmEvent[] = []
    try {
      const env = decodeEnvelope(bytes)
      const remote = sealer.remoteKey(peerId)
      const hash = createHash('sha256').update(bytes).digest('hex')
      const now = this.o.now()
      const duplicate = db.tx(() => {
        if (db.received.seen(peerId, hash)) return true
        const opened = open(sealer.loadBook(peerId), sealer.identity, remote, env, id => db.sessions.hasInit(id))
        const payload = decodePayload(opened.plaintext)
        db.sessions.put(peerId, encodeBook(opened.book))
        if (opened.acceptedInitId != null) db.sessions.addInit(peerId, opened.acceptedInitId)
        db.received.add(peerId, hash)
        const stranger = this.o.isStranger(peerId)
        const contact = db.contacts.ensure(peerId)
        db.contacts.touch(peerId)
        const onCallSignal = this.o.callSignalHandler()
        events = applyPayload({
          db, peerId, blocked: contact.blocked, now,
          ...(stranger ? { requests: { ...this.o.requestQuota, onDropped: this.o.onRequestsDropped } } : {}),
          exporterSecret: opened.exporterSecret,
          newId: randomUUID,
          reply: (p) => { sealer.enqueue(peerId, remote, encodePayload(p), null) },
          ...(onCallSignal != null ? { onCallSignal } : {})
        }, payload)
        return false
      })
      if (duplicate) {
        stats.duplicates++
        return { status: DM_ACK_STATUS.DUPLICATE, reason: 'already received', code: 'OK' }
      }
      stats.envelopesReceived++
    } catch (err) {
      const code = (err as { code?: unknown }).code
      // Every package's typed errors (the ratchet's, the codec's, the daemon's) are ParleyErrors.
      const known = err instanceof ParleyError || (typeof code === 'string' && code.startsWith('DM_'))
      const c = known && typeof code === 'string' ? code : 'DM_INTERNAL'
      this.reject(peerId, c, (err as Error).message, known ? undefined : err)
      return { status: DM_ACK_STATUS.REJECTED, reason: c, code: c }
    }
    for (const e of events) this.o.notify(e.name, e.params as never)
    if (events.some(e => e.name === 'dm.received')) this.o.kick(peerId) // the delivery receipt
    return { status: DM_ACK_STATUS.OK, reason: '', code: 'OK' }
  }
}
