// Files only the owner may read: the identity key and the API token.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, statSync, writeSync, chmodSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { DIR_MODE_PRIVATE, FILE_MODE_PRIVATE } from './constants.js'

export function ensurePrivateDir (dir: string): void {
  mkdirSync(dir, { recursive: true, mode: DIR_MODE_PRIVATE })
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
