import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, statSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3-multiple-ciphers'
import { afterEach, describe, expect, it } from 'vitest'
import { configureConnection } from '../../src/storage/db.js'
import {
  openDatabase, SCHEMA_VERSION, SchemaTooNewError, StorageError, STORAGE_ERROR_CODES
} from '../../src/storage/index.js'
import { tempDb, type TempDb } from './helpers.js'

let t: TempDb | undefined
afterEach(() => { t?.cleanup(); t = undefined })

const mode = (f: string): number => statSync(f).mode & 0o777
const userVersion = (file: string): number => {
  const raw = new Database(file, { readonly: true })
  try { return raw.pragma('user_version', { simple: true }) as number } finally { raw.close() }
}

describe('openDatabase', () => {
  it('creates every table from an empty file and records the schema version', () => {
    t = tempDb()
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(1)
    expect(userVersion(t.file)).toBe(SCHEMA_VERSION)
    const raw = new Database(t.file, { readonly: true })
    const tables = raw.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all().map(r => r.name)
    raw.close()
    expect(tables).toEqual(['calls', 'contacts', 'invites', 'messages', 'outbox', 'received_envelopes', 'session_inits', 'sessions'])
    expect(t.db.stats()).toEqual({ messages: 0, outbox: 0, sessions: 0, contacts: 0 })
  })

  it('keeps data across close and reopen without re-running migrations', () => {
    t = tempDb()
    t.db.messages.insert({ peerId: 'p', id: 'm1', direction: 'out', body: 'hello', sentAt: 5 })
    t.db.sessions.put('p', new Uint8Array([1, 2, 3]))
    const db = t.reopen()
    expect(db.messages.get('p', 'm1')?.body).toBe('hello')
    expect(db.sessions.get('p')).toEqual(new Uint8Array([1, 2, 3]))
    expect(userVersion(t.file)).toBe(SCHEMA_VERSION)
  })

  it('makes the database and its WAL files owner-only (0600)', () => {
    t = tempDb()
    t.db.messages.insert({ peerId: 'p', id: 'm1', direction: 'out', body: 'hello', sentAt: 5 })
    for (const f of [t.file, `${t.file}-wal`, `${t.file}-shm`]) {
      expect(existsSync(f), f).toBe(true)
      expect(mode(f).toString(8), f).toBe('600')
    }
    // A file left world-readable by something else is tightened on the next open.
    t.db.close()
    chmodSync(t.file, 0o644)
    t.reopen()
    expect(mode(t.file).toString(8)).toBe('600')
  })

  it('configures WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    t = tempDb()
    const raw = new Database(t.file)
    configureConnection(raw)
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(raw.pragma('synchronous', { simple: true })).toBe(2) // FULL
    expect(raw.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(raw.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0)
    raw.close()
  })

  it('refuses a database written by newer code with SchemaTooNewError', () => {
    t = tempDb()
    t.db.close()
    const raw = new Database(t.file)
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    raw.close()
    let err: unknown
    try { openDatabase(t.file) } catch (e) { err = e }
    expect(err).toBeInstanceOf(SchemaTooNewError)
    expect(err).toBeInstanceOf(StorageError)
    expect((err as SchemaTooNewError).code).toBe('STORAGE_SCHEMA_TOO_NEW')
    expect((err as SchemaTooNewError).fileVersion).toBe(SCHEMA_VERSION + 1)
    expect(userVersion(t.file)).toBe(SCHEMA_VERSION + 1) // untouched
  })

  it('also opens an in-memory database (no file, no WAL)', () => {
    const db = openDatabase(':memory:')
    expect(db.messages.insert({ peerId: 'p', id: 'm', direction: 'out', body: 'b', sentAt: 1 })).toBe(true)
    expect(db.stats().messages).toBe(1)
    db.close()
  })

  it('reports a file that is not a database as STORAGE_OPEN_FAILED', () => {
    t = tempDb()
    const junk = `${t.dir}/junk.db`
    writeFileSync(junk, 'this is not a database, just enough bytes to be read as a header..........')
    expect(() => openDatabase(junk)).toThrowError(expect.objectContaining({ code: STORAGE_ERROR_CODES.openFailed }) as Error)
  })
})

describe('tx', () => {
  it('returns the function result and commits', () => {
    t = tempDb()
    const n = t.db.tx(() => { t!.db.outbox.enqueue('p', new Uint8Array([1]), null); return 42 })
    expect(n).toBe(42)
    expect(t.db.stats().outbox).toBe(1)
  })

  it('rolls back every write when the function throws', () => {
    t = tempDb()
    const db = t.db
    expect(() => db.tx(() => {
      db.sessions.put('p', new Uint8Array([9]))
      db.sessions.addInit('p', 'init-1')
      db.messages.insert({ peerId: 'p', id: 'm1', direction: 'in', body: 'x', sentAt: 1 })
      db.outbox.enqueue('p', new Uint8Array([1]), 'm1')
      db.contacts.ensure('p')
      db.received.add('p', 'h1')
      throw new Error('crypto failed after the writes')
    })).toThrow('crypto failed')
    expect(db.stats()).toEqual({ messages: 0, outbox: 0, sessions: 0, contacts: 0 })
    expect(db.sessions.hasInit('init-1')).toBe(false)
    expect(db.received.seen('p', 'h1')).toBe(false)
  })

  it('refuses an async function and rolls back what it wrote before awaiting', () => {
    t = tempDb()
    const db = t.db
    expect(() => db.tx(async () => { db.contacts.ensure('p'); await Promise.resolve() }))
      .toThrowError(expect.objectContaining({ code: STORAGE_ERROR_CODES.asyncTransaction }) as Error)
    expect(db.stats().contacts).toBe(0)
  })

  it('turns a nested tx into a savepoint: a caught inner failure keeps the outer writes', () => {
    t = tempDb()
    const db = t.db
    db.tx(() => {
      db.contacts.ensure('outer')
      try { db.tx(() => { db.contacts.ensure('inner'); throw new Error('inner') }) } catch {}
    })
    expect(db.contacts.list().map(c => c.peerId)).toEqual(['outer'])
  })
})

describe('crash safety', () => {
  it('a process killed (SIGKILL) mid-transaction leaves none of it, and the database opens cleanly', () => {
    t = tempDb()
    t.db.close()
    const script = fileURLToPath(new URL('./kill-mid-tx.mjs', import.meta.url))
    const child = spawnSync(process.execPath, [script, t.file, '3000'], { encoding: 'utf8', timeout: 60_000 })
    expect(child.stderr).toBe('')
    expect(child.signal).toBe('SIGKILL')
    // The child saw its own uncommitted rows just before dying, so there was something to lose.
    expect(child.stdout.trim()).toBe('inside 3000')
    expect(existsSync(`${t.file}-wal`)).toBe(true)

    const db = t.reopen()
    const raw = new Database(t.file, { readonly: true })
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok')
    raw.close()
    expect(db.messages.count('peer-half')).toBe(0)
    expect(db.outbox.pending('peer-half', 10)).toEqual([])
    expect(db.messages.get('peer-committed', 'committed')?.body).toBe('survives')
    expect(db.stats()).toEqual({ messages: 1, outbox: 0, sessions: 0, contacts: 0 })
    // And it is writable again.
    expect(db.messages.insert({ peerId: 'peer-half', id: 'm0', direction: 'in', body: 'again', sentAt: 0 })).toBe(true)
  })
})
