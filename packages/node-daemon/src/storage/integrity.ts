// Integrity check at open: the daemon never runs on a damaged database (docs/operations.md, "Backups").
import type Database from 'better-sqlite3-multiple-ciphers'
import { DatabaseCorruptError } from './errors.js'

/** SQLite's answers to a page that does not parse, or (encrypted) whose HMAC does not verify. */
export function isCorruptionError (err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
}

/**
 * PRAGMA quick_check: every page and index entry is read (O(size), not the full cross-check of
 * integrity_check), so a damaged page is found at start, not as an INTERNAL error on some later query.
 */
export function checkIntegrity (db: Database.Database, file: string, backupDir: string): void {
  let rows: Array<{ quick_check: string }>
  try {
    rows = db.pragma('quick_check') as Array<{ quick_check: string }>
  } catch (err) {
    if (isCorruptionError(err)) throw new DatabaseCorruptError(file, (err as Error).message, backupDir, { cause: err })
    throw err
  }
  const problems = rows.map(r => r.quick_check).filter(r => r !== 'ok')
  if (problems.length > 0) throw new DatabaseCorruptError(file, problems.slice(0, 3).join('; '), backupDir)
}
