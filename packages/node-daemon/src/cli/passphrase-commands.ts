// `parley passphrase set|clear` and `parley db restore|reset`: they rewrite or move the database,
// so they work on the data dir directly and only while the daemon is stopped.
// docs/operations.md, "Encryption at rest" and "Backups and restore".
import type { Command } from 'commander'
import { loadOrCreateIdentity } from '../identity.js'
import { dataPaths } from '../paths.js'
import type { DataPaths } from '../paths.js'
import { runningDaemonPid } from '../pid-lock.js'
import {
  changeDbKey, identityKeyParams, PassphraseRequiredError, MIN_PASSPHRASE_CHARS, moveDatabaseAside, needsPassphrase, newPassphraseKeyParams,
  PASSPHRASE_SCRYPT_N, PASSPHRASE_SCRYPT_P, PASSPHRASE_SCRYPT_R, resolveDbKey, restoreBackup, StorageError, STORAGE_ERROR_CODES
} from '../storage/index.js'
import type { ChangeDbKeyResult, DbKey } from '../storage/index.js'
import { createSecretReader } from './read-secret.js'
import type { SecretReader } from './read-secret.js'

function refuseIfRunning (paths: DataPaths, what: string): void {
  const pid = runningDaemonPid(paths.pid)
  if (pid != null) throw new StorageError(STORAGE_ERROR_CODES.daemonRunning, `${what} needs the daemon stopped (pid ${pid} is running on ${paths.home}): "parley daemon stop" first`, { pid })
}

/** The key that opens the database now; asks for the passphrase when one is set. */
async function currentKey (paths: DataPaths, reader: SecretReader, prompt = `passphrase for ${paths.db}: `): Promise<DbKey> {
  const identity = await loadOrCreateIdentity(paths.identityKey)
  const passphrase = needsPassphrase(paths.dbKey) ? await reader.read(prompt) : undefined
  return await resolveDbKey({ keyFile: paths.dbKey, dbFile: paths.db, identityPrivateKey: identity.privateKey.raw, ...(passphrase != null ? { passphrase } : {}) })
}

function backupsNote (r: ChangeDbKeyResult): string {
  return `${r.backupsRekeyed} backup(s) re-encrypted` + (r.backupsSkipped.length > 0 ? `; not re-encrypted (the old key does not open them): ${r.backupsSkipped.join(', ')}` : '')
}

async function withReader<T> (fn: (reader: SecretReader) => Promise<T>): Promise<T> {
  const reader = createSecretReader()
  try { return await fn(reader) } finally { reader.close() }
}

/**
 * For `daemon start`: the passphrase when one is set (else undefined), checked against db-key.json
 * so a wrong one fails here, in the terminal, with nothing changed.
 */
export async function askDbPassphrase (paths: DataPaths): Promise<string | undefined> {
  if (!needsPassphrase(paths.dbKey)) return undefined
  return await withReader(async (reader) => {
    let passphrase: string
    try {
      passphrase = await reader.read(`passphrase for ${paths.db}: `)
    } catch (err) {
      throw new PassphraseRequiredError(paths.db, { cause: err })
    }
    const identity = await loadOrCreateIdentity(paths.identityKey)
    await resolveDbKey({ keyFile: paths.dbKey, dbFile: paths.db, identityPrivateKey: identity.privateKey.raw, passphrase })
    return passphrase
  })
}

export function registerPassphraseCommands (program: Command, home: () => string, out: (s: string) => void): void {
  const passphrase = program.command('passphrase').description('protect the database with a passphrase (asked at every "daemon start"), or go back to the identity-derived key')
  passphrase.command('set')
    .description('set or change the passphrase (read from the terminal, or from standard input: current if one is set, new, new again — one line each)')
    .action(async () => {
      const paths = dataPaths(home())
      refuseIfRunning(paths, 'setting a passphrase')
      await withReader(async (reader) => {
        const old = await currentKey(paths, reader, 'current passphrase: ')
        const first = await reader.read('new passphrase: ')
        if ([...first].length < MIN_PASSPHRASE_CHARS) throw new StorageError(STORAGE_ERROR_CODES.badPassphrase, `the passphrase needs at least ${MIN_PASSPHRASE_CHARS} characters; nothing was changed`)
        const again = await reader.read('new passphrase again: ')
        if (again !== first) throw new StorageError(STORAGE_ERROR_CODES.badPassphrase, 'the two passphrases differ; nothing was changed')
        const { params, key } = await newPassphraseKeyParams(first)
        const r = changeDbKey({ dbFile: paths.db, keyFile: paths.dbKey, backupDir: paths.backups, oldKey: old.bytes, newKey: key, newParams: params })
        out(`${paths.db} is now encrypted under your passphrase (scrypt N=${PASSPHRASE_SCRYPT_N}, r=${PASSPHRASE_SCRYPT_R}, p=${PASSPHRASE_SCRYPT_P}); "parley daemon start" asks for it. ${backupsNote(r)}.\nIf you forget it, the messages and contacts cannot be recovered.`)
      })
    })
  passphrase.command('clear')
    .description('remove the passphrase: the database key is derived from the identity key again')
    .action(async () => {
      const paths = dataPaths(home())
      refuseIfRunning(paths, 'clearing the passphrase')
      await withReader(async (reader) => {
        const old = await currentKey(paths, reader)
        if (old.source === 'identity') { out(`no passphrase is set for ${paths.db}`); return }
        const identity = await loadOrCreateIdentity(paths.identityKey)
        const { params, key } = identityKeyParams(identity.privateKey.raw)
        const r = changeDbKey({ dbFile: paths.db, keyFile: paths.dbKey, backupDir: paths.backups, oldKey: old.bytes, newKey: key, newParams: params })
        out(`${paths.db} is now encrypted under a key derived from ${paths.identityKey}; no passphrase is asked any more. ${backupsNote(r)}.`)
      })
    })

  const db = program.command('db').description('the database: restore a backup, or start fresh')
  db.command('restore')
    .description('replace the database with the newest good backup (or --from <file>); the replaced file is kept aside')
    .option('--from <file>', 'a specific backup file')
    .action(async (o: { from?: string }) => {
      const paths = dataPaths(home())
      refuseIfRunning(paths, 'restoring a backup')
      await withReader(async (reader) => {
        const key = await currentKey(paths, reader)
        const r = restoreBackup(paths.db, paths.backups, key.bytes, o.from)
        const lines = [`restored ${paths.db} from ${r.backup}`]
        if (r.aside != null) lines.push(`the replaced database was kept as ${r.aside}`)
        for (const s of r.skipped) lines.push(`skipped ${s.file}: ${s.problem}`)
        out(lines.join('\n'))
      })
    })
  db.command('reset')
    .description('move the database aside and start with an empty one (contacts, messages and history are gone from Parley)')
    .option('--yes', 'really do it')
    .action((o: { yes?: boolean }) => {
      const paths = dataPaths(home())
      if (o.yes !== true) throw new StorageError(STORAGE_ERROR_CODES.invalidArgument, `"parley db reset" starts with an empty database (no contacts, messages or history); the old file is kept aside. Add --yes to do it, or try "parley db restore" first`)
      refuseIfRunning(paths, 'resetting the database')
      const aside = moveDatabaseAside(paths.db, 'reset')
      out(aside != null ? `moved ${paths.db} to ${aside}; the next "parley daemon start" creates an empty database` : `there was no database at ${paths.db}`)
    })
}
