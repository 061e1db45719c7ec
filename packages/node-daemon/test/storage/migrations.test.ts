import Database from 'better-sqlite3-multiple-ciphers'
import { describe, expect, it } from 'vitest'
import { migrate, MIGRATIONS, schemaVersion } from '../../src/storage/migrations.js'
import { SchemaTooNewError, StorageError, STORAGE_ERROR_CODES } from '../../src/storage/index.js'

describe('migrate', () => {
  it('applies the steps in order and bumps user_version once per step', () => {
    const db = new Database(':memory:')
    migrate(db, ':memory:', ['CREATE TABLE a (x)', 'CREATE TABLE b (x)', 'INSERT INTO a VALUES (1)'])
    expect(schemaVersion(db)).toBe(3)
    expect(db.prepare('SELECT x FROM a').pluck().all()).toEqual([1])
    // Re-running is a no-op: the insert is not applied twice.
    migrate(db, ':memory:', ['CREATE TABLE a (x)', 'CREATE TABLE b (x)', 'INSERT INTO a VALUES (1)'])
    expect(db.prepare('SELECT x FROM a').pluck().all()).toEqual([1])
    db.close()
  })

  it('continues from the stored version (an upgrade applies only the new steps)', () => {
    const db = new Database(':memory:')
    migrate(db, ':memory:', ['CREATE TABLE a (x)'])
    migrate(db, ':memory:', ['CREATE TABLE a (x)', 'ALTER TABLE a ADD COLUMN y'])
    expect(schemaVersion(db)).toBe(2)
    expect(db.prepare('SELECT name FROM pragma_table_info(\'a\')').pluck().all()).toEqual(['x', 'y'])
    db.close()
  })

  it('a failing step is rolled back whole and the version stays at the last good step', () => {
    const db = new Database(':memory:')
    let err: unknown
    try {
      migrate(db, ':memory:', ['CREATE TABLE a (x)', 'CREATE TABLE half (x); SELECT * FROM no_such_table'])
    } catch (e) { err = e }
    expect(err).toBeInstanceOf(StorageError)
    expect((err as StorageError).code).toBe(STORAGE_ERROR_CODES.migrationFailed)
    expect(schemaVersion(db)).toBe(1)
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'half'").all()).toEqual([])
    db.close()
  })

  it('throws SchemaTooNewError when the database is ahead of the code', () => {
    const db = new Database(':memory:')
    db.pragma('user_version = 7')
    expect(() => migrate(db, 'x.db', ['CREATE TABLE a (x)'])).toThrow(SchemaTooNewError)
    db.close()
  })

  it('the real migrations run on an empty database', () => {
    const db = new Database(':memory:')
    migrate(db, ':memory:')
    expect(schemaVersion(db)).toBe(MIGRATIONS.length)
    db.close()
  })
})
