// Hashes of envelopes already accepted. After a crash between committing a message and acking it,
// the sender re-delivers; the ratchet would call that a replay, this table lets us ack DUPLICATE.
import type Database from 'better-sqlite3-multiple-ciphers'
import type { ReceivedStore } from './types.js'
import { checkString, checkTime } from './values.js'

export function createReceivedStore (db: Database.Database, now: () => number): ReceivedStore {
  const seen = db.prepare<[string, string], { found: number }>('SELECT 1 AS found FROM received_envelopes WHERE peer_id = ? AND hash = ?')
  const add = db.prepare<[string, string, number]>(
    'INSERT INTO received_envelopes (peer_id, hash, received_at) VALUES (?, ?, ?) ON CONFLICT (peer_id, hash) DO NOTHING')
  const prune = db.prepare<[number]>('DELETE FROM received_envelopes WHERE received_at < ?')

  return {
    seen: (peerId, hash) => seen.get(peerId, hash) !== undefined,
    add: (peerId, hash) => { add.run(checkString(peerId, 'peerId'), checkString(hash, 'envelopeHash'), checkTime(now(), 'now()')) },
    prune: (beforeMs) => prune.run(checkTime(beforeMs, 'beforeMs')).changes
  }
}
