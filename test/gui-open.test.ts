// `parley gui` must never put a secret (the API token or the one-time code) in any
// process's argv, which every local user can read. A fake browser opener records its argv
// and, while it runs, every process's command line; the test also scans /proc itself for
// as long as the CLI runs. The page it is handed must be 0600 and sign a client in once.
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parley } from './helpers/cli.js'
import { LOOPBACK_QUIC, makeHome, startTestDaemon, teardown, waitFor } from './helpers/daemons.js'
import type { TestDaemon } from './helpers/daemons.js'
import { ensureGuiBuilt, launchChromium } from './gui/browser.js'

/** Every process's command line (NUL-separated argv joined with spaces) that we may read. */
function allCmdlines (): string[] {
  const out: string[] = []
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    try { out.push(readFileSync(`/proc/${pid}/cmdline`).toString('utf8').replace(/\0/g, ' ')) } catch {}
  }
  return out
}

/** Scan /proc every few ms until stopped; returns every distinct command line seen. */
function scanWhile (): { stop: () => Set<string> } {
  const seen = new Set<string>()
  let on = true
  const loop = async (): Promise<void> => {
    while (on) {
      for (const c of allCmdlines()) seen.add(c)
      await new Promise(resolve => setTimeout(resolve, 5))
    }
  }
  void loop()
  return { stop: () => { on = false; return seen } }
}

interface OpenerRecord { argv: string[], fileMode: number, dirMode: number, page: string, cmdlines: string[] }

/** An executable opener that records what it was given and what every process's argv held meanwhile. */
function fakeOpener (dir: string): { command: string, record: () => OpenerRecord | undefined } {
  const out = join(dir, 'opener-record.json')
  const command = join(dir, 'fake-opener.mjs')
  writeFileSync(command, `#!${process.execPath}
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
const argv = process.argv.slice(2)
const file = fileURLToPath(argv[0])
const cmdlines = []
for (let round = 0; round < 20; round++) {
  for (const pid of readdirSync('/proc')) {
    if (!/^\\d+$/.test(pid)) continue
    try { cmdlines.push(readFileSync('/proc/' + pid + '/cmdline').toString('utf8').replace(/\\0/g, ' ')) } catch {}
  }
  await new Promise(resolve => setTimeout(resolve, 10))
}
writeFileSync(${JSON.stringify(out)}, JSON.stringify({
  argv, fileMode: statSync(file).mode & 0o777, dirMode: statSync(dirname(file)).mode & 0o777,
  page: readFileSync(file, 'utf8'), cmdlines: [...new Set(cmdlines)]
}))
`)
  chmodSync(command, 0o700)
  return { command, record: () => existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) as OpenerRecord : undefined }
}

async function redeem (port: number, code: string): Promise<{ status: number, token?: string }> {
  const res = await fetch(`http://127.0.0.1:${port}/gui-handoff`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) })
  const body = res.ok ? await res.json() as { token: string } : undefined
  return { status: res.status, ...(body != null ? { token: body.token } : {}) }
}

const codeIn = (page: string): string => /#code=([A-Za-z0-9_-]{16,})/.exec(page)?.[1] ?? ''
const holdsSecret = (lines: Iterable<string>, secrets: string[]): string[] => [...lines].filter(l => secrets.some(s => s !== '' && l.includes(s)))

describe('parley gui: no secret in argv', () => {
  let d: TestDaemon
  let scratch: string
  beforeAll(async () => {
    ensureGuiBuilt()
    scratch = mkdtempSync(join(tmpdir(), 'parley-opener-'))
    d = await startTestDaemon()
  }, 120_000)
  afterAll(async () => {
    await teardown([d])
    rmSync(scratch, { recursive: true, force: true })
  })

  it('opens a 0600 page by its file path; no process ever holds the code or the token in argv; the page signs a client in once', async () => {
    const opener = fakeOpener(scratch)
    const scan = scanWhile()
    const r = await parley(['--home', d.home, 'gui'], { env: { PARLEY_BROWSER: opener.command } })
    const rec = await waitFor(() => opener.record(), 'the fake opener to finish')
    const seen = scan.stop()
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)

    // the opener got exactly one argument: the file:// URL of a page in the data dir
    expect(rec.argv).toHaveLength(1)
    const file = fileURLToPath(rec.argv[0] ?? '')
    expect(rec.argv[0]).toMatch(/^file:\/\//)
    expect(file.startsWith(join(d.home, 'gui-open-'))).toBe(true)
    expect(rec.fileMode).toBe(0o600)
    expect(rec.dirMode).toBe(0o700)
    expect(r.stdout).toContain(rec.argv[0])

    const code = codeIn(rec.page)
    expect(code).not.toBe('')
    expect(rec.page).toContain(`http://127.0.0.1:${d.port}/#code=${code}`)
    const secrets = [code, d.token]
    expect(rec.cmdlines.length).toBeGreaterThan(3)
    expect(holdsSecret(rec.cmdlines, secrets)).toEqual([])
    expect(holdsSecret(seen, secrets)).toEqual([])
    expect(r.stdout).not.toContain(code)
    expect(r.stdout).not.toContain(d.token)

    // the page's code works once, then the page is gone
    expect(await redeem(d.port, code)).toEqual({ status: 200, token: d.token })
    expect(await redeem(d.port, code)).toEqual({ status: 410 })
    await waitFor(() => !existsSync(file), 'the spent page to be deleted', 5_000)
  })

  it('the page signs a real Chromium in: it lands on the GUI with the token, and the page is deleted', async () => {
    const opener = fakeOpener(mkdtempSync(join(scratch, 'chromium-')))
    const r = await parley(['--home', d.home, 'gui'], { env: { PARLEY_BROWSER: opener.command } })
    expect(r.code).toBe(0)
    const rec = await waitFor(() => opener.record(), 'the fake opener to finish')
    const file = fileURLToPath(rec.argv[0] ?? '')
    const browser = await launchChromium()
    try {
      const page = browser.pageA
      await page.goto(rec.argv[0] ?? '')
      await page.waitForURL(`http://127.0.0.1:${d.port}/`, { timeout: 20_000 })
      const stored = await page.waitForFunction(() => sessionStorage.getItem('parley.apiToken'), undefined, { timeout: 20_000 })
      expect(await stored.jsonValue()).toBe(d.token)
      // the address bar and history hold no code any more
      expect(page.url()).not.toContain('code=')
    } finally {
      await browser.close()
    }
    await waitFor(() => !existsSync(file), 'the spent page to be deleted', 5_000)
    expect((await redeem(d.port, codeIn(rec.page))).status).toBe(410)
  }, 90_000)

  it('--no-open prints a signed-in link to the own terminal and runs no opener', async () => {
    const opener = fakeOpener(mkdtempSync(join(scratch, 'no-open-')))
    const r = await parley(['--home', d.home, 'gui', '--no-open'], { env: { PARLEY_BROWSER: opener.command } })
    expect(r.code).toBe(0)
    expect(r.stdout.trim()).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${d.port}/#code=[A-Za-z0-9_-]{32}$`))
    await new Promise(resolve => setTimeout(resolve, 300))
    expect(opener.record()).toBeUndefined()
    expect(readdirSync(d.home).filter(f => f.startsWith('gui-open-'))).toEqual([])
  })

  it('an opener that cannot run is a clear error naming the page to open by hand', async () => {
    const r = await parley(['--home', d.home, 'gui'], { env: { PARLEY_BROWSER: join(scratch, 'no-such-browser') } })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/could not run .*no-such-browser .*open file:\/\/.*gui-open-.*\.html in your browser yourself.*\[GUI_OPENER_FAILED\]/)
    expect(r.stderr).not.toContain(d.token)
  })
})

describe('parley daemon start: the signed-in link goes to its own stdout only', () => {
  it('no process argv holds the token or the code while the daemon starts and prints its link', async () => {
    const home = makeHome()
    const scan = scanWhile()
    try {
      const r = await parley(['--home', home, 'daemon', 'start', '--listen', LOOPBACK_QUIC, '--no-mdns', '--api-port', '0'], { timeoutMs: 60_000 })
      const seen = scan.stop()
      expect(r.code).toBe(0)
      const code = /#code=([A-Za-z0-9_-]+)/.exec(r.stdout)?.[1] ?? ''
      expect(code).not.toBe('')
      const token = readFileSync(join(home, 'api-token'), 'utf8').trim()
      expect(statSync(join(home, 'api-token')).mode & 0o777).toBe(0o600)
      for (const c of allCmdlines()) seen.add(c)
      expect(holdsSecret(seen, [code, token])).toEqual([])
    } finally {
      scan.stop()
      await parley(['--home', home, 'daemon', 'stop'])
      rmSync(home, { recursive: true, force: true })
    }
  }, 90_000)
})
