// Files only the owner may read: the identity key, the API token, the database and
// everything else in the data dir (docs/operations.md, "Files and modes").
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, statSync, writeSync, chmodSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { DIR_MODE_PRIVATE, FILE_MODE_PRIVATE } from './constants.js'

/** Creates `dir` (and missing parents) with mode 0700; an existing dir is left as it is. */
export function ensurePrivateDir (dir: string): void {
  mkdirSync(dir, { recursive: true, mode: DIR_MODE_PRIVATE })
}

/**
 * Creates `dir` or forces an existing one to 0700. Returns the mode it had when that was
 * looser (so the caller can warn: other users could have read it until now), else undefined.
 */
export function forcePrivateDir (dir: string): number | undefined {
  ensurePrivateDir(dir)
  const mode = statSync(dir).mode & 0o777
  if (mode === DIR_MODE_PRIVATE) return undefined
  chmodSync(dir, DIR_MODE_PRIVATE)
  return (mode & 0o077) !== 0 ? mode : undefined
}

/**
 * Forces every regular file directly in `dir` whose mode lets group or others in to 0600 and
 * returns their names. Files an older run (or a looser umask) left readable: logs, the port
 * file, database side files, backups. `skip` names files whose exposure must stay visible
 * (the identity key: its own check refuses an exposed key rather than silently fixing it).
 */
export function restrictFilesIn (dir: string, skip: readonly string[] = []): string[] {
  const fixed: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isFile() || skip.includes(entry.name)) continue
    const file = join(dir, entry.name)
    if (isExposed(file)) { chmodSync(file, FILE_MODE_PRIVATE); fixed.push(entry.name) }
  }
  return fixed
}

/** fsync of a file or a dir (a dir: so a rename in it survives a power loss). */
export function fsyncPath (path: string): void {
  const fd = openSync(path, 'r')
  try { fsyncSync(fd) } finally { closeSync(fd) }
}

/** True when group or others have any permission on the file. */
export function isExposed (file: string): boolean {
  return (statSync(file).mode & 0o077) !== 0
}

/**
 * Write a file atomically with mode 0600: temp file, fsync, rename. A crash leaves
 * either the old file or the new one, never a half-written key.
 */
export function writePrivateFileAtomic (file: string, data: Uint8Array | string): void {
  ensurePrivateDir(dirname(file))
  const tmp = join(dirname(file), `.${Date.now()}-${process.pid}.tmp`)
  const fd = openSync(tmp, 'wx', FILE_MODE_PRIVATE)
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  chmodSync(tmp, FILE_MODE_PRIVATE)
  renameSync(tmp, file)
}
