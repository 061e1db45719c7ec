// Rotated online backups of the database, and the two ways out of a damaged one: restore a backup,
// or move the file aside and start empty (docs/operations.md, "Backups and restore").
import { chmodSync, closeSync, copyFileSync, existsSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import { DIR_MODE_PRIVATE, FILE_MODE_PRIVATE } from '../constants.js'
import { ensurePrivateDir, fsyncPath } from '../fs-private.js'
import { applyKey } from './cipher.js'
import { BACKUPS_KEPT } from './constants.js'
import { StorageError, STORAGE_ERROR_CODES } from './errors.js'

const BACKUP_NAME = /^parley-\d{8}T\d{9}Z\.db$/

/** 20261202T043000123Z: sorts by time as text. */
function stamp (ms: number): string {
  return new Date(ms).toISOString().replace(/[-:.]/g, '')
}

/** Backups in `dir`, newest first. */
export function listBackups (dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir).filter(n => BACKUP_NAME.test(n)).sort().reverse().map(n => join(dir, n))
}

/**
 * VACUUM INTO writes a consistent copy while the daemon keeps running, encrypted with the
 * connection's own key (SQLite3 Multiple Ciphers keys the target like the source). The copy is
 * made under a temp name and renamed, so a crash never leaves a half backup under a backup's name;
 * then all but the newest `keep` are removed.
 */
export function backupDatabase (db: Database.Database, dir: string, keep = BACKUPS_KEPT, now = Date.now()): string {
  ensurePrivateDir(dir)
  chmodSync(dir, DIR_MODE_PRIVATE)
  const file = join(dir, `parley-${stamp(now)}.db`)
  const tmp = `${file}.tmp`
  rmSync(tmp, { force: true })
  // VACUUM INTO accepts an empty file: creating it first gives it 0600 from the start.
  closeSync(openSync(tmp, 'w', FILE_MODE_PRIVATE))
  try {
    db.prepare('VACUUM INTO ?').run(tmp)
    fsyncPath(tmp)
    renameSync(tmp, file)
    fsyncPath(dir)
  } catch (err) {
    rmSync(tmp, { force: true })
    throw err
  }
  for (const old of listBackups(dir).slice(keep)) rmSync(old, { force: true })
  return file
}

/** Why `file` is not a usable backup under `key`, or undefined when it is. */
export function backupProblem (file: string, key: Uint8Array | undefined): string | undefined {
  let db: Database.Database | undefined
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    if (key != null) applyKey(db, key)
    const result = db.pragma('quick_check', { simple: true })
    return result === 'ok' ? undefined : String(result)
  } catch (err) {
    return (err as Error).message
  } finally {
    db?.close()
  }
}

/**
 * Moves the database and its -wal/-shm to `<file>.<why>-<time>` (kept together: the WAL belongs to
 * that file). Returns the new name of the main file, or undefined when there was none.
 */
export function moveDatabaseAside (file: string, why: string, now = Date.now()): string | undefined {
  if (!existsSync(file)) return undefined
  const aside = `${file}.${why}-${stamp(now)}`
  for (const suffix of ['-wal', '-shm', '-journal']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix)
  }
  renameSync(file, aside)
  fsyncPath(dirname(file))
  return aside
}

export interface RestoreResult {
  /** The backup that was copied back. */
  backup: string
  /** Where the replaced database went, if there was one. */
  aside: string | undefined
  /** Backups that were newer but unusable, with the reason. */
  skipped: Array<{ file: string, problem: string }>
}

/**
 * Puts the newest good backup (or `backup`) in place of `dbFile`; the replaced file is kept aside.
 * The daemon must not be running. Checked first: it opens with `key` and passes quick_check.
 */
export function restoreBackup (dbFile: string, backupDir: string, key: Uint8Array | undefined, backup?: string, now = Date.now()): RestoreResult {
  const candidates = backup != null ? [backup] : listBackups(backupDir)
  const skipped: Array<{ file: string, problem: string }> = []
  for (const candidate of candidates) {
    const problem = backupProblem(candidate, key)
    if (problem != null) { skipped.push({ file: candidate, problem }); continue }
    const tmp = `${dbFile}.restore-tmp`
    rmSync(tmp, { force: true })
    copyFileSync(candidate, tmp)
    chmodSync(tmp, FILE_MODE_PRIVATE)
    fsyncPath(tmp)
    // The replaced file is copied aside (not moved), so a crash before the rename below still
    // leaves a database in place, never none (which would start an empty one).
    let aside: string | undefined
    if (existsSync(dbFile)) {
      aside = `${dbFile}.replaced-${stamp(now)}`
      copyFileSync(dbFile, aside)
      for (const suffix of ['-wal', '-shm', '-journal']) {
        if (existsSync(dbFile + suffix)) renameSync(dbFile + suffix, aside + suffix)
      }
    }
    renameSync(tmp, dbFile)
    fsyncPath(dirname(dbFile))
    return { backup: candidate, aside, skipped }
  }
  const why = skipped.length === 0 ? `there are no backups in ${backupDir}` : `no backup in ${backupDir} is usable: ${skipped.map(s => `${s.file}: ${s.problem}`).join('; ')}`
  throw new StorageError(STORAGE_ERROR_CODES.noBackup, `${why}; "parley db reset --yes" starts with an empty database (the current file is kept aside)`, { backupDir, skipped })
}
