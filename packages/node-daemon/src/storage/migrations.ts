// Schema migrations. PRAGMA user_version holds how many steps a database has had; step i takes it
// from version i to i + 1. Steps are append-only: a released step is never edited, only followed.
import type Database from 'better-sqlite3-multiple-ciphers'
import { SchemaTooNewError, StorageError, STORAGE_ERROR_CODES } from './errors.js'

export const MIGRATIONS: readonly string[] = [
  // 1: contacts, ratchet sessions, messages, outbox, received-envelope hashes, call history.
  `
  CREATE TABLE contacts (
    peer_id       TEXT PRIMARY KEY,
    nickname      TEXT,
    blocked       INTEGER NOT NULL DEFAULT 0 CHECK (blocked IN (0, 1)),
    verified      INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
    added_by_user INTEGER NOT NULL DEFAULT 0 CHECK (added_by_user IN (0, 1)),
    created_at    INTEGER NOT NULL,
    last_seen_at  INTEGER
  ) STRICT;

  CREATE TABLE sessions (
    peer_id    TEXT PRIMARY KEY,
    state      BLOB NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;

  -- Ids of session inits already accepted: a replayed first flight must not reset a session.
  CREATE TABLE session_inits (
    init_id     TEXT PRIMARY KEY,
    peer_id     TEXT NOT NULL,
    accepted_at INTEGER NOT NULL
  ) STRICT;

  -- seq gives a stable insertion order for equal timestamps. sort_at is our own clock when the
  -- message entered this database (send time for ours, receive time for theirs): a peer's clock
  -- must not be able to reorder a conversation.
  CREATE TABLE messages (
    seq         INTEGER PRIMARY KEY,
    peer_id     TEXT NOT NULL,
    id          TEXT NOT NULL,
    direction   TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    body        TEXT NOT NULL,
    reply_to    TEXT,
    sent_at     INTEGER NOT NULL,
    received_at INTEGER,
    sort_at     INTEGER NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'delivered', 'read', 'received', 'failed')),
    read_at     INTEGER,
    deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    UNIQUE (peer_id, id)
  ) STRICT;
  CREATE INDEX messages_by_peer_time ON messages (peer_id, sort_at, seq);
  CREATE INDEX messages_unread ON messages (peer_id) WHERE direction = 'in' AND status = 'received' AND deleted = 0;

  -- AUTOINCREMENT: a seq is never reused, even after the newest entry is removed, so an ack for
  -- an old seq can never remove a newer entry.
  CREATE TABLE outbox (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    peer_id         TEXT NOT NULL,
    envelope        BLOB NOT NULL,
    message_id      TEXT,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    last_error      TEXT
  ) STRICT;
  CREATE INDEX outbox_by_peer ON outbox (peer_id, seq);
  CREATE INDEX outbox_by_due ON outbox (next_attempt_at);

  CREATE TABLE received_envelopes (
    peer_id     TEXT NOT NULL,
    hash        TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (peer_id, hash)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX received_by_time ON received_envelopes (received_at);

  CREATE TABLE calls (
    call_id      TEXT PRIMARY KEY,
    peer_id      TEXT NOT NULL,
    direction    TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    video        INTEGER NOT NULL CHECK (video IN (0, 1)),
    started_at   INTEGER NOT NULL,
    connected_at INTEGER,
    ended_at     INTEGER,
    end_reason   TEXT
  ) STRICT;
  CREATE INDEX calls_by_start ON calls (started_at);
  `,
  // 2: messages from strangers are held as requests (a bounded quota) until the user accepts
  // the peer (docs/security.md "Strangers"). Existing messages stay ordinary ones.
  `
  ALTER TABLE messages ADD COLUMN request INTEGER NOT NULL DEFAULT 0 CHECK (request IN (0, 1));
  CREATE INDEX messages_requests ON messages (peer_id, seq) WHERE request = 1;
  `,
  // 3: a stranger's repeated offers collapse into one history row that counts them
  // (docs/security.md "Strangers").
  `
  ALTER TABLE calls ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1 CHECK (attempts >= 1);
  `,
  // 4: invites this daemon handed out (docs/protocol.md §6). Only a hash of each one-time secret
  // is kept: a copy of the database cannot redeem an invite.
  `
  CREATE TABLE invites (
    secret_hash TEXT PRIMARY KEY,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER,
    used_by     TEXT
  ) STRICT;
  `
]

/** Schema version this code writes: the number of migration steps. */
export const SCHEMA_VERSION = MIGRATIONS.length

export function schemaVersion (db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

/**
 * Brings `db` to SCHEMA_VERSION. Each step runs in its own IMMEDIATE transaction together with the
 * user_version bump, so a crash mid-migration leaves the previous version, never a half-applied step.
 */
export function migrate (db: Database.Database, file: string, steps: readonly string[] = MIGRATIONS): void {
  const from = schemaVersion(db)
  if (from > steps.length) throw new SchemaTooNewError(file, from, steps.length)
  for (let version = from; version < steps.length; version++) {
    const sql = steps[version] as string
    try {
      db.transaction(() => {
        db.exec(sql)
        db.pragma(`user_version = ${version + 1}`)
      }).immediate()
    } catch (err) {
      throw new StorageError(STORAGE_ERROR_CODES.migrationFailed, `migration to schema version ${version + 1} of ${file} failed: ${err instanceof Error ? err.message : String(err)}`, { file, version: version + 1 }, { cause: err })
    }
  }
}
