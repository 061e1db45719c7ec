// Everything the daemon keeps on disk lives in one data dir (PARLEY_HOME).
import { join } from 'node:path'

export interface DataPaths {
  home: string
  config: string
  identityKey: string
  apiToken: string
  apiPort: string
  pid: string
  log: string
  db: string
  dbKey: string
  backups: string
}

export function dataPaths (home: string): DataPaths {
  return {
    home,
    config: join(home, 'config.json'),
    identityKey: join(home, 'identity.key'),
    apiToken: join(home, 'api-token'),
    /** The port the IPC server actually bound (differs from config when it says 0). */
    apiPort: join(home, 'api-port'),
    pid: join(home, 'daemon.pid'),
    log: join(home, 'daemon.log'),
    /** SQLite: contacts, messages, outbox, ratchet sessions, call history. */
    db: join(home, 'parley.db'),
    /** How the database key is derived (identity key or passphrase + scrypt salt) and its check value. */
    dbKey: join(home, 'db-key.json'),
    /** Encrypted copies of the database, rotated (docs/operations.md, "Backups"). */
    backups: join(home, 'backups')
  }
}
