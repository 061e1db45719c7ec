// Messages of all conversations, with forward-only delivery status.
import type Database from 'better-sqlite3-multiple-ciphers'
import { DEFAULT_MESSAGE_PAGE_LIMIT, MAX_PAGE_LIMIT } from './constants.js'
import { MESSAGE_DIRECTIONS, MESSAGE_STATUSES, type Conversation, type Message, type MessageStatus, type MessageStore, type RequestSummary } from './types.js'
import { bool, checkString, checkTime, invalid, pageLimit } from './values.js'

/**
 * Position of each status on its one-way path. An update only applies when the new rank is
 * higher, so receipts arriving out of order (or twice) can never move a message backwards.
 * 'failed' sits between 'pending' and 'sent': a late ack for a message we gave up on still wins.
 */
const STATUS_RANK: Record<MessageStatus, number> = { pending: 0, received: 0, failed: 1, sent: 2, delivered: 3, read: 4 }
const RANK_SQL = `CASE status ${Object.entries(STATUS_RANK).map(([s, r]) => `WHEN '${s}' THEN ${r}`).join(' ')} END`

/** Statuses an incoming message can have; the others describe our own sending. */
const INCOMING_STATUSES: readonly MessageStatus[] = ['received', 'read']
const INCOMING_ONLY: readonly MessageStatus[] = ['received']
const quoted = (list: readonly string[]): string => list.map(s => `'${s}'`).join(', ')
/** A body's size as the requests quota counts it: UTF-8 bytes, not characters. */
const BODY_BYTES = 'length(CAST(body AS BLOB))'

function checkStatusFor (direction: Message['direction'], status: MessageStatus): void {
  const ok = direction === 'in' ? INCOMING_STATUSES.includes(status) : !INCOMING_ONLY.includes(status)
  if (!ok) invalid(`status ${status} is not valid for an ${direction === 'in' ? 'incoming' : 'outgoing'} message`)
}

interface MessageRow {
  peer_id: string
  id: string
  direction: Message['direction']
  body: string
  reply_to: string | null
  sent_at: number
  received_at: number | null
  status: MessageStatus
  read_at: number | null
  deleted: number
}

const COLUMNS = 'peer_id, id, direction, body, reply_to, sent_at, received_at, status, read_at, deleted'

function toMessage (r: MessageRow): Message {
  return {
    peerId: r.peer_id,
    id: r.id,
    direction: r.direction,
    body: r.body,
    replyTo: r.reply_to,
    sentAt: r.sent_at,
    receivedAt: r.received_at,
    status: r.status,
    readAt: r.read_at,
    deleted: bool(r.deleted)
  }
}

function checkStatus (status: MessageStatus): MessageStatus {
  if (!(MESSAGE_STATUSES as readonly string[]).includes(status)) invalid(`unknown message status ${String(status)}`)
  return status
}

export function createMessageStore (db: Database.Database, now: () => number): MessageStore {
  const insert = db.prepare<[string, string, string, string, string | null, number, number | null, number, string, number | null, number]>(`
    INSERT INTO messages (peer_id, id, direction, body, reply_to, sent_at, received_at, sort_at, status, read_at, request)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (peer_id, id) DO NOTHING`)
  const get = db.prepare<[string, string], MessageRow>(`SELECT ${COLUMNS} FROM messages WHERE peer_id = ? AND id = ?`)
  const setStatus = db.prepare<{ status: string, rank: number, now: number, peerId: string, id: string }>(`
    UPDATE messages SET status = @status, read_at = CASE WHEN @status = 'read' THEN COALESCE(read_at, @now) ELSE read_at END
    WHERE peer_id = @peerId AND id = @id AND ${RANK_SQL} < @rank
      AND CASE direction WHEN 'in' THEN @status IN (${quoted(INCOMING_STATUSES)}) ELSE @status NOT IN (${quoted(INCOMING_ONLY)}) END`)
  const markDeleted = db.prepare<[string, string]>('UPDATE messages SET deleted = 1, body = \'\' WHERE peer_id = ? AND id = ? AND deleted = 0')
  const page = db.prepare<[string, number, number], MessageRow>(`
    SELECT ${COLUMNS} FROM messages WHERE peer_id = ? AND sort_at < ?
    ORDER BY sort_at DESC, seq DESC LIMIT ?`)
  const unreadIds = db.prepare<[string], { id: string }>(`
    SELECT id FROM messages WHERE peer_id = ? AND direction = 'in' AND status = 'received' AND deleted = 0 ORDER BY sort_at, seq`)
  const markRead = db.prepare<[number, string]>(`
    UPDATE messages SET status = 'read', read_at = ? WHERE peer_id = ? AND direction = 'in' AND status = 'received' AND deleted = 0`)
  // Newest message per peer (ties broken by insertion order) joined with the unread count
  // and whether the peer still has requests (messages not accepted yet).
  const conversations = db.prepare<[], { peer_id: string, nickname: string | null, body: string, sort_at: number, unread: number, request: number }>(`
    WITH ranked AS (
      SELECT peer_id, body, sort_at, ROW_NUMBER() OVER (PARTITION BY peer_id ORDER BY sort_at DESC, seq DESC) AS rn FROM messages
    ), unread AS (
      SELECT peer_id, COUNT(*) AS n FROM messages WHERE direction = 'in' AND status = 'received' AND deleted = 0 GROUP BY peer_id
    ), requests AS (
      SELECT DISTINCT peer_id FROM messages WHERE request = 1
    )
    SELECT r.peer_id, c.nickname, r.body, r.sort_at, COALESCE(u.n, 0) AS unread, q.peer_id IS NOT NULL AS request
    FROM ranked r LEFT JOIN contacts c ON c.peer_id = r.peer_id LEFT JOIN unread u ON u.peer_id = r.peer_id
      LEFT JOIN requests q ON q.peer_id = r.peer_id
    WHERE r.rn = 1 ORDER BY r.sort_at DESC, r.peer_id`)
  const countAll = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM messages')
  const countPeer = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM messages WHERE peer_id = ?')
  const hasOutgoing = db.prepare<[string], { found: number }>("SELECT 1 AS found FROM messages WHERE peer_id = ? AND direction = 'out' LIMIT 1")
  // A request larger than the whole byte quota goes alone first (it must not count against
  // the older ones); then the newest requests whose running count and byte total fit stay.
  const dropOversized = db.prepare<{ maxBytes: number }, { peer_id: string, id: string }>(
    `DELETE FROM messages WHERE request = 1 AND ${BODY_BYTES} > @maxBytes RETURNING peer_id, id`)
  const trimRequests = db.prepare<{ maxMessages: number, maxBytes: number }, { peer_id: string, id: string }>(`
    DELETE FROM messages WHERE seq IN (
      SELECT seq FROM (
        SELECT seq, ROW_NUMBER() OVER newest AS n, SUM(${BODY_BYTES}) OVER newest AS b
        FROM messages WHERE request = 1 WINDOW newest AS (ORDER BY seq DESC)
      ) WHERE n > @maxMessages OR b > @maxBytes
    ) RETURNING peer_id, id`)
  const requestUsage = db.prepare<[], { messages: number, bytes: number }>(
    `SELECT COUNT(*) AS messages, COALESCE(SUM(${BODY_BYTES}), 0) AS bytes FROM messages WHERE request = 1`)
  const requestPeers = db.prepare<[], { peer_id: string, messages: number, bytes: number, first_at: number, last_at: number, last_body: string }>(`
    SELECT peer_id, COUNT(*) AS messages, SUM(${BODY_BYTES}) AS bytes, MIN(sort_at) AS first_at, MAX(sort_at) AS last_at,
      (SELECT body FROM messages l WHERE l.peer_id = m.peer_id AND l.request = 1 ORDER BY seq DESC LIMIT 1) AS last_body
    FROM messages m WHERE request = 1 GROUP BY peer_id ORDER BY last_at DESC, peer_id`)
  const acceptRequests = db.prepare<[string]>('UPDATE messages SET request = 0 WHERE peer_id = ? AND request = 1')
  const dropRequests = db.prepare<[string]>('DELETE FROM messages WHERE peer_id = ? AND request = 1')

  const markDeletedTx = db.transaction((peerId: string, ids: readonly string[]) => {
    let changed = 0
    for (const id of ids) changed += markDeleted.run(peerId, id).changes
    return changed
  })
  const markIncomingReadTx = db.transaction((peerId: string) => {
    const ids = unreadIds.all(peerId).map(r => r.id)
    if (ids.length > 0) markRead.run(checkTime(now(), 'now()'), peerId)
    return ids
  })

  return {
    insert: (m) => {
      if (!(MESSAGE_DIRECTIONS as readonly string[]).includes(m.direction)) invalid(`unknown direction ${String(m.direction)}`)
      const incoming = m.direction === 'in'
      const at = checkTime(now(), 'now()')
      const receivedAt = m.receivedAt !== undefined ? m.receivedAt : (incoming ? at : null)
      if (receivedAt !== null) checkTime(receivedAt, 'receivedAt')
      const status = checkStatus(m.status ?? (incoming ? 'received' : 'pending'))
      checkStatusFor(m.direction, status)
      const sentAt = checkTime(m.sentAt, 'sentAt')
      const sortAt = incoming ? (receivedAt ?? at) : sentAt
      const readAt = status === 'read' ? at : null
      const request = m.request === true ? 1 : 0
      if (request === 1 && !incoming) invalid('only an incoming message can be a request')
      return insert.run(checkString(m.peerId, 'peerId'), checkString(m.id, 'id'), m.direction, m.body, m.replyTo ?? null, sentAt, receivedAt, sortAt, status, readAt, request).changes === 1
    },
    get: (peerId, id) => { const r = get.get(peerId, id); return r === undefined ? undefined : toMessage(r) },
    setStatus: (peerId, id, status) =>
      setStatus.run({ status: checkStatus(status), rank: STATUS_RANK[status], now: checkTime(now(), 'now()'), peerId, id }).changes === 1,
    markDeleted: (peerId, ids) => markDeletedTx(peerId, ids),
    list: (peerId, opts = {}) => {
      const limit = pageLimit(opts.limit, DEFAULT_MESSAGE_PAGE_LIMIT, MAX_PAGE_LIMIT)
      const before = opts.beforeTs === undefined ? Number.MAX_SAFE_INTEGER : checkTime(opts.beforeTs, 'beforeTs')
      return page.all(peerId, before, limit).reverse().map(toMessage)
    },
    markIncomingRead: (peerId) => markIncomingReadTx(peerId),
    conversations: () => conversations.all().map((r): Conversation => ({
      peerId: r.peer_id, nickname: r.nickname, lastBody: r.body, lastAt: r.sort_at, unread: r.unread, request: bool(r.request)
    })),
    count: (peerId) => (peerId === undefined ? countAll.get() : countPeer.get(peerId))?.n ?? 0,
    hasOutgoing: (peerId) => hasOutgoing.get(peerId) !== undefined,
    trimRequests: (maxMessages, maxBytes) => {
      if (!Number.isSafeInteger(maxMessages) || maxMessages < 0) invalid(`maxMessages must be a whole number, got ${String(maxMessages)}`)
      if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) invalid(`maxBytes must be a whole number, got ${String(maxBytes)}`)
      return [...dropOversized.all({ maxBytes }), ...trimRequests.all({ maxMessages, maxBytes })].map(r => ({ peerId: r.peer_id, id: r.id }))
    },
    requestUsage: () => requestUsage.get() ?? { messages: 0, bytes: 0 },
    requestPeers: () => requestPeers.all().map((r): RequestSummary => ({
      peerId: r.peer_id, messages: r.messages, bytes: r.bytes, firstAt: r.first_at, lastAt: r.last_at, lastBody: r.last_body
    })),
    acceptRequests: (peerId) => acceptRequests.run(peerId).changes,
    dropRequests: (peerId) => dropRequests.run(peerId).changes
  }
}
