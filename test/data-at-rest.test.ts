// Private files, encryption at rest and integrity at open, with real daemon processes and the real
// CLI: a data dir left 0755 is closed at start, the database is unreadable without its key, a
// passphrase goes set → start (piped, never in argv/env) → clear, and a damaged database is refused
// with the way out, which brings the data back.
import { spawn } from 'node:child_process'
import { spawnSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { chmodSync, closeSync, existsSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { ParleyClient } from '@parley/core/ipc'
import type { WebSocketConstructor } from '@parley/core/ipc'
import { openDatabase } from '@parley/node-daemon/storage/index'
import WebSocket from 'ws'
import { afterAll, describe, expect, it } from 'vitest'
import { PARLEY_BIN, parley } from './helpers/cli.js'
import type { CliResult } from './helpers/cli.js'
import { LOOPBACK_QUIC, makeHome, startTestDaemon, teardown } from './helpers/daemons.js'
import type { TestDaemon } from './helpers/daemons.js'

const BG_ARGS = ['--listen', LOOPBACK_QUIC, '--no-mdns', '--api-port', '0']
const PASSPHRASE = 'tr0ub4dor & 3 horses'
const PAGE_BYTES = 4096
/** Several daemon starts and scrypt runs (about 0.5 s each idle) per test: generous under CI load. */
const SLOW_TEST_MS = 240_000

const homes: string[] = []
const daemons: TestDaemon[] = []
afterAll(async () => {
  await teardown(daemons)
  for (const home of homes) {
    await parley(['--home', home, 'daemon', 'stop'])
    rmSync(home, { recursive: true, force: true })
  }
})

function newHome (): string {
  const home = makeHome('parley-rest-')
  homes.push(home)
  return home
}

/** The CLI with `input` on its standard input (a pipe, as a script would give it). */
async function parleyWithInput (args: string[], input: string): Promise<CliResult> {
  const child = spawn(process.execPath, [PARLEY_BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString() })
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString() })
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
  child.stdin.end(input)
  const code = await new Promise<number>(resolve => child.once('exit', c => resolve(c ?? 1)))
  clearTimeout(timer)
  return { code, stdout, stderr }
}

async function randomPeerId (): Promise<string> {
  return peerIdFromPrivateKey(await generateKeyPair('Ed25519')).toString()
}

/** A client for a daemon started in the background by `parley daemon start`. */
function clientFor (home: string): ParleyClient {
  const port = Number(readFileSync(join(home, 'api-port'), 'utf8'))
  const token = readFileSync(join(home, 'api-token'), 'utf8').trim()
  return new ParleyClient({ url: `http://127.0.0.1:${port}`, token, WebSocket: WebSocket as unknown as WebSocketConstructor })
}

async function nicknames (client: ParleyClient): Promise<string[]> {
  return (await client.call('contacts.list')).map(c => c.nickname ?? '').sort()
}

const mode = (f: string): string => (statSync(f).mode & 0o777).toString(8)
const sha = (f: string): string => createHash('sha256').update(readFileSync(f)).digest('hex')

function sqliteCliReads (file: string): boolean {
  const r = spawnSync('sqlite3', [file, 'SELECT count(*) FROM contacts'], { encoding: 'utf8' })
  if (r.error != null) throw r.error
  return r.status === 0
}

function allEntries (dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(e => e.isDirectory() ? [join(dir, e.name), ...allEntries(join(dir, e.name))] : [join(dir, e.name)])
}

describe('data at rest', () => {
  it('closes a 0755 data dir and its loose files at start (with a warning) and keeps the database encrypted', async () => {
    const home = newHome()
    chmodSync(home, 0o755)
    writeFileSync(join(home, 'daemon.log'), 'an old log line\n', { mode: 0o644 })
    chmodSync(join(home, 'daemon.log'), 0o644)
    const d = await startTestDaemon({ home })
    daemons.push(d)
    await d.client.call('contacts.add', { peerId: await randomPeerId(), nickname: 'Mallory-proof' })
    expect(mode(home)).toBe('700')
    const entries = allEntries(home)
    expect(entries.some(e => e.includes(`${join(home, 'backups')}/parley-`))).toBe(true)
    for (const e of entries) expect(mode(e), e).toBe(statSync(e).isDirectory() ? '700' : '600')
    expect(d.logs() + readFileSync(join(home, 'daemon.log'), 'utf8')).toMatch(/data dir was readable by other users; set it to 0700.*"mode":"755"/)
    expect(await d.stop()).toBe(0)
    expect(sqliteCliReads(join(home, 'parley.db'))).toBe(false)
    expect(readFileSync(join(home, 'parley.db')).includes(Buffer.from('Mallory-proof'))).toBe(false)
  }, SLOW_TEST_MS)

  it('encrypts a plain database from before on first start and keeps its data', async () => {
    const home = newHome()
    const plain = openDatabase(join(home, 'parley.db'))
    plain.contacts.add(await randomPeerId(), 'From before')
    plain.close()
    expect(sqliteCliReads(join(home, 'parley.db'))).toBe(true)
    const d = await startTestDaemon({ home })
    daemons.push(d)
    expect(await nicknames(d.client)).toEqual(['From before'])
    expect(await d.stop()).toBe(0)
    expect(sqliteCliReads(join(home, 'parley.db'))).toBe(false)
    expect(readFileSync(join(home, 'daemon.log'), 'utf8')).toContain('encrypted the database from before in place')
  }, SLOW_TEST_MS)

  it('passphrase set → start asks for it (piped to the daemon, never in argv or env) → clear', async () => {
    const home = newHome()
    const first = await startTestDaemon({ home })
    daemons.push(first)
    await first.client.call('contacts.add', { peerId: await randomPeerId(), nickname: 'Bob' })
    expect(await first.stop()).toBe(0)

    const set = await parleyWithInput(['--home', home, 'passphrase', 'set'], `${PASSPHRASE}\n${PASSPHRASE}\n`)
    expect(set.code, set.stderr).toBe(0)
    expect(set.stdout).toContain('is now encrypted under your passphrase')
    expect(JSON.parse(readFileSync(join(home, 'db-key.json'), 'utf8'))).toMatchObject({ source: 'passphrase', scrypt: { N: 131_072, r: 8, p: 1 } })
    const db = join(home, 'parley.db')
    const before = sha(db)

    const wrong = await parleyWithInput(['--home', home, 'daemon', 'start', ...BG_ARGS], 'not the passphrase\n')
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain(`wrong passphrase for ${db}`)
    expect(wrong.stderr).toContain('STORAGE_WRONG_KEY')
    const none = await parleyWithInput(['--home', home, 'daemon', 'start', ...BG_ARGS], '')
    expect(none.code).toBe(1)
    expect(none.stderr).toContain('STORAGE_PASSPHRASE_REQUIRED')
    expect(sha(db)).toBe(before)
    expect(existsSync(join(home, 'daemon.pid'))).toBe(false)

    const start = await parleyWithInput(['--home', home, 'daemon', 'start', ...BG_ARGS], `${PASSPHRASE}\n`)
    expect(start.code, start.stderr).toBe(0)
    const pid = Number(readFileSync(join(home, 'daemon.pid'), 'utf8'))
    const secret = Buffer.from(PASSPHRASE)
    expect(readFileSync(`/proc/${pid}/cmdline`).includes(secret)).toBe(false)
    expect(readFileSync(`/proc/${pid}/environ`).includes(secret)).toBe(false)
    const client = clientFor(home)
    expect(await nicknames(client)).toEqual(['Bob'])
    client.close()
    const busy = await parleyWithInput(['--home', home, 'passphrase', 'clear'], `${PASSPHRASE}\n`)
    expect(busy.code).toBe(1)
    expect(busy.stderr).toContain('STORAGE_DAEMON_RUNNING')
    expect((await parley(['--home', home, 'daemon', 'stop'])).code).toBe(0)
    expect(readFileSync(join(home, 'daemon.log')).includes(secret)).toBe(false)

    const clear = await parleyWithInput(['--home', home, 'passphrase', 'clear'], `${PASSPHRASE}\n`)
    expect(clear.code, clear.stderr).toBe(0)
    const after = await startTestDaemon({ home }) // no passphrase asked: stdin is /dev/null
    daemons.push(after)
    expect(await nicknames(after.client)).toEqual(['Bob'])
    expect(await after.stop()).toBe(0)
    expect(sqliteCliReads(db)).toBe(false)
  }, SLOW_TEST_MS)

  it('refuses to start on a damaged database, naming the file and the way out; db restore brings the data back', async () => {
    const home = newHome()
    const d1 = await startTestDaemon({ home })
    daemons.push(d1)
    await d1.client.call('contacts.add', { peerId: await randomPeerId(), nickname: 'Carol' })
    expect(await d1.stop()).toBe(0)
    const d2 = await startTestDaemon({ home }) // its start-up backup holds Carol
    daemons.push(d2)
    expect(await nicknames(d2.client)).toEqual(['Carol'])
    expect(await d2.stop()).toBe(0)

    // random bytes over pages of the stopped daemon's database, as the probe did with 40 pages
    const db = join(home, 'parley.db')
    const pages = Math.floor(statSync(db).size / PAGE_BYTES)
    const fd = openSync(db, 'r+')
    for (let p = 1; p < pages; p += 2) writeSync(fd, randomBytes(PAGE_BYTES), 0, PAGE_BYTES, p * PAGE_BYTES)
    closeSync(fd)
    const damaged = sha(db)

    const refused = await parley(['--home', home, 'daemon', 'start', ...BG_ARGS])
    expect(refused.code).toBe(1)
    const said = refused.stdout + refused.stderr
    expect(said).toContain(`database ${db} is damaged`)
    expect(said).toContain('parley db restore')
    expect(said).toContain('parley db reset --yes')
    expect(said).toContain('STORAGE_CORRUPT')
    expect(sha(db)).toBe(damaged)

    const restore = await parley(['--home', home, 'db', 'restore'])
    expect(restore.code, restore.stderr).toBe(0)
    expect(restore.stdout).toMatch(/restored .*parley\.db from .*backups\/parley-/)
    const aside = /kept as (\S+)/.exec(restore.stdout)?.[1] as string
    expect(sha(aside)).toBe(damaged)
    const d3 = await startTestDaemon({ home })
    daemons.push(d3)
    expect(await nicknames(d3.client)).toEqual(['Carol'])
    expect(await d3.stop()).toBe(0)
  }, SLOW_TEST_MS)

  it('db reset needs --yes and keeps the old file aside', async () => {
    const home = newHome()
    const d = await startTestDaemon({ home })
    daemons.push(d)
    await d.client.call('contacts.add', { peerId: await randomPeerId(), nickname: 'Dave' })
    expect(await d.stop()).toBe(0)
    const noYes = await parley(['--home', home, 'db', 'reset'])
    expect(noYes.code).toBe(1)
    expect(noYes.stderr).toContain('--yes')
    const reset = await parley(['--home', home, 'db', 'reset', '--yes'])
    expect(reset.code).toBe(0)
    expect(readdirSync(home).some(n => n.startsWith('parley.db.reset-'))).toBe(true)
    const fresh = await startTestDaemon({ home })
    daemons.push(fresh)
    expect(await nicknames(fresh.client)).toEqual([])
    expect(await fresh.stop()).toBe(0)
  }, SLOW_TEST_MS)
})
