// Outbox: encrypted envelopes committed before they go on the wire, removed when the peer acks.
import type Database from 'better-sqlite3-multiple-ciphers'
import type { OutboxEntry, OutboxStore } from './types.js'
import { checkString, checkTime, fromBlob, invalid, toBlob } from './values.js'

interface OutboxRow {
  seq: number
  peer_id: string
  envelope: Buffer
  message_id: string | null
  attempts: number
  next_attempt_at: number
  created_at: number
  last_error: string | null
}

function toEntry (r: OutboxRow): OutboxEntry {
  return {
    seq: r.seq,
    peerId: r.peer_id,
    envelope: fromBlob(r.envelope),
    messageId: r.message_id,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    createdAt: r.created_at,
    lastError: r.last_error
  }
}

export function createOutboxStore (db: Database.Database, now: () => number): OutboxStore {
  const enqueue = db.prepare<[string, Buffer, string | null, number, number]>(
    'INSERT INTO outbox (peer_id, envelope, message_id, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?)')
  const pending = db.prepare<[string, number], OutboxRow>('SELECT * FROM outbox WHERE peer_id = ? ORDER BY seq LIMIT ?')
  const peers = db.prepare<[], { peer_id: string }>('SELECT peer_id FROM outbox GROUP BY peer_id ORDER BY MIN(seq)')
  const remove = db.prepare<[number], OutboxRow>('DELETE FROM outbox WHERE seq = ? RETURNING *')
  const markAttempt = db.prepare<[number, string | null, number]>(
    'UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE seq = ?')
  const dueAt = db.prepare<[], { at: number | null }>('SELECT MIN(next_attempt_at) AS at FROM outbox')

  return {
    enqueue: (peerId, envelope, messageId) => {
      const at = checkTime(now(), 'now()')
      return Number(enqueue.run(checkString(peerId, 'peerId'), toBlob(envelope), messageId, at, at).lastInsertRowid)
    },
    pending: (peerId, limit) => {
      if (!Number.isInteger(limit) || limit < 1) invalid(`limit must be a positive integer, got ${String(limit)}`)
      return pending.all(peerId, limit).map(toEntry)
    },
    peersWithPending: () => peers.all().map(r => r.peer_id),
    remove: (seq) => { const r = remove.get(seq); return r === undefined ? undefined : toEntry(r) },
    markAttempt: (seq, nextAttemptAt, error) => { markAttempt.run(checkTime(nextAttemptAt, 'nextAttemptAt'), error ?? null, seq) },
    dueAt: () => dueAt.get()?.at ?? undefined
  }
}
