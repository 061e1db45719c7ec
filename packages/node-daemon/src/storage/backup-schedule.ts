// The daemon's automatic backups: one right after a clean open, then every BACKUP_INTERVAL_MS.
import type { Logger } from '../logger.js'
import { BACKUP_INTERVAL_MS } from './constants.js'
import type { ParleyDb } from './types.js'

export interface BackupSchedule {
  stop: () => void
}

/** A failed backup is logged, never fatal: the database itself is fine, only its copy is missing. */
export function startBackupSchedule (db: ParleyDb, log: Logger, intervalMs = BACKUP_INTERVAL_MS): BackupSchedule {
  const run = (): void => {
    try {
      const file = db.backup()
      log.info('database backed up', { file })
    } catch (err) {
      log.warn('database backup failed', { error: (err as Error).message })
    }
  }
  run()
  const timer = setInterval(run, intervalMs)
  timer.unref()
  return { stop: () => { clearInterval(timer) } }
}
