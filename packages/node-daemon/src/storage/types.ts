// Row types and the ParleyDb interface. All times are ms since the Unix epoch from the injected clock.
import type { DbKey } from './db-key.js'

export interface Contact {
  peerId: string
  nickname: string | null
  blocked: boolean
  /** The user compared safety numbers with this peer. */
  verified: boolean
  /** True for a contact the user added, false for someone who merely messaged or called us. */
  addedByUser: boolean
  createdAt: number
  lastSeenAt: number | null
}

export const MESSAGE_DIRECTIONS = ['in', 'out'] as const
export type MessageDirection = typeof MESSAGE_DIRECTIONS[number]

export const MESSAGE_STATUSES = ['pending', 'sent', 'delivered', 'read', 'received', 'failed'] as const
export type MessageStatus = typeof MESSAGE_STATUSES[number]

export interface Message {
  peerId: string
  id: string
  direction: MessageDirection
  /** Empty once the message is deleted. */
  body: string
  replyTo: string | null
  /** Sender's clock: ours for outgoing messages, the peer's (untrusted) for incoming ones. */
  sentAt: number
  /** Our clock when an incoming message was stored; null for outgoing messages. */
  receivedAt: number | null
  status: MessageStatus
  readAt: number | null
  deleted: boolean
}

export interface NewMessage {
  peerId: string
  id: string
  direction: MessageDirection
  body: string
  replyTo?: string | null
  sentAt: number
  /** Default: the clock's now for incoming messages, null for outgoing ones. */
  receivedAt?: number | null
  /** Default: 'received' for incoming, 'pending' for outgoing messages. */
  status?: MessageStatus
  /** From a stranger: held in the bounded requests quota until the user accepts the peer. Default false. */
  request?: boolean
}

export interface Conversation {
  peerId: string
  nickname: string | null
  /** Body of the newest message ('' when it was deleted). */
  lastBody: string
  lastAt: number
  /** Incoming messages not yet marked read (deleted ones excluded). */
  unread: number
  /** A message request: messages from a stranger the user has not accepted yet. */
  request: boolean
}

/** One stranger's messages held as requests. */
export interface RequestSummary {
  peerId: string
  messages: number
  /** UTF-8 bytes of the bodies. */
  bytes: number
  firstAt: number
  lastAt: number
  lastBody: string
}

export interface MessageListOptions {
  /** Page size; default DEFAULT_MESSAGE_PAGE_LIMIT, capped at MAX_PAGE_LIMIT. */
  limit?: number
  /** Only messages stored strictly before this time (for paging back); default: no bound. */
  beforeTs?: number
}

export interface OutboxEntry {
  seq: number
  peerId: string
  envelope: Uint8Array
  messageId: string | null
  attempts: number
  nextAttemptAt: number
  createdAt: number
  lastError: string | null
}

export interface NewCall {
  callId: string
  peerId: string
  direction: MessageDirection
  video: boolean
  startedAt: number
}

export interface CallEnd {
  /** When media started flowing; omit to keep what is stored, null for a call that never connected. */
  connectedAt?: number | null
  endedAt: number
  endReason: string
}

export interface CallRecord {
  callId: string
  peerId: string
  direction: MessageDirection
  video: boolean
  startedAt: number
  connectedAt: number | null
  endedAt: number | null
  /** endedAt - connectedAt; null for a call that never connected or has not ended. */
  durationMs: number | null
  endReason: string | null
  /** Offers this row stands for: more than 1 when a stranger's repeated offers were collapsed. */
  attempts: number
}

export interface StorageStats {
  messages: number
  outbox: number
  sessions: number
  contacts: number
}

export interface ContactStore {
  get: (peerId: string) => Contact | undefined
  /** Returns the contact, creating an unknown one (addedByUser = false) if missing. */
  ensure: (peerId: string) => Contact
  /** Marks the peer as added by the user and sets its nickname, creating the row if needed. */
  add: (peerId: string, nickname: string | null) => Contact
  /** The setters create the contact if missing, so e.g. a stranger can be blocked before writing. */
  setNickname: (peerId: string, nickname: string | null) => void
  setBlocked: (peerId: string, blocked: boolean) => void
  setVerified: (peerId: string, verified: boolean) => void
  /** Sets lastSeenAt to now. */
  touch: (peerId: string) => void
  /** Sorted by nickname (contacts without one last), then peer id. */
  list: () => Contact[]
}

export interface SessionStore {
  get: (peerId: string) => Uint8Array | undefined
  put: (peerId: string, state: Uint8Array) => void
  delete: (peerId: string) => void
  hasInit: (initId: string) => boolean
  /** Records an accepted init id; call in the same tx() as sessions.put (docs/protocol.md 1.3). */
  addInit: (peerId: string, initId: string) => void
}

export interface MessageStore {
  /** False when (peerId, id) already exists: re-delivered messages are dropped here. */
  insert: (m: NewMessage) => boolean
  get: (peerId: string, id: string) => Message | undefined
  /**
   * Moves the status forward only (pending → failed → sent → delivered → read; received → read):
   * receipts arrive out of order and a late "delivered" must not undo "read".
   * Returns whether the row changed.
   */
  setStatus: (peerId: string, id: string, status: MessageStatus) => boolean
  /** Marks messages deleted and wipes their bodies; returns how many were not deleted before. */
  markDeleted: (peerId: string, ids: readonly string[]) => number
  /** Newest page, returned oldest first. */
  list: (peerId: string, opts?: MessageListOptions) => Message[]
  /** Marks every unread incoming message of the peer read; returns their ids, oldest first. */
  markIncomingRead: (peerId: string) => string[]
  /** One row per peer with messages, newest conversation first. */
  conversations: () => Conversation[]
  count: (peerId?: string) => number
  /** Whether we ever wrote to the peer (writing first accepts them; docs/security.md). */
  hasOutgoing: (peerId: string) => boolean
  /**
   * Drops the oldest request messages (of any stranger) until at most `maxMessages` and
   * `maxBytes` of bodies remain; returns what was dropped. Call in the transaction that inserted.
   */
  trimRequests: (maxMessages: number, maxBytes: number) => Array<{ peerId: string, id: string }>
  /** Requests held in total. */
  requestUsage: () => { messages: number, bytes: number }
  /** Request messages per stranger, newest first. */
  requestPeers: () => RequestSummary[]
  /** Turns the peer's requests into ordinary messages; returns how many. */
  acceptRequests: (peerId: string) => number
  /** Deletes the peer's requests (the user blocked them); returns how many. */
  dropRequests: (peerId: string) => number
}

export interface OutboxStore {
  /** Adds an envelope that is due now; returns its seq (strictly increasing, never reused). */
  enqueue: (peerId: string, envelope: Uint8Array, messageId: string | null) => number
  /** The peer's entries by seq, due or not (a fresh connection flushes everything). */
  pending: (peerId: string, limit: number) => OutboxEntry[]
  peersWithPending: () => string[]
  remove: (seq: number) => OutboxEntry | undefined
  /** Counts a failed attempt and schedules the next one. */
  markAttempt: (seq: number, nextAttemptAt: number, error?: string) => void
  /** Earliest nextAttemptAt of any entry, undefined when the outbox is empty. */
  dueAt: () => number | undefined
}

export interface ReceivedStore {
  seen: (peerId: string, envelopeHash: string) => boolean
  add: (peerId: string, envelopeHash: string) => void
  /** Forgets hashes recorded before `beforeMs`; returns how many. */
  prune: (beforeMs: number) => number
}

/** What redeeming an invite secret found. */
export type RedeemResult = 'ok' | 'unknown' | 'expired' | 'used'

export interface InviteStore {
  /** A new invite: the hash of its secret and when it expires (unix ms). */
  create: (secretHash: string, expiresAt: number) => void
  /** Marks the invite used by peerId, once; the same peer again gets 'ok' again. */
  redeem: (secretHash: string, peerId: string) => RedeemResult
  /** Deletes invites expired more than graceMs ago; returns how many. */
  pruneExpired: (graceMs: number) => number
}

export interface CallStore {
  /** Throws StorageError STORAGE_DUPLICATE for a callId already recorded. */
  insert: (c: NewCall) => void
  /**
   * Records the end of a call. The first end wins (hang-up and timeout may race); an unknown
   * callId throws StorageError STORAGE_NOT_FOUND.
   */
  end: (callId: string, fields: CallEnd) => void
  /** Newest first; default DEFAULT_CALL_PAGE_LIMIT, capped at MAX_PAGE_LIMIT. */
  list: (opts?: { limit?: number }) => CallRecord[]
  /** One more offer for an existing row (a stranger calling again); unknown callId → STORAGE_NOT_FOUND. */
  addAttempt: (callId: string) => void
}

export interface ParleyDb {
  /** Path of the database file. */
  readonly file: string
  close: () => void
  /**
   * Runs fn in one IMMEDIATE transaction: the write lock is taken up front, so a concurrent writer
   * waits (busy_timeout) instead of failing mid-way. fn must be synchronous; if it throws, every
   * write it made is rolled back. Nested calls become savepoints.
   */
  tx: <T>(fn: () => T) => T
  contacts: ContactStore
  sessions: SessionStore
  messages: MessageStore
  outbox: OutboxStore
  received: ReceivedStore
  calls: CallStore
  invites: InviteStore
  /** Writes an encrypted copy into the backup dir (rotated); returns its path. */
  backup: () => string
  stats: () => StorageStats
}

export interface OpenDatabaseOptions {
  /** Clock for every stored time; default Date.now. */
  now?: () => number
  /** Encryption key (storage/db-key.ts); default none: a plain file, for tests and :memory: only. */
  key?: DbKey
  /** Where backups go and where the corruption message points; default <dir of file>/backups. */
  backupDir?: string
  /** Called after a plain database from before was encrypted in place. */
  onEncrypted?: () => void
}
