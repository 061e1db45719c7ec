// Piped CLI output arrives whole: the CLI exits only after stdout has drained (it used to
// stop at the pipe's 64 KiB), and a reader that goes away early (`| head`) costs no stack trace.
import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Message } from '@parley/core/ipc'
import { PARLEY_BIN } from './helpers/cli.js'
import { startTestDaemon, teardown } from './helpers/daemons.js'
import type { TestDaemon } from './helpers/daemons.js'

/** A valid peer ID nobody runs: messages to it stay queued in the sender's database. */
const NOBODY = '12D3KooWNVZHrH9SHG1e4qhBRYqBP2gwEt2py1ym7dqYtbBpraVc'
const MESSAGES = 80
const BODY_CHARS = 16 * 1024

interface Run { code: number | null, stdout: Buffer, stderr: string }

/**
 * Runs the CLI with stdout on a pipe that this side reads slowly: a pause after every chunk,
 * so the CLI finishes writing long before the reader has taken everything.
 */
async function runSlowReader (args: string[], opts: { pauseMs: number, stopAfterBytes?: number }): Promise<Run> {
  const child = spawn(process.execPath, [PARLEY_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  const chunks: Buffer[] = []
  let got = 0
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString() })
  child.stdout.on('data', (d: Buffer) => {
    chunks.push(d)
    got += d.length
    if (opts.stopAfterBytes != null && got >= opts.stopAfterBytes) { child.stdout.destroy(); return }
    child.stdout.pause()
    setTimeout(() => child.stdout.resume(), opts.pauseMs)
  })
  const code = await new Promise<number | null>(resolve => child.on('close', resolve))
  return { code, stdout: Buffer.concat(chunks), stderr }
}

describe('CLI output through a pipe', () => {
  let d: TestDaemon
  beforeAll(async () => {
    d = await startTestDaemon()
    for (let i = 0; i < MESSAGES; i++) {
      await d.client.call('dm.send', { peerId: NOBODY, body: `${String(i).padStart(3, '0')} ${'m'.repeat(BODY_CHARS - 4)}` })
    }
  }, 120_000)
  afterAll(async () => { await teardown([d]) })

  it('`parley dm show --json` of more than 1 MB reaches a slow reader whole', async () => {
    const r = await runSlowReader(['--home', d.home, 'dm', 'show', NOBODY, '--limit', String(MESSAGES), '--json'], { pauseMs: 20 })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout.length).toBeGreaterThan(1024 * 1024)
    expect(r.stdout.at(-1)).toBe(0x0a)
    const msgs = JSON.parse(r.stdout.toString('utf8')) as Message[]
    expect(msgs).toHaveLength(MESSAGES)
    expect(msgs.map(m => m.body.slice(0, 3))).toEqual(Array.from({ length: MESSAGES }, (_, i) => String(i).padStart(3, '0')))
    expect(msgs.every(m => m.body.length === BODY_CHARS)).toBe(true)
  })

  it('the plain listing too, line for line', async () => {
    const r = await runSlowReader(['--home', d.home, 'dm', 'show', NOBODY, '--limit', String(MESSAGES)], { pauseMs: 20 })
    expect(r.code).toBe(0)
    const lines = r.stdout.toString('utf8').trimEnd().split('\n')
    expect(lines).toHaveLength(MESSAGES)
    expect(lines.every(l => l.includes('m'.repeat(BODY_CHARS - 4)))).toBe(true)
  })

  it('a reader that stops early (like `head`) gets no stack trace on stderr', async () => {
    const r = await runSlowReader(['--home', d.home, 'dm', 'show', NOBODY, '--limit', String(MESSAGES), '--json'], { pauseMs: 0, stopAfterBytes: 1000 })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
  })
})
