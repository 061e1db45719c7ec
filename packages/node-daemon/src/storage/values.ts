// Conversions between JS values and what better-sqlite3 binds / returns, plus argument checks
// that turn a programming error into a StorageError instead of a corrupt row.
import { StorageError, STORAGE_ERROR_CODES } from './errors.js'

/** better-sqlite3 binds only Buffer as a BLOB; this view shares the bytes instead of copying. */
export function toBlob (bytes: Uint8Array): Buffer {
  if (!(bytes instanceof Uint8Array)) invalid('expected a Uint8Array')
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/** Returns a plain Uint8Array copy, so callers never hold a Buffer or a view into a pooled buffer. */
export function fromBlob (blob: Buffer): Uint8Array {
  return new Uint8Array(blob)
}

export function bool (v: number): boolean {
  return v !== 0
}

export function invalid (message: string): never {
  throw new StorageError(STORAGE_ERROR_CODES.invalidArgument, message)
}

export function checkTime (t: number, what: string): number {
  if (!Number.isSafeInteger(t)) invalid(`${what} must be an integer ms timestamp, got ${String(t)}`)
  return t
}

export function checkString (s: string, what: string): string {
  if (typeof s !== 'string' || s.length === 0) invalid(`${what} must be a non-empty string`)
  return s
}

export function pageLimit (limit: number | undefined, fallback: number, max: number): number {
  const n = limit ?? fallback
  if (!Number.isInteger(n) || n < 1) invalid(`limit must be a positive integer, got ${String(n)}`)
  return Math.min(n, max)
}
