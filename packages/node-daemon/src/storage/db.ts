// Opens (creating if needed) the daemon's SQLite database and assembles the typed stores.
import { chmodSync, closeSync, existsSync, openSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import { FILE_MODE_PRIVATE } from '../constants.js'
import { backupDatabase } from './backup.js'
import { applyKey, dbFileKind, rekeyFile, rekeyTempFile } from './cipher.js'
import { checkIntegrity, isCorruptionError } from './integrity.js'
import { createCallStore } from './calls.js'
import { createInviteStore } from './invites.js'
import { BUSY_TIMEOUT_MS } from './constants.js'
import { createContactStore } from './contacts.js'
import { DatabaseCorruptError, StorageError, STORAGE_ERROR_CODES, WrongDbKeyError } from './errors.js'
import { createMessageStore } from './messages.js'
import { migrate } from './migrations.js'
import { createOutboxStore } from './outbox.js'
import { createReceivedStore } from './received.js'
import { createSessionStore } from './sessions.js'
import type { OpenDatabaseOptions, ParleyDb } from './types.js'

const IN_MEMORY = ':memory:'

/**
 * The database holds ratchet states (message keys) and message bodies: owner-only, like the
 * identity key. SQLite gives -wal / -shm the main file's mode, but we chmod them too in case
 * they were left behind by an older run with a looser umask.
 */
function restrictPermissions (file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    if (existsSync(f)) chmodSync(f, FILE_MODE_PRIVATE)
  }
}

/** Per-connection settings; exported so tests can check them on a raw connection. */
export function configureConnection (db: Database.Database): void {
  // WAL: readers (CLI, GUI queries) never block the daemon's writer and vice versa.
  const mode = db.pragma('journal_mode = WAL', { simple: true })
  if (mode !== 'wal' && !db.memory) throw new Error(`could not enable WAL (journal_mode is ${String(mode)})`)
  // FULL, not NORMAL: in WAL mode NORMAL may lose the last committed transactions on power loss.
  // A lost commit is worse here than elsewhere: a ratchet state rolled back after its envelope was
  // sent would reuse message keys, and a message we acked OK would silently vanish. The extra fsync
  // per commit is cheap at chat rates.
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
}

/**
 * Opens `file` (created with mode 0600 if missing), encrypted with `opts.key` (a plain file from
 * before is encrypted in place first), checks its integrity, applies pending migrations and returns
 * the stores. Throws WrongDbKeyError when the key does not open the file, DatabaseCorruptError when
 * it fails quick_check, SchemaTooNewError for a database written by newer code and StorageError
 * STORAGE_OPEN_FAILED when the file is not a usable database. None of them changes the file.
 */
export function openDatabase (file: string, opts: OpenDatabaseOptions = {}): ParleyDb {
  const now = opts.now ?? Date.now
  const onDisk = file !== IN_MEMORY && file !== ''
  const backupDir = opts.backupDir ?? join(dirname(file), 'backups')
  const key = opts.key
  if (onDisk) {
    // Left by a crash during re-encryption; the original beside it is intact.
    rmSync(rekeyTempFile(file), { force: true })
    // Create the file ourselves so it never exists, even briefly, with the umask's default mode.
    closeSync(openSync(file, 'a', FILE_MODE_PRIVATE))
    if (key != null && dbFileKind(file) === 'plain') encryptPlain(file, key.bytes, backupDir, opts.onEncrypted)
  }

  let db: Database.Database
  try {
    db = new Database(file)
  } catch (err) {
    throw new StorageError(STORAGE_ERROR_CODES.openFailed, `cannot open database ${file}: ${err instanceof Error ? err.message : String(err)}`, { file }, { cause: err })
  }
  try {
    if (key != null) applyKey(db, key.bytes)
    try {
      db.prepare('SELECT count(*) FROM sqlite_schema').get()
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'SQLITE_NOTADB') throw err
      if (key == null) throw new StorageError(STORAGE_ERROR_CODES.openFailed, `cannot open database ${file}: not a plain SQLite file (encrypted, or not a database)`, { file }, { cause: err })
      // A key that matched db-key.json's check value is right: then page 1 itself is damaged.
      if (key.verified) throw new DatabaseCorruptError(file, 'its first page cannot be decrypted', backupDir, { cause: err })
      throw new WrongDbKeyError(file, key.source)
    }
    if (onDisk) checkIntegrity(db, file, backupDir)
    if (onDisk) restrictPermissions(file)
    configureConnection(db)
    migrate(db, file)
    if (onDisk) restrictPermissions(file)
  } catch (err) {
    db.close()
    if (err instanceof StorageError) throw err
    if (onDisk && isCorruptionError(err)) throw new DatabaseCorruptError(file, (err as Error).message, backupDir, { cause: err })
    throw new StorageError(STORAGE_ERROR_CODES.openFailed, `cannot open database ${file}: ${err instanceof Error ? err.message : String(err)}`, { file }, { cause: err })
  }

  const contacts = createContactStore(db, now)
  const sessions = createSessionStore(db, now)
  const messages = createMessageStore(db, now)
  const outbox = createOutboxStore(db, now)
  const received = createReceivedStore(db, now)
  const calls = createCallStore(db)
  const invites = createInviteStore(db, now)
  const counts = db.prepare<[], { messages: number, outbox: number, sessions: number, contacts: number }>(`
    SELECT (SELECT COUNT(*) FROM messages) AS messages, (SELECT COUNT(*) FROM outbox) AS outbox,
           (SELECT COUNT(*) FROM sessions) AS sessions, (SELECT COUNT(*) FROM contacts) AS contacts`)

  return {
    file,
    close: () => { if (db.open) db.close() },
    tx: <T>(fn: () => T): T => db.transaction(() => {
      const result = fn()
      // better-sqlite3 would commit as soon as fn returns its promise, before the awaited writes.
      // Throwing here rolls back whatever fn wrote synchronously.
      if (typeof (result as { then?: unknown } | null)?.then === 'function') {
        throw new StorageError(STORAGE_ERROR_CODES.asyncTransaction, 'tx() needs a synchronous function; await outside the transaction')
      }
      return result
    }).immediate(),
    contacts,
    sessions,
    messages,
    outbox,
    received,
    calls,
    invites,
    backup: () => {
      if (!onDisk) throw new StorageError(STORAGE_ERROR_CODES.invalidArgument, 'an in-memory database has no backups')
      return backupDatabase(db, backupDir)
    },
    stats: () => counts.get() as { messages: number, outbox: number, sessions: number, contacts: number }
  }
}

/** A database from before encryption: checked (a damaged one is not migrated), then encrypted on a copy that replaces it. */
function encryptPlain (file: string, key: Uint8Array, backupDir: string, onEncrypted: (() => void) | undefined): void {
  const plain = new Database(file, { fileMustExist: true })
  try {
    checkIntegrity(plain, file, backupDir)
  } finally {
    plain.close()
  }
  try {
    rekeyFile(file, undefined, key)
  } catch (err) {
    throw new StorageError(STORAGE_ERROR_CODES.openFailed, `cannot encrypt ${file} (it is unchanged): ${(err as Error).message}`, { file }, { cause: err })
  }
  onEncrypted?.()
}
