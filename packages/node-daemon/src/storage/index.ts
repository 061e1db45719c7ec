// Public API of the daemon's SQLite store.
export { openDatabase } from './db.js'
export { StorageError, SchemaTooNewError, STORAGE_ERROR_CODES, type StorageErrorCode } from './errors.js'
export { MIGRATIONS, SCHEMA_VERSION } from './migrations.js'
export * from './constants.js'
export * from './types.js'
