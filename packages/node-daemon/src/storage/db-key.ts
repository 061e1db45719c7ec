// Where the database key comes from: HKDF over the identity's private key by default, or scrypt
// over a passphrase the user set. db-key.json (0600, next to the database) says which, holds the
// scrypt salt and parameters, and a check value that tells a wrong key from a damaged file.
// docs/operations.md, "Encryption at rest", documents the derivations.
import { hkdfSync, randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import { readFileSync, renameSync, rmSync } from 'node:fs'
import { writePrivateFileAtomic } from '../fs-private.js'
import { dbFileKind, keyOpens } from './cipher.js'
import {
  DB_KEY_BYTES, DB_KEY_CHECK_BYTES, DB_KEY_CHECK_HKDF_INFO, DB_KEY_HKDF_INFO, PASSPHRASE_SALT_BYTES,
  PASSPHRASE_SCRYPT_MAXMEM_BYTES, PASSPHRASE_SCRYPT_N, PASSPHRASE_SCRYPT_P, PASSPHRASE_SCRYPT_R
} from './constants.js'
import { PassphraseRequiredError, StorageError, STORAGE_ERROR_CODES, WrongDbKeyError } from './errors.js'
import type { DbKeySource } from './errors.js'

export interface ScryptParams { N: number, r: number, p: number, /** base64 */ salt: string }

/** The content of db-key.json. */
export interface DbKeyParams {
  version: 1
  source: DbKeySource
  /** hex HKDF-SHA256(key, DB_KEY_CHECK_HKDF_INFO): one-way, only compares keys. */
  check: string
  scrypt?: ScryptParams
}

export interface DbKey {
  bytes: Uint8Array
  source: DbKeySource
  /** The key matched db-key.json's check value, so a file it cannot read is damaged, not wrongly keyed. */
  verified: boolean
}

export function identityDbKey (identityPrivateKey: Uint8Array): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', identityPrivateKey, new Uint8Array(0), DB_KEY_HKDF_INFO, DB_KEY_BYTES))
}

export async function passphraseDbKey (passphrase: string, params: ScryptParams): Promise<Uint8Array> {
  const salt = Buffer.from(params.salt, 'base64')
  return await new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, DB_KEY_BYTES, { N: params.N, r: params.r, p: params.p, maxmem: PASSPHRASE_SCRYPT_MAXMEM_BYTES }, (err, key) => {
      if (err != null) reject(err)
      else resolve(new Uint8Array(key))
    })
  })
}

export function keyCheck (key: Uint8Array): string {
  return Buffer.from(hkdfSync('sha256', key, new Uint8Array(0), DB_KEY_CHECK_HKDF_INFO, DB_KEY_CHECK_BYTES)).toString('hex')
}

function checkMatches (params: DbKeyParams, key: Uint8Array): boolean {
  const want = Buffer.from(params.check, 'hex')
  const got = Buffer.from(keyCheck(key), 'hex')
  return want.length === got.length && timingSafeEqual(want, got)
}

/** While a key change is under way the new parameters wait here; see changeDbKey. */
export function pendingKeyFile (keyFile: string): string {
  return `${keyFile}.new`
}

export function readKeyParams (file: string): DbKeyParams | undefined {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
  try {
    const p = JSON.parse(text) as DbKeyParams
    const scryptOk = p.source !== 'passphrase' || (p.scrypt != null && Number.isInteger(p.scrypt.N) && Number.isInteger(p.scrypt.r) && Number.isInteger(p.scrypt.p) && typeof p.scrypt.salt === 'string')
    if (p.version !== 1 || (p.source !== 'identity' && p.source !== 'passphrase') || typeof p.check !== 'string' || !scryptOk) throw new Error('unexpected content')
    return p
  } catch (err) {
    throw new StorageError(STORAGE_ERROR_CODES.openFailed, `${file} is damaged (${(err as Error).message}); restore it from a backup of the data dir`, { file }, { cause: err })
  }
}

export function writeKeyParams (file: string, params: DbKeyParams): void {
  writePrivateFileAtomic(file, JSON.stringify(params, null, 2) + '\n')
}

/** True when opening the database needs the user's passphrase (also mid-way through a key change). */
export function needsPassphrase (keyFile: string): boolean {
  return readKeyParams(keyFile)?.source === 'passphrase' || readKeyParams(pendingKeyFile(keyFile))?.source === 'passphrase'
}

export function identityKeyParams (identityPrivateKey: Uint8Array): { params: DbKeyParams, key: Uint8Array } {
  const key = identityDbKey(identityPrivateKey)
  return { params: { version: 1, source: 'identity', check: keyCheck(key) }, key }
}

export interface ScryptCost {
  /** Default PASSPHRASE_SCRYPT_N. */
  N?: number
  /** Default PASSPHRASE_SCRYPT_R. */
  r?: number
  /** Default PASSPHRASE_SCRYPT_P. */
  p?: number
}

/**
 * A fresh salt and the scrypt cost in force now. The CLI always uses the defaults; a lower cost is
 * for unit tests of the key handling, which would otherwise spend most of their time in scrypt.
 */
export async function newPassphraseKeyParams (passphrase: string, cost: ScryptCost = {}): Promise<{ params: DbKeyParams, key: Uint8Array }> {
  const scryptParams: ScryptParams = { N: cost.N ?? PASSPHRASE_SCRYPT_N, r: cost.r ?? PASSPHRASE_SCRYPT_R, p: cost.p ?? PASSPHRASE_SCRYPT_P, salt: randomBytes(PASSPHRASE_SALT_BYTES).toString('base64') }
  const key = await passphraseDbKey(passphrase, scryptParams)
  return { params: { version: 1, source: 'passphrase', check: keyCheck(key), scrypt: scryptParams }, key }
}

export interface ResolveDbKeyOptions {
  keyFile: string
  dbFile: string
  /** The identity's private key bytes (Ed25519PrivateKey.raw). */
  identityPrivateKey: Uint8Array
  /** Required when db-key.json says "passphrase". */
  passphrase?: string
}

async function keyFor (params: DbKeyParams, opts: ResolveDbKeyOptions): Promise<Uint8Array> {
  if (params.source === 'identity') return identityDbKey(opts.identityPrivateKey)
  if (opts.passphrase == null) throw new PassphraseRequiredError(opts.dbFile)
  return await passphraseDbKey(opts.passphrase, params.scrypt as ScryptParams)
}

/**
 * The key that opens the database. Throws PassphraseRequiredError or WrongDbKeyError (nothing on
 * disk changed then). A first run records the identity-derived key's parameters; a key change
 * interrupted by a crash is finished or undone here, whichever key the file turns out to have.
 */
export async function resolveDbKey (opts: ResolveDbKeyOptions): Promise<DbKey> {
  const { keyFile, dbFile } = opts
  const current = readKeyParams(keyFile)
  const pending = readKeyParams(pendingKeyFile(keyFile))
  if (pending != null) {
    const fallback = current ?? identityKeyParams(opts.identityPrivateKey).params
    for (const params of [pending, fallback]) {
      const key = await keyFor(params, opts)
      if (!checkMatches(params, key)) continue
      if (dbFileKind(dbFile) === 'encrypted' && !keyOpens(dbFile, key)) continue
      if (params === pending) renameSync(pendingKeyFile(keyFile), keyFile)
      else rmSync(pendingKeyFile(keyFile), { force: true })
      return { bytes: key, source: params.source, verified: true }
    }
    throw new WrongDbKeyError(dbFile, pending.source === 'passphrase' || current?.source === 'passphrase' ? 'passphrase' : 'identity')
  }
  if (current == null) {
    const { params, key } = identityKeyParams(opts.identityPrivateKey)
    // An encrypted file without db-key.json: the key may be right, but there is nothing to check it against.
    if (dbFileKind(dbFile) === 'encrypted') return { bytes: key, source: 'identity', verified: false }
    writeKeyParams(keyFile, params)
    return { bytes: key, source: 'identity', verified: true }
  }
  const key = await keyFor(current, opts)
  if (!checkMatches(current, key)) throw new WrongDbKeyError(dbFile, current.source)
  return { bytes: key, source: current.source, verified: true }
}
