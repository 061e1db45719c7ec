// Delivers the outbox: a per-peer worker sends the peer's pending envelopes in order on one
// stream, a window of them ahead of their acknowledgements, and removes each entry when the
// peer acknowledges it. A failed attempt backs off per peer; a new connection retries at once.
import { DM_ACK_STATUS, DM_PROTOCOL, MAX_ENVELOPE_BYTES, decodeAck } from '@parley/core'
import type { DmAckStatus } from '@parley/core'
import { lpStream } from '@libp2p/utils'
import type { Logger } from '../logger.js'
import { dialPeer, parsePeerId } from '../p2p/dial.js'
import type { ParleyLibp2p } from '../p2p/node.js'
import type { OutboxEntry, ParleyDb } from '../storage/index.js'
import { backoffMs } from './backoff.js'
import { ACK_TIMEOUT_MS, DELIVERY_DIAL_TIMEOUT_MS, OUTBOX_BATCH, SEND_WINDOW } from './constants.js'
import { DmRejectedError } from './errors.js'
import type { Notify } from './options.js'
import type { DmStats } from './stats.js'

export interface OutboxDeliveryOptions {
  node: ParleyLibp2p
  db: ParleyDb
  log: Logger
  notify: Notify
  now: () => number
  stats: DmStats
  /** Aborted when the service stops: no new attempts, in-flight ones give up. */
  signal: AbortSignal
}

export class OutboxDelivery {
  private readonly inflight = new Set<string>()
  private readonly again = new Set<string>()
  private readonly retryAt = new Map<string, { attempts: number, at: number }>()

  constructor (private readonly o: OutboxDeliveryOptions) {}

  /** Deliver the peer's outbox now, unless its backoff says later; `resetBackoff` on a new connection. */
  kick (peerId: string, resetBackoff: boolean): void {
    if (this.o.signal.aborted) return
    if (resetBackoff) this.retryAt.delete(peerId)
    const due = this.retryAt.get(peerId)
    if (due != null && due.at > this.o.now()) return
    void this.deliver(peerId)
  }

  /** Retry every peer whose backoff has run out (called from a timer). */
  retryDue (): void {
    for (const peer of this.o.db.outbox.peersWithPending()) {
      const due = this.retryAt.get(peer)
      if (due == null || due.at <= this.o.now()) void this.deliver(peer)
    }
  }

  private async deliver (peerId: string): Promise<void> {
    if (this.inflight.has(peerId)) { this.again.add(peerId); return }
    this.inflight.add(peerId)
    const { db, stats } = this.o
    try {
      for (;;) {
        this.again.delete(peerId)
        const batch = db.outbox.pending(peerId, OUTBOX_BATCH)
        if (batch.length === 0 || this.o.signal.aborted) break
        stats.deliveryAttempts++
        try {
          await this.sendBatch(peerId, batch)
          this.retryAt.delete(peerId)
        } catch (err) {
          stats.deliveryFailures++
          const attempts = (this.retryAt.get(peerId)?.attempts ?? 0) + 1
          const at = this.o.now() + backoffMs(attempts)
          this.retryAt.set(peerId, { attempts, at })
          const head = db.outbox.pending(peerId, 1)[0]
          if (head != null) db.outbox.markAttempt(head.seq, at, (err as Error).message)
          this.o.log.debug('delivery attempt failed', { peerId, attempts, error: (err as Error).message })
          break
        }
        if (!this.again.has(peerId) && batch.length < OUTBOX_BATCH) break
      }
    } finally {
      this.inflight.delete(peerId)
    }
  }

  private async sendBatch (peerId: string, batch: OutboxEntry[]): Promise<void> {
    const { node } = this.o
    const signal = AbortSignal.any([this.o.signal, AbortSignal.timeout(DELIVERY_DIAL_TIMEOUT_MS)])
    await dialPeer(node, peerId, { timeoutMs: DELIVERY_DIAL_TIMEOUT_MS, signal })
    const stream = await node.dialProtocol(parsePeerId(peerId), DM_PROTOCOL, { signal, runOnLimitedConnection: true })
    const lp = lpStream(stream, { maxDataLength: MAX_ENVELOPE_BYTES })
    try {
      let next = 0
      let acked = 0
      while (acked < batch.length) {
        while (next < batch.length && next - acked < SEND_WINDOW) {
          await lp.write((batch[next] as OutboxEntry).envelope)
          next++
          this.o.stats.envelopesSent++
        }
        const ack = decodeAck((await lp.read({ signal: AbortSignal.any([this.o.signal, AbortSignal.timeout(ACK_TIMEOUT_MS)]) })).subarray())
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
    const { db, notify } = this.o
    db.tx(() => {
      db.outbox.remove(entry.seq)
      // A rejected envelope will be rejected again: retrying it would block the queue.
      if (entry.messageId != null) db.messages.setStatus(peerId, entry.messageId, failed ? 'failed' : 'sent')
    })
    if (entry.messageId != null) {
      if (failed) notify('dm.failed', { peerId, id: entry.messageId, reason })
      else notify('dm.sent', { peerId, ids: [entry.messageId] })
    }
  }
}
