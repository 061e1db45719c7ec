// Settings changed at run time (from the GUI) are written back to config.json, keeping
// every other key in it, so they survive a restart.
import { existsSync, readFileSync } from 'node:fs'
import { ConfigError } from '../errors.js'
import { writePrivateFileAtomic } from '../fs-private.js'
import type { ConfigInput } from './schema.js'

export function saveSettings (file: string, changes: Partial<ConfigInput>): void {
  let current: Record<string, unknown> = {}
  if (existsSync(file)) {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown
      if (parsed == null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object')
      current = parsed as Record<string, unknown>
    } catch (err) {
      // never overwrite a file we cannot read: the user's other settings would be lost
      throw new ConfigError(Object.keys(changes)[0] ?? '?', `cannot update ${file}: ${(err as Error).message}`, 'config file')
    }
  }
  writePrivateFileAtomic(file, JSON.stringify({ ...current, ...changes }, null, 2) + '\n')
}
