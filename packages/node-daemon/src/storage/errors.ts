// Typed errors of the SQLite store. They extend ParleyError so their `code` crosses IPC unchanged.
import { ParleyError } from '../errors.js'

export const STORAGE_ERROR_CODES = {
  /** The file could not be opened or is not a Parley database. */
  openFailed: 'STORAGE_OPEN_FAILED',
  /** The database was written by a newer Parley; opening it with older code could corrupt it. */
  schemaTooNew: 'STORAGE_SCHEMA_TOO_NEW',
  /** A migration step failed; the database stays at the last good version. */
  migrationFailed: 'STORAGE_MIGRATION_FAILED',
  /** An argument the store cannot accept (bad enum value, non-integer time, …). */
  invalidArgument: 'STORAGE_INVALID_ARGUMENT',
  /** The row an update refers to does not exist. */
  notFound: 'STORAGE_NOT_FOUND',
  /** A row with the same key already exists where that is not allowed. */
  duplicate: 'STORAGE_DUPLICATE',
  /** tx() was given an async function; better-sqlite3 transactions must be synchronous. */
  asyncTransaction: 'STORAGE_ASYNC_TRANSACTION',
  /** The database key (identity-derived or from the passphrase) does not open the file. */
  wrongKey: 'STORAGE_WRONG_KEY',
  /** A passphrase protects the database and none was given. */
  passphraseRequired: 'STORAGE_PASSPHRASE_REQUIRED',
  /** The database failed its integrity check; the daemon refuses to run on it. */
  corrupt: 'STORAGE_CORRUPT',
  /** No usable backup to restore. */
  noBackup: 'STORAGE_NO_BACKUP',
  /** The operation needs the daemon stopped (it rewrites or moves the database file). */
  daemonRunning: 'STORAGE_DAEMON_RUNNING',
  /** A passphrase the user typed is not acceptable (too short, the two copies differ). */
  badPassphrase: 'STORAGE_BAD_PASSPHRASE'
} as const

export type StorageErrorCode = typeof STORAGE_ERROR_CODES[keyof typeof STORAGE_ERROR_CODES]

export class StorageError extends ParleyError {
  static override readonly name: string = 'StorageError'
  declare readonly code: StorageErrorCode
  constructor (code: StorageErrorCode, message: string, details?: Record<string, unknown>, options?: ErrorOptions) {
    super(code, message, details, options)
  }
}

export class SchemaTooNewError extends StorageError {
  static override readonly name = 'SchemaTooNewError'
  constructor (readonly file: string, readonly fileVersion: number, readonly codeVersion: number) {
    super(STORAGE_ERROR_CODES.schemaTooNew,
      `${file} has schema version ${fileVersion}, this Parley understands up to ${codeVersion}; upgrade Parley to open it`,
      { file, fileVersion, codeVersion })
  }
}

/** What the database key is derived from (docs/operations.md, "Encryption at rest"). */
export type DbKeySource = 'identity' | 'passphrase'

export class WrongDbKeyError extends StorageError {
  static override readonly name = 'WrongDbKeyError'
  constructor (readonly file: string, readonly source: DbKeySource) {
    super(STORAGE_ERROR_CODES.wrongKey, source === 'passphrase'
      ? `wrong passphrase for ${file}: nothing was changed; try again. If the passphrase is lost, the data cannot be decrypted: "parley db reset --yes" moves the file aside and starts with an empty database`
      : `${file} is not encrypted with this identity's key (was identity.key replaced, or db-key.json removed?): nothing was changed; put back the identity.key and db-key.json it was created with, or "parley db reset --yes" to move it aside and start with an empty database`,
    { file, source })
  }
}

export class PassphraseRequiredError extends StorageError {
  static override readonly name = 'PassphraseRequiredError'
  constructor (readonly file: string, options?: ErrorOptions) {
    super(STORAGE_ERROR_CODES.passphraseRequired, `${file} is protected by a passphrase: type it when asked, or give it on standard input (one line)`, { file }, options)
  }
}

export class DatabaseCorruptError extends StorageError {
  static override readonly name = 'DatabaseCorruptError'
  constructor (readonly file: string, readonly problem: string, backupDir: string, options?: ErrorOptions) {
    super(STORAGE_ERROR_CODES.corrupt,
      `database ${file} is damaged (${problem}); Parley will not run on it. Restore the newest good backup from ${backupDir} with "parley db restore", or start with an empty database with "parley db reset --yes" (the damaged file is kept aside)`,
      { file, problem, backupDir }, options)
  }
}
