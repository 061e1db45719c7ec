// Checks for IPC results a client validates before it uses them. Hand-written, not zod: the
// GUI bundles these, and zod would add ≈ 100 kB to the page for a few objects of numbers.
// Each check returns the value (objects: only their declared fields) or throws
// InvalidResultError naming the first field that is wrong.
import { FixedCodeError } from '../errors.js'

/** A daemon's answer that does not have the shape its method declares (a version mismatch, or a bug). */
export class InvalidResultError extends FixedCodeError {
  static override readonly name = 'InvalidResultError'
  static readonly code = 'IPC_INVALID_RESULT'
}

/** `path` names the value in messages, e.g. 'call.stats.audio.decoded'. */
export type Check<T> = (value: unknown, path: string) => T

function fail (path: string, want: string, value: unknown): never {
  const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value
  throw new InvalidResultError(`${path} must be ${want}, got ${got}`)
}

export const num: Check<number> = (v, path) => typeof v === 'number' && Number.isFinite(v) ? v : fail(path, 'a finite number', v)

export const str: Check<string> = (v, path) => typeof v === 'string' ? v : fail(path, 'a string', v)

export function literal<T extends string> (value: T): Check<T> {
  return (v, path) => v === value ? value : fail(path, `"${value}"`, v)
}

export function oneOf<T extends string> (values: readonly T[]): Check<T> {
  return (v, path) => (values as readonly unknown[]).includes(v) ? v as T : fail(path, `one of ${values.join(', ')}`, v)
}

export function nullable<T> (check: Check<T>): Check<T | null> {
  return (v, path) => v === null ? null : check(v, path)
}

/** Marks a field that may be absent; `object` leaves it out then. */
export function optional<T> (check: Check<T>): Check<T | undefined> {
  const c: Check<T | undefined> = (v, path) => v === undefined ? undefined : check(v, path)
  return Object.assign(c, { optional: true })
}

export const numOrNull = nullable(num)

/** One check per field of T, so T and its check cannot drift apart (the compiler holds them together). */
export type Fields<T> = { readonly [K in keyof T]-?: Check<T[K]> }

export function object<T> (fields: Fields<T>): Check<T> {
  return (v, path) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(path, 'an object', v)
    const src = v as Record<string, unknown>
    const out: Record<string, unknown> = {}
    for (const [key, check] of Object.entries(fields) as Array<[string, Check<unknown> & { optional?: boolean }]>) {
      if (check.optional === true && src[key] === undefined) continue
      out[key] = check(src[key], `${path}.${key}`)
    }
    return out as T
  }
}
