// Public API of the daemon's SQLite store.
export { openDatabase } from './db.js'
export {
  StorageError, SchemaTooNewError, WrongDbKeyError, PassphraseRequiredError, DatabaseCorruptError,
  STORAGE_ERROR_CODES, type StorageErrorCode, type DbKeySource
} from './errors.js'
export { resolveDbKey, needsPassphrase, identityKeyParams, newPassphraseKeyParams, type DbKey, type DbKeyParams } from './db-key.js'
export { changeDbKey, type ChangeDbKeyResult } from './key-change.js'
export { listBackups, restoreBackup, moveDatabaseAside } from './backup.js'
export { startBackupSchedule, type BackupSchedule } from './backup-schedule.js'
export { MIGRATIONS, SCHEMA_VERSION } from './migrations.js'
export * from './constants.js'
export * from './types.js'
