// Invites this daemon handed out: a hash of each one-time secret, its expiry, and who used it.
import type Database from 'better-sqlite3-multiple-ciphers'
import type { InviteStore, RedeemResult } from './types.js'
import { checkString, checkTime } from './values.js'

interface InviteRow { secret_hash: string, expires_at: number, used_at: number | null, used_by: string | null }

export function createInviteStore (db: Database.Database, now: () => number): InviteStore {
  const insert = db.prepare<[string, number, number]>('INSERT INTO invites (secret_hash, created_at, expires_at) VALUES (?, ?, ?)')
  const get = db.prepare<[string], InviteRow>('SELECT secret_hash, expires_at, used_at, used_by FROM invites WHERE secret_hash = ?')
  const use = db.prepare<[number, string, string]>('UPDATE invites SET used_at = ?, used_by = ? WHERE secret_hash = ? AND used_at IS NULL')
  const prune = db.prepare<[number]>('DELETE FROM invites WHERE expires_at < ?')
  // check and mark in one transaction: two redemptions racing cannot both succeed
  const redeem = db.transaction((hash: string, peerId: string): RedeemResult => {
    const row = get.get(hash)
    if (row === undefined) return 'unknown'
    // the same peer asking again (its first answer was lost) gets the same yes
    if (row.used_at !== null) return row.used_by === peerId ? 'ok' : 'used'
    if (row.expires_at <= now()) return 'expired'
    use.run(checkTime(now(), 'now()'), peerId, hash)
    return 'ok'
  })
  return {
    create: (secretHash, expiresAt) => { insert.run(checkString(secretHash, 'secretHash'), checkTime(now(), 'now()'), checkTime(expiresAt, 'expiresAt')) },
    redeem: (secretHash, peerId) => redeem(checkString(secretHash, 'secretHash'), checkString(peerId, 'peerId')),
    // invites long expired are of no use, not even to say "expired"; a day's grace keeps that answer
    pruneExpired: (graceMs) => prune.run(now() - graceMs).changes
  }
}
