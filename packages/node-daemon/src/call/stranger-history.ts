// Call history for strangers' offers that did not ring (over the limits, declined, busy):
// one row per stranger that counts the attempts, instead of a row per offer, so a flood
// of offers cannot flood the history (docs/security.md "Strangers").
import type { Logger } from '../logger.js'
import type { ParleyDb } from '../storage/index.js'
import { STRANGER_HISTORY_COLLAPSE_MS, STRANGER_TRACKED_PEERS } from './constants.js'

/** End reasons of calls that never rang (a stranger over its limits); stored in history only. */
export const STRANGER_DROP_REASON = 'rate_limited'

export class StrangerHistory {
  /** Each stranger's latest history row: repeated offers add to it instead of new rows. */
  private readonly rows = new Map<string, { callId: string, at: number }>()

  constructor (private readonly db: ParleyDb, private readonly log: Logger) {}

  /** An offer that did not ring: a new row, or one more attempt on the stranger's recent row. */
  recordDrop (peerId: string, callId: string, video: boolean, now: number, reason = STRANGER_DROP_REASON): void {
    try {
      const last = this.rows.get(peerId)
      if (last != null && now - last.at < STRANGER_HISTORY_COLLAPSE_MS) {
        this.db.calls.addAttempt(last.callId)
        return
      }
      this.db.calls.insert({ callId, peerId, direction: 'in', video, startedAt: now })
      this.db.calls.end(callId, { endedAt: now, endReason: reason })
      this.remember(peerId, callId, now)
    } catch (err) {
      this.log.warn('call history update failed', { error: (err as Error).message })
    }
  }

  /** The stranger's latest row (a call that rang counts too); the least recently seen is forgotten beyond the cap. */
  remember (peerId: string, callId: string, now: number): void {
    this.rows.delete(peerId)
    this.rows.set(peerId, { callId, at: now })
    while (this.rows.size > STRANGER_TRACKED_PEERS) {
      const oldest = this.rows.keys().next().value
      if (oldest == null) break
      this.rows.delete(oldest)
    }
  }
}
