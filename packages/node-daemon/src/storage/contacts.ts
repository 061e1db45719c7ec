// Contacts: known peers, whether the user added them or they just reached us.
import type Database from 'better-sqlite3-multiple-ciphers'
import type { Contact, ContactStore } from './types.js'
import { bool, checkString, checkTime } from './values.js'

interface ContactRow {
  peer_id: string
  nickname: string | null
  blocked: number
  verified: number
  added_by_user: number
  created_at: number
  last_seen_at: number | null
}

function toContact (r: ContactRow): Contact {
  return {
    peerId: r.peer_id,
    nickname: r.nickname,
    blocked: bool(r.blocked),
    verified: bool(r.verified),
    addedByUser: bool(r.added_by_user),
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at
  }
}

export function createContactStore (db: Database.Database, now: () => number): ContactStore {
  const get = db.prepare<[string], ContactRow>('SELECT * FROM contacts WHERE peer_id = ?')
  const create = db.prepare<[string, number]>('INSERT INTO contacts (peer_id, created_at) VALUES (?, ?) ON CONFLICT (peer_id) DO NOTHING')
  const add = db.prepare<[string | null, string]>('UPDATE contacts SET added_by_user = 1, nickname = ? WHERE peer_id = ?')
  const setNickname = db.prepare<[string | null, string]>('UPDATE contacts SET nickname = ? WHERE peer_id = ?')
  const setBlocked = db.prepare<[number, string]>('UPDATE contacts SET blocked = ? WHERE peer_id = ?')
  const setVerified = db.prepare<[number, string]>('UPDATE contacts SET verified = ? WHERE peer_id = ?')
  const touch = db.prepare<[number, string]>('UPDATE contacts SET last_seen_at = ? WHERE peer_id = ?')
  const list = db.prepare<[], ContactRow>('SELECT * FROM contacts ORDER BY nickname IS NULL, nickname COLLATE NOCASE, peer_id')

  const ensureRow = (peerId: string): void => { create.run(checkString(peerId, 'peerId'), checkTime(now(), 'now()')) }
  // The row exists once ensureRow ran; a missing row here means the database changed under us.
  const mustGet = (peerId: string): Contact => toContact(get.get(peerId) as ContactRow)
  // Each setter is create-if-missing + update; one transaction keeps that atomic.
  const upsert = db.transaction((peerId: string, update: () => void) => { ensureRow(peerId); update() })

  return {
    get: (peerId) => { const r = get.get(peerId); return r === undefined ? undefined : toContact(r) },
    ensure: (peerId) => { ensureRow(peerId); return mustGet(peerId) },
    add: (peerId, nickname) => { upsert(peerId, () => add.run(nickname, peerId)); return mustGet(peerId) },
    setNickname: (peerId, nickname) => { upsert(peerId, () => setNickname.run(nickname, peerId)) },
    setBlocked: (peerId, blocked) => { upsert(peerId, () => setBlocked.run(blocked ? 1 : 0, peerId)) },
    setVerified: (peerId, verified) => { upsert(peerId, () => setVerified.run(verified ? 1 : 0, peerId)) },
    touch: (peerId) => { upsert(peerId, () => touch.run(checkTime(now(), 'now()'), peerId)) },
    list: () => list.all().map(toContact)
  }
}
