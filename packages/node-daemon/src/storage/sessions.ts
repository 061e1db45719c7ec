// Serialized ratchet states (one per peer) and the ids of session inits already accepted.
import type Database from 'better-sqlite3-multiple-ciphers'
import type { SessionStore } from './types.js'
import { checkString, checkTime, fromBlob, toBlob } from './values.js'

export function createSessionStore (db: Database.Database, now: () => number): SessionStore {
  const get = db.prepare<[string], { state: Buffer }>('SELECT state FROM sessions WHERE peer_id = ?')
  const put = db.prepare<[string, Buffer, number]>(`
    INSERT INTO sessions (peer_id, state, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (peer_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`)
  const del = db.prepare<[string]>('DELETE FROM sessions WHERE peer_id = ?')
  const hasInit = db.prepare<[string], { found: number }>('SELECT 1 AS found FROM session_inits WHERE init_id = ?')
  // Idempotent: recording the same accepted init twice (a retried transaction) is not an error.
  const addInit = db.prepare<[string, string, number]>('INSERT INTO session_inits (init_id, peer_id, accepted_at) VALUES (?, ?, ?) ON CONFLICT (init_id) DO NOTHING')

  return {
    get: (peerId) => { const r = get.get(peerId); return r === undefined ? undefined : fromBlob(r.state) },
    put: (peerId, state) => { put.run(checkString(peerId, 'peerId'), toBlob(state), checkTime(now(), 'now()')) },
    delete: (peerId) => { del.run(peerId) },
    hasInit: (initId) => hasInit.get(initId) !== undefined,
    addInit: (peerId, initId) => { addInit.run(checkString(initId, 'initId'), checkString(peerId, 'peerId'), checkTime(now(), 'now()')) }
  }
}
