// SQLCipher-compatible page encryption through SQLite3 Multiple Ciphers: keying a connection,
// telling plain from encrypted files, and re-encrypting a file under a new key without ever
// leaving a half-written database in place (docs/operations.md, "Encryption at rest").
import { closeSync, copyFileSync, existsSync, openSync, readSync, renameSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import { fsyncPath } from '../fs-private.js'

/** The first 16 bytes of every unencrypted SQLite file. */
const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1')

export type DbFileKind = 'missing' | 'empty' | 'plain' | 'encrypted'

/** A SQLCipher file starts with its random salt, so anything that is not the plain header counts as encrypted. */
export function dbFileKind (file: string): DbFileKind {
  if (!existsSync(file)) return 'missing'
  const fd = openSync(file, 'r')
  try {
    const head = Buffer.alloc(PLAIN_HEADER.length)
    const n = readSync(fd, head, 0, head.length, 0)
    if (n === 0) return 'empty'
    return n === head.length && head.equals(PLAIN_HEADER) ? 'plain' : 'encrypted'
  } finally {
    closeSync(fd)
  }
}

/**
 * SQLCipher 4 defaults (AES-256-CBC, HMAC-SHA512 per page), so `sqlcipher` itself can open the file.
 * The key is raw (x'…'): it already comes from HKDF or scrypt, SQLCipher's PBKDF2 would add nothing.
 */
function cipherPragmas (db: Database.Database): void {
  db.pragma("cipher = 'sqlcipher'")
  db.pragma('legacy = 4')
}

function rawKey (key: Uint8Array): string {
  return `"x'${Buffer.from(key).toString('hex')}'"`
}

/** Keys a freshly opened connection; must run before anything reads the file. */
export function applyKey (db: Database.Database, key: Uint8Array): void {
  cipherPragmas(db)
  db.pragma(`key = ${rawKey(key)}`)
}

/** True when `key` decrypts `file` (reads page 1 only; says nothing about the other pages). */
export function keyOpens (file: string, key: Uint8Array): boolean {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    applyKey(db, key)
    db.prepare('SELECT count(*) FROM sqlite_schema').get()
    return true
  } catch {
    return false
  } finally {
    db.close()
  }
}

/**
 * Folds the WAL into the main file and leaves the file in rollback-journal mode, so a byte copy
 * of the main file alone is the whole database (and rekey, which WAL mode does not allow, works).
 */
function checkpointToSingleFile (file: string, key: Uint8Array | undefined): void {
  const db = new Database(file, { fileMustExist: true })
  try {
    if (key != null) applyKey(db, key)
    db.pragma('journal_mode = DELETE')
  } finally {
    db.close()
  }
}

/** Temp file next to `file` used while re-encrypting; a leftover one is from a crash and is removed on open. */
export function rekeyTempFile (file: string): string {
  return `${file}.rekey-tmp`
}

/**
 * Re-encrypts `file` from `oldKey` (undefined: a plain file) to `newKey`, crash-safe: the work is
 * done on a copy, the copy is checked (key opens it, quick_check ok), and only then renamed over
 * the original. A crash at any point leaves either the untouched original or the finished copy.
 * `beforeCommit` runs right before that rename (the key file's pending entry is written there).
 */
export function rekeyFile (file: string, oldKey: Uint8Array | undefined, newKey: Uint8Array, beforeCommit?: () => void): void {
  const tmp = rekeyTempFile(file)
  rmSync(tmp, { force: true })
  checkpointToSingleFile(file, oldKey)
  copyFileSync(file, tmp)
  try {
    const db = new Database(tmp, { fileMustExist: true })
    try {
      if (oldKey != null) applyKey(db, oldKey)
      else cipherPragmas(db)
      db.pragma(`rekey = ${rawKey(newKey)}`)
    } finally {
      db.close()
    }
    const check = new Database(tmp, { readonly: true, fileMustExist: true })
    try {
      applyKey(check, newKey)
      const result = check.pragma('quick_check', { simple: true })
      if (result !== 'ok') throw new Error(`re-encrypted copy failed its check: ${String(result)}`)
    } finally {
      check.close()
    }
    fsyncPath(tmp)
    beforeCommit?.()
    renameSync(tmp, file)
    fsyncPath(dirname(file))
  } catch (err) {
    rmSync(tmp, { force: true })
    throw err
  }
  // journal_mode = DELETE left no -wal; an -shm of the old file would describe the wrong content.
  rmSync(`${file}-shm`, { force: true })
}
