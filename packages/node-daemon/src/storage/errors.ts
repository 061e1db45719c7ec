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
  asyncTransaction: 'STORAGE_ASYNC_TRANSACTION'
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
