// Changing the database key (`parley passphrase set|clear`): the database and every backup are
// re-encrypted on copies (cipher.ts rekeyFile), and db-key.json follows in a crash-safe order:
// new parameters are written to db-key.json.new before the re-encrypted copy replaces the file,
// and renamed over db-key.json after; resolveDbKey finishes or undoes a change a crash cut short.
import { renameSync } from 'node:fs'
import { listBackups } from './backup.js'
import { dbFileKind, keyOpens, rekeyFile } from './cipher.js'
import { pendingKeyFile, writeKeyParams } from './db-key.js'
import type { DbKeyParams } from './db-key.js'

export interface ChangeDbKeyOptions {
  dbFile: string
  keyFile: string
  backupDir: string
  oldKey: Uint8Array
  newKey: Uint8Array
  newParams: DbKeyParams
}

export interface ChangeDbKeyResult {
  backupsRekeyed: number
  /** Backups the old key does not open (left as they are; restore skips them). */
  backupsSkipped: string[]
}

/** The daemon must not be running (it holds the file open). */
export function changeDbKey (opts: ChangeDbKeyOptions): ChangeDbKeyResult {
  const { dbFile, keyFile, oldKey, newKey, newParams } = opts
  const kind = dbFileKind(dbFile)
  if (kind === 'encrypted' || kind === 'plain') {
    const pending = pendingKeyFile(keyFile)
    rekeyFile(dbFile, kind === 'plain' ? undefined : oldKey, newKey, () => { writeKeyParams(pending, newParams) })
    renameSync(pending, keyFile)
  } else {
    writeKeyParams(keyFile, newParams)
  }
  const result: ChangeDbKeyResult = { backupsRekeyed: 0, backupsSkipped: [] }
  for (const backup of listBackups(opts.backupDir)) {
    if (!keyOpens(backup, oldKey)) { result.backupsSkipped.push(backup); continue }
    rekeyFile(backup, oldKey, newKey)
    result.backupsRekeyed++
  }
  return result
}
