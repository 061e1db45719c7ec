// Encryption at rest, integrity at open and backups, on real SQLite files.
import { spawnSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import { afterEach, describe, expect, it } from 'vitest'
import { dbFileKind, keyOpens, rekeyTempFile } from '../../src/storage/cipher.js'
import { pendingKeyFile, readKeyParams } from '../../src/storage/db-key.js'
import {
  BACKUPS_KEPT, changeDbKey, DatabaseCorruptError, identityKeyParams, listBackups, newPassphraseKeyParams, openDatabase,
  PassphraseRequiredError, resolveDbKey, restoreBackup, STORAGE_ERROR_CODES, WrongDbKeyError
} from '../../src/storage/index.js'
import type { DbKey, ParleyDb } from '../../src/storage/index.js'

const IDENTITY = randomBytes(64)
const PAGE_BYTES = 4096
/** Tests that run scrypt several times. */
const SCRYPT_TEST_MS = 120_000
/** The passphrase's key handling, not scrypt's cost, is under test here (the CLI tests use the real cost). */
const TEST_COST = { N: 1024 }

let dir: string | undefined
let open: ParleyDb[] = []
afterEach(() => {
  for (const db of open) db.close()
  open = []
  if (dir != null) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

function files (): { dir: string, db: string, keyFile: string, backups: string } {
  dir = mkdtempSync(join(tmpdir(), 'parley-enc-'))
  return { dir, db: join(dir, 'parley.db'), keyFile: join(dir, 'db-key.json'), backups: join(dir, 'backups') }
}

async function identityKey (f: { db: string, keyFile: string }): Promise<DbKey> {
  return await resolveDbKey({ keyFile: f.keyFile, dbFile: f.db, identityPrivateKey: IDENTITY })
}

function track (db: ParleyDb): ParleyDb { open.push(db); return db }
function closeAll (): void { for (const db of open) db.close(); open = [] }

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex')
const mode = (f: string): string => (statSync(f).mode & 0o777).toString(8)

/** A few pages of random bytes where rows live (not page 1, whose damage reads like a wrong key). */
function damagePages (file: string, pages: number[]): void {
  const fd = openSync(file, 'r+')
  try {
    for (const p of pages) writeSync(fd, randomBytes(PAGE_BYTES), 0, PAGE_BYTES, p * PAGE_BYTES)
  } finally {
    closeSync(fd)
  }
}

function fill (db: ParleyDb, messages = 200): void {
  db.contacts.add('peer-a', 'Alice')
  db.sessions.put('peer-a', new Uint8Array([9, 9, 9]))
  for (let i = 0; i < messages; i++) db.messages.insert({ peerId: 'peer-a', id: `m${i}`, direction: 'out', body: `secret message number ${i} `.repeat(4), sentAt: i })
}

describe('encryption at rest', () => {
  it('is unreadable without the key (sqlite3 CLI and the library alike) and opens with it', async () => {
    const f = files()
    const key = await identityKey(f)
    const db = track(openDatabase(f.db, { key, backupDir: f.backups }))
    fill(db)
    closeAll()

    expect(dbFileKind(f.db)).toBe('encrypted')
    const bytes = readFileSync(f.db)
    expect(bytes.includes(Buffer.from('secret message number'))).toBe(false)
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0')
    const cli = spawnSync('sqlite3', [f.db, 'SELECT count(*) FROM messages'], { encoding: 'utf8' })
    expect(cli.error).toBeUndefined()
    expect(cli.status).not.toBe(0)
    expect(cli.stderr).toMatch(/not a database/)
    const raw = new Database(f.db, { readonly: true })
    expect(() => raw.prepare('SELECT count(*) FROM messages').get()).toThrow(/not a database/)
    raw.close()

    const again = track(openDatabase(f.db, { key: await identityKey(f), backupDir: f.backups }))
    expect(again.stats().messages).toBe(200)
    expect(again.contacts.get('peer-a')?.nickname).toBe('Alice')
    expect(mode(f.db)).toBe('600')
    expect(mode(f.keyFile)).toBe('600')
    expect(readKeyParams(f.keyFile)?.source).toBe('identity')
  })

  it('encrypts a plain database from before in place and keeps its data', async () => {
    const f = files()
    const plain = openDatabase(f.db)
    fill(plain, 50)
    plain.close()
    expect(dbFileKind(f.db)).toBe('plain')

    let encrypted = 0
    const db = track(openDatabase(f.db, { key: await identityKey(f), backupDir: f.backups, onEncrypted: () => { encrypted++ } }))
    expect(encrypted).toBe(1)
    expect(db.stats()).toMatchObject({ messages: 50, contacts: 1, sessions: 1 })
    expect(db.messages.get('peer-a', 'm7')?.body).toContain('secret message number 7')
    closeAll()
    expect(dbFileKind(f.db)).toBe('encrypted')
    expect(readFileSync(f.db).includes(Buffer.from('secret message number'))).toBe(false)
    expect(existsSync(rekeyTempFile(f.db))).toBe(false)
    expect(readdirSync(f.dir).filter(n => n.includes('tmp'))).toEqual([])
  })

  it('a crash mid-migration leaves the plain original, and the next open finishes the job', async () => {
    const f = files()
    const plain = openDatabase(f.db)
    fill(plain, 20)
    plain.close()
    // what a crash during the re-encryption leaves: a partial copy beside the intact original
    writeFileSync(rekeyTempFile(f.db), randomBytes(3 * PAGE_BYTES))
    const db = track(openDatabase(f.db, { key: await identityKey(f), backupDir: f.backups }))
    expect(db.stats().messages).toBe(20)
    expect(existsSync(rekeyTempFile(f.db))).toBe(false)
  })

  it('a wrong passphrase is a typed error and leaves the file unchanged; none given asks for one', async () => {
    const f = files()
    const first = await identityKey(f)
    fill(track(openDatabase(f.db, { key: first, backupDir: f.backups })))
    closeAll()
    const { params, key } = await newPassphraseKeyParams('correct horse battery', TEST_COST)
    changeDbKey({ dbFile: f.db, keyFile: f.keyFile, backupDir: f.backups, oldKey: first.bytes, newKey: key, newParams: params })
    const before = sha(f.db)

    const wrong = resolveDbKey({ keyFile: f.keyFile, dbFile: f.db, identityPrivateKey: IDENTITY, passphrase: 'incorrect horse' })
    await expect(wrong).rejects.toBeInstanceOf(WrongDbKeyError)
    await expect(wrong).rejects.toMatchObject({ code: STORAGE_ERROR_CODES.wrongKey, message: expect.stringContaining(`wrong passphrase for ${f.db}`) })
    await expect(identityKey(f)).rejects.toBeInstanceOf(PassphraseRequiredError)
    expect(sha(f.db)).toBe(before)
    expect(existsSync(f.db)).toBe(true)

    const right = await resolveDbKey({ keyFile: f.keyFile, dbFile: f.db, identityPrivateKey: IDENTITY, passphrase: 'correct horse battery' })
    expect(right.source).toBe('passphrase')
    expect(track(openDatabase(f.db, { key: right, backupDir: f.backups })).stats().messages).toBe(200)
  }, SCRYPT_TEST_MS)

  it('another identity key (no matching check value) is refused, never a new empty database', async () => {
    const f = files()
    fill(track(openDatabase(f.db, { key: await identityKey(f), backupDir: f.backups })))
    closeAll()
    const before = sha(f.db)
    await expect(resolveDbKey({ keyFile: f.keyFile, dbFile: f.db, identityPrivateKey: randomBytes(64) })).rejects.toBeInstanceOf(WrongDbKeyError)
    // and with db-key.json gone, the other key still cannot open it
    rmSync(f.keyFile)
    const other = await resolveDbKey({ keyFile: f.keyFile, dbFile: f.db, identityPrivateKey: randomBytes(64) })
    expect(other.verified).toBe(false)
    expect(() => openDatabase(f.db, { key: other, backupDir: f.backups })).toThrowError(WrongDbKeyError)
    expect(sha(f.db)).toBe(before)
  })

  it('finishes a key change a crash interrupted after the file was replaced', async () => {
    const f = files()
    const first = await identityKey(f)
    fill(track(openDatabase(f.db, { key: first, backupDir: f.backups })))
    closeAll()
    const { params, key } = await newPassphraseKeyParams('a long passphrase', TEST_COST)
    // the state right after the re-encrypted copy replaced the file: new params still pending
    const { rekeyFile } = await import('../../src/storage/cipher.js')
    const { writeKeyParams } = await import('../../src/storage/db-key.js')
    rekeyFile(f.db, first.bytes, key, () => { writeKeyParams(pendingKeyFile(f.keyFile), params) })
    expect(readKeyParams(f.keyFile)?.source).toBe('identity')

    const resolved = await resolveDbKey({ keyFile: f.keyFile, dbFile: f.db, identityPrivateKey: IDENTITY, passphrase: 'a long passphrase' })
    expect(resolved.source).toBe('passphrase')
    expect(readKeyParams(f.keyFile)?.source).toBe('passphrase')
    expect(existsSync(pendingKeyFile(f.keyFile))).toBe(false)
    expect(track(openDatabase(f.db, { key: resolved, backupDir: f.backups })).stats().messages).toBe(200)
  }, SCRYPT_TEST_MS)
})

describe('integrity at open and backups', () => {
  it('refuses a database with damaged pages, naming the file and the way out; the file stays as it was', async () => {
    const f = files()
    fill(track(openDatabase(f.db, { key: await identityKey(f), backupDir: f.backups })))
    closeAll()
    const pages = statSync(f.db).size / PAGE_BYTES
    expect(pages).toBeGreaterThan(6)
    damagePages(f.db, [2, 4, Math.floor(pages) - 2])
    const before = sha(f.db)
    let err: unknown
    try { openDatabase(f.db, { key: await identityKey(f), backupDir: f.backups }) } catch (e) { err = e }
    expect(err).toBeInstanceOf(DatabaseCorruptError)
    expect((err as DatabaseCorruptError).code).toBe('STORAGE_CORRUPT')
    expect((err as Error).message).toContain(f.db)
    expect((err as Error).message).toContain('parley db restore')
    expect((err as Error).message).toContain(f.backups)
    expect(sha(f.db)).toBe(before)
  })

  it('page 1 damaged under a verified key is corruption, not a wrong key', async () => {
    const f = files()
    fill(track(openDatabase(f.db, { key: await identityKey(f), backupDir: f.backups })))
    closeAll()
    damagePages(f.db, [0])
    const key = await identityKey(f)
    expect(key.verified).toBe(true)
    expect(() => openDatabase(f.db, { key, backupDir: f.backups })).toThrowError(DatabaseCorruptError)
  })

  it('keeps rotated 0600 encrypted backups and restores the newest good one', async () => {
    const f = files()
    const key = await identityKey(f)
    const db = track(openDatabase(f.db, { key, backupDir: f.backups }))
    fill(db, 10)
    const made: string[] = []
    for (let i = 0; i < BACKUPS_KEPT + 2; i++) {
      db.messages.insert({ peerId: 'peer-a', id: `later${i}`, direction: 'out', body: 'x', sentAt: 1_000 + i })
      made.push(db.backup())
      await new Promise(resolve => setTimeout(resolve, 2)) // distinct millisecond names
    }
    expect(mode(f.backups)).toBe('700')
    const kept = listBackups(f.backups)
    expect(kept).toEqual(made.slice(-BACKUPS_KEPT).reverse())
    for (const b of kept) {
      expect(mode(b)).toBe('600')
      expect(dbFileKind(b)).toBe('encrypted')
      expect(keyOpens(b, key.bytes)).toBe(true)
      expect(keyOpens(b, randomBytes(32))).toBe(false)
    }
    // damage the newest backup too: restore skips it and takes the next one
    damagePages(kept[0] as string, [2, 3])
    db.messages.insert({ peerId: 'peer-a', id: 'lost', direction: 'out', body: 'after the last backup', sentAt: 9_999 })
    closeAll()
    damagePages(f.db, [2, 3, 4])
    expect(() => openDatabase(f.db, { key, backupDir: f.backups })).toThrowError(DatabaseCorruptError)

    const r = restoreBackup(f.db, f.backups, key.bytes)
    expect(r.backup).toBe(kept[1])
    expect(r.skipped.map(s => s.file)).toEqual([kept[0]])
    expect(r.aside).toMatch(/parley\.db\.replaced-/)
    expect(existsSync(r.aside as string)).toBe(true)
    const restored = track(openDatabase(f.db, { key, backupDir: f.backups }))
    expect(restored.messages.get('peer-a', `later${BACKUPS_KEPT}`)?.body).toBe('x')
    expect(restored.messages.get('peer-a', `later${BACKUPS_KEPT + 1}`)).toBeUndefined()
    expect(restored.stats().messages).toBe(10 + BACKUPS_KEPT + 1)
    expect(mode(f.db)).toBe('600')
  })

  it('passphrase set/clear re-encrypts the backups with the database', async () => {
    const f = files()
    const first = await identityKey(f)
    const db = track(openDatabase(f.db, { key: first, backupDir: f.backups }))
    fill(db, 5)
    const backup = db.backup()
    closeAll()
    const pass = await newPassphraseKeyParams('another passphrase', TEST_COST)
    const r = changeDbKey({ dbFile: f.db, keyFile: f.keyFile, backupDir: f.backups, oldKey: first.bytes, newKey: pass.key, newParams: pass.params })
    expect(r).toEqual({ backupsRekeyed: 1, backupsSkipped: [] })
    expect(keyOpens(backup, pass.key)).toBe(true)
    expect(keyOpens(backup, first.bytes)).toBe(false)
    const back = identityKeyParams(IDENTITY)
    changeDbKey({ dbFile: f.db, keyFile: f.keyFile, backupDir: f.backups, oldKey: pass.key, newKey: back.key, newParams: back.params })
    expect(keyOpens(backup, first.bytes)).toBe(true)
    expect(track(openDatabase(f.db, { key: await identityKey(f), backupDir: f.backups })).stats().messages).toBe(5)
  }, SCRYPT_TEST_MS)
})

