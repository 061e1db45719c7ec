// Call history.
import type Database from 'better-sqlite3-multiple-ciphers'
import { DEFAULT_CALL_PAGE_LIMIT, MAX_PAGE_LIMIT } from './constants.js'
import { StorageError, STORAGE_ERROR_CODES } from './errors.js'
import { MESSAGE_DIRECTIONS, type CallRecord, type CallStore } from './types.js'
import { bool, checkString, checkTime, invalid, pageLimit } from './values.js'

interface CallRow {
  call_id: string
  peer_id: string
  direction: CallRecord['direction']
  video: number
  started_at: number
  connected_at: number | null
  ended_at: number | null
  end_reason: string | null
  attempts: number
}

function toRecord (r: CallRow): CallRecord {
  return {
    callId: r.call_id,
    peerId: r.peer_id,
    direction: r.direction,
    video: bool(r.video),
    startedAt: r.started_at,
    connectedAt: r.connected_at,
    endedAt: r.ended_at,
    durationMs: r.connected_at !== null && r.ended_at !== null ? Math.max(0, r.ended_at - r.connected_at) : null,
    endReason: r.end_reason,
    attempts: r.attempts
  }
}

export function createCallStore (db: Database.Database): CallStore {
  const insert = db.prepare<[string, string, string, number, number]>(`
    INSERT INTO calls (call_id, peer_id, direction, video, started_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (call_id) DO NOTHING`)
  const exists = db.prepare<[string], { found: number }>('SELECT 1 AS found FROM calls WHERE call_id = ?')
  // keepConnected = 1 leaves connected_at as stored (the caller passed no connectedAt).
  const end = db.prepare<{ callId: string, connectedAt: number | null, keepConnected: number, endedAt: number, endReason: string }>(`
    UPDATE calls SET connected_at = CASE WHEN @keepConnected = 1 THEN connected_at ELSE @connectedAt END,
      ended_at = @endedAt, end_reason = @endReason
    WHERE call_id = @callId AND ended_at IS NULL`)
  const addAttempt = db.prepare<[string]>('UPDATE calls SET attempts = attempts + 1 WHERE call_id = ?')
  const list = db.prepare<[number], CallRow>('SELECT * FROM calls ORDER BY started_at DESC, rowid DESC LIMIT ?')

  return {
    insert: (c) => {
      if (!(MESSAGE_DIRECTIONS as readonly string[]).includes(c.direction)) invalid(`unknown direction ${String(c.direction)}`)
      const changes = insert.run(checkString(c.callId, 'callId'), checkString(c.peerId, 'peerId'), c.direction, c.video ? 1 : 0, checkTime(c.startedAt, 'startedAt')).changes
      if (changes === 0) throw new StorageError(STORAGE_ERROR_CODES.duplicate, `call ${c.callId} is already recorded`, { callId: c.callId })
    },
    end: (callId, fields) => {
      const connectedAt = fields.connectedAt ?? null
      if (connectedAt !== null) checkTime(connectedAt, 'connectedAt')
      const changes = end.run({
        callId,
        connectedAt,
        keepConnected: fields.connectedAt === undefined ? 1 : 0,
        endedAt: checkTime(fields.endedAt, 'endedAt'),
        endReason: fields.endReason
      }).changes
      if (changes === 0 && exists.get(callId) === undefined) {
        throw new StorageError(STORAGE_ERROR_CODES.notFound, `no call ${callId} to end`, { callId })
      }
    },
    addAttempt: (callId) => {
      if (addAttempt.run(callId).changes === 0) throw new StorageError(STORAGE_ERROR_CODES.notFound, `no call ${callId} to count`, { callId })
    },
    list: (opts = {}) => list.all(pageLimit(opts.limit, DEFAULT_CALL_PAGE_LIMIT, MAX_PAGE_LIMIT)).map(toRecord)
  }
}
