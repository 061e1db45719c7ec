// Bearer token for the IPC API, in a 0600 file so only the user's own processes
// (CLI, the browser page it hands the token to) can call the daemon.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { isExposed, writePrivateFileAtomic } from './fs-private.js'

const TOKEN_BYTES = 32

/** Read the token, creating it on first start; an exposed token file is replaced. */
export function loadOrCreateApiToken (file: string): string {
  try {
    const token = readFileSync(file, 'utf8').trim()
    if (/^[0-9a-f]{64}$/.test(token) && !isExposed(file)) return token
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  const token = randomBytes(TOKEN_BYTES).toString('hex')
  writePrivateFileAtomic(file, token + '\n')
  return token
}

/** Read an existing token (CLI side). */
export function readApiToken (file: string): string {
  return readFileSync(file, 'utf8').trim()
}

export function tokensEqual (a: string, b: string): boolean {
  const ab = Buffer.from(a)
  const bb = Buffer.from(b)
  return ab.length === bb.length && timingSafeEqual(ab, bb)
}
