// The IPC server under abuse, against real daemon processes: floods of bad upgrades and
// idle sockets must not eat file descriptors, oversized batches are refused, and refused
// requests are logged at a bounded rate.
import { readFileSync, readdirSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { connect } from 'node:net'
import { join } from 'node:path'
import { MAX_RPC_BATCH_REQUESTS, MAX_RPC_BODY_BYTES } from '@parley/core/ipc'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IPC_HEADERS_TIMEOUT_MS, IPC_MAX_CONNECTIONS, IPC_REFUSED_LOG_LINES, IPC_REFUSED_LOG_WINDOW_MS } from '../packages/node-daemon/src/ipc/constants.js'
import { startTestDaemon, teardown, waitFor } from './helpers/daemons.js'
import type { TestDaemon } from './helpers/daemons.js'

const fdCount = (pid: number): number => readdirSync(`/proc/${pid}/fd`).length

type Ending = 'server' | 'client'

/**
 * One raw connection that sends `text` and waits for the server to close it; after
 * `giveUpMs` the client closes it itself (which is what a leak looks like from outside).
 */
async function rawExchange (port: number, text: string, giveUpMs: number): Promise<Ending> {
  return await new Promise(resolve => {
    const s = connect(port, '127.0.0.1', () => { s.write(text) })
    const t = setTimeout(() => { resolve('client'); s.destroy() }, giveUpMs)
    s.on('error', () => {})
    s.resume()
    s.on('close', () => { clearTimeout(t); resolve('server') })
  })
}

/** Run `n` tasks, `parallel` at a time. */
async function pool<T> (n: number, parallel: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = []
  let next = 0
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < n) { const i = next++; out[i] = await task(i) }
  }))
  return out
}

async function post (port: number, body: string, headers: Record<string, string>, agent?: Agent): Promise<{ status: number, body: string }> {
  return await new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/rpc', method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } }, res => {
      let data = ''
      res.on('data', (d: Buffer) => { data += d.toString() })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe('IPC hardening', () => {
  let d: TestDaemon
  beforeAll(async () => { d = await startTestDaemon() }, 60_000)
  afterAll(async () => { await teardown([d]) })

  it('a flood of bad upgrade requests leaves the fd count flat, every socket closed by the daemon, and IPC answering', async () => {
    const pid = d.proc.pid ?? 0
    await d.client.call('status')
    const before = fdCount(pid)
    const upgrade = (target: string, extra = ''): string =>
      `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${d.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extra}\r\n`
    const kinds = [
      upgrade('http://[::1'), // threw in the upgrade handler and leaked its socket
      upgrade('/rpc', `Sec-WebSocket-Protocol: parley-rpc.v1, parley-token.${'0'.repeat(64)}\r\n`), // wrong token
      upgrade('/nowhere'),
      upgrade('/rpc', 'Origin: https://evil.example\r\n')
    ]
    const N = 3000
    const endings = await pool(N, 40, async i => await rawExchange(d.port, kinds[i % kinds.length] ?? '', 5_000))
    expect(endings.filter(e => e === 'client')).toHaveLength(0)
    // Let closed sockets be reaped; a leak would leave ~N descriptors behind.
    const after = await waitFor(() => { const n = fdCount(pid); return n <= before + 10 ? n : undefined }, `fd count back near ${before} (now ${fdCount(pid)})`, 15_000)
    expect(after).toBeLessThanOrEqual(before + 10)
    expect((await d.client.call('status')).peerId).toBe(d.peerId)
    expect(readFileSync(join(d.home, 'daemon.log'), 'utf8')).not.toContain('uncaught exception')
  }, 120_000)

  it('a bad request target over plain HTTP gets 400, not a crash', async () => {
    const r = await new Promise<string>(resolve => {
      let data = ''
      const s = connect(d.port, '127.0.0.1', () => { s.write(`GET http://[::1 HTTP/1.1\r\nHost: 127.0.0.1:${d.port}\r\n\r\n`) })
      s.on('data', (b: Buffer) => { data += b.toString() })
      s.on('close', () => resolve(data))
      s.on('error', () => {})
    })
    expect(r).toMatch(/^HTTP\/1\.1 400 /)
  })

  it(`refuses a batch of more than ${MAX_RPC_BATCH_REQUESTS} requests whole, and a body over ${MAX_RPC_BODY_BYTES} bytes`, async () => {
    const auth = { authorization: `Bearer ${d.token}` }
    const batch = (n: number): string => JSON.stringify(Array.from({ length: n }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'status' })))
    const ok = await post(d.port, batch(MAX_RPC_BATCH_REQUESTS), auth)
    expect(JSON.parse(ok.body)).toHaveLength(MAX_RPC_BATCH_REQUESTS)
    // the probe: ~1 MB holding 24 375 requests
    const big = await post(d.port, JSON.stringify(Array.from({ length: 24_375 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'status' }))).slice(0, MAX_RPC_BODY_BYTES - 1).replace(/,\{[^}]*$/, ']'), auth)
    expect(big.status).toBe(200)
    const err = JSON.parse(big.body) as { id: null, error: { code: number, message: string, data: { code: string } } }
    expect(err.id).toBeNull()
    expect(err.error.code).toBe(-32600)
    expect(err.error.data.code).toBe('BATCH_TOO_LARGE')
    expect(err.error.message).toMatch(/^batch of \d+ requests; at most 100 per batch$/)
    const huge = await post(d.port, 'x'.repeat(MAX_RPC_BODY_BYTES + 1), auth)
    expect(huge.status).toBe(413)
    expect((await d.client.call('status')).peerId).toBe(d.peerId)
  })

  it(`closes connections beyond ${IPC_MAX_CONNECTIONS} at once and idle ones after the headers timeout`, async () => {
    const pid = d.proc.pid ?? 0
    const before = fdCount(pid)
    const extra = 20
    const t0 = Date.now()
    const closedAt: number[] = []
    const sockets = Array.from({ length: IPC_MAX_CONNECTIONS + extra }, () => {
      const s = connect(d.port, '127.0.0.1')
      s.on('error', () => {})
      s.resume()
      s.on('close', () => closedAt.push(Date.now() - t0))
      return s
    })
    try {
      // the ones over the cap are dropped as they arrive, long before any timeout
      await waitFor(() => closedAt.length >= extra, `${extra} connections over the cap dropped`, IPC_HEADERS_TIMEOUT_MS / 2, 20)
      expect(fdCount(pid)).toBeLessThanOrEqual(before + IPC_MAX_CONNECTIONS + 10)
      // the rest never send a request: closed by the headers timeout
      await waitFor(() => closedAt.length === sockets.length, 'idle connections closed', IPC_HEADERS_TIMEOUT_MS * 3)
    } finally {
      for (const s of sockets) s.destroy()
    }
    expect((await d.client.call('status')).peerId).toBe(d.peerId)
  }, 60_000)
})

describe('IPC refusal log', () => {
  let d: TestDaemon
  beforeAll(async () => { d = await startTestDaemon() }, 60_000)
  afterAll(async () => { await teardown([d]) })

  it('bodies aborted half-way at the unauthenticated /gui-handoff write a bounded number of log lines', async () => {
    const log = join(d.home, 'daemon.log')
    const linesBefore = readFileSync(log, 'utf8').split('\n').length
    const N = 300
    const endings = await pool(N, 20, async () => await new Promise<void>(resolve => {
      const s = connect(d.port, '127.0.0.1', () => {
        s.write(`POST /gui-handoff HTTP/1.1\r\nHost: 127.0.0.1:${d.port}\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{"code":`)
        setTimeout(() => s.destroy(), 20)
      })
      s.on('error', () => {})
      s.on('close', () => resolve())
    }))
    expect(endings).toHaveLength(N)
    await d.client.call('status')
    const failedLines = readFileSync(log, 'utf8').split('\n').slice(linesBefore - 1).filter(l => l.includes('] http handler failed {'))
    expect(failedLines.length).toBeGreaterThan(0)
    expect(failedLines.length).toBeLessThanOrEqual(IPC_REFUSED_LOG_LINES * 2)
  })

  it('a flood of wrong-token requests writes a bounded number of log lines, and counts the rest', async () => {
    const log = join(d.home, 'daemon.log')
    const linesBefore = readFileSync(log, 'utf8').split('\n').length
    const agent = new Agent({ keepAlive: true, maxSockets: 20 })
    const N = 2000
    const t0 = Date.now()
    const statuses = await pool(N, 20, async () => (await post(d.port, '{"jsonrpc":"2.0","id":1,"method":"status"}', { authorization: `Bearer ${'f'.repeat(64)}` }, agent)).status)
    const windows = Math.ceil((Date.now() - t0) / IPC_REFUSED_LOG_WINDOW_MS) + 1
    agent.destroy()
    expect(new Set(statuses)).toEqual(new Set([401]))
    const refusedLines = readFileSync(log, 'utf8').split('\n').slice(linesBefore - 1).filter(l => l.includes('] rpc refused {'))
    expect(refusedLines.length).toBeGreaterThan(0)
    expect(refusedLines.length).toBeLessThanOrEqual(IPC_REFUSED_LOG_LINES * windows)
    // a stop flushes the pending summary: every refusal is accounted for, logged or counted
    await d.stop()
    const text = readFileSync(log, 'utf8').split('\n').slice(linesBefore - 1)
    const logged = text.filter(l => l.includes('] rpc refused {')).length
    const suppressed = text.filter(l => l.includes('more refused IPC requests'))
      .reduce((n, l) => n + Number(/"suppressed":(\d+)/.exec(l)?.[1] ?? 0), 0)
    expect(logged + suppressed).toBe(N)
  }, 120_000)
})
