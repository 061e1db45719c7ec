// The IPC API's guards and error handling against a real daemon process.
import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { ParleyClient, RpcError } from '@parley/core/ipc'
import type { WebSocketConstructor } from '@parley/core/ipc'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestDaemon, teardown, waitFor } from './helpers/daemons.js'
import type { TestDaemon } from './helpers/daemons.js'

interface RawResponse { status: number, body: string }

async function post (port: number, body: string, headers: Record<string, string> = {}, path = '/rpc'): Promise<RawResponse> {
  return await new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, res => {
      let data = ''
      res.on('data', (d: Buffer) => { data += d.toString() })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

async function wsOpens (url: string, protocols: string[], headers: Record<string, string> = {}): Promise<number | 'open'> {
  return await new Promise(resolve => {
    const ws = new WebSocket(url, protocols, { headers })
    ws.on('open', () => { ws.close(); resolve('open') })
    ws.on('unexpected-response', (_req, res) => { resolve(res.statusCode ?? 0); ws.terminate() })
    ws.on('error', () => resolve(0))
  })
}

describe('IPC server', () => {
  let d: TestDaemon
  let auth: Record<string, string>
  const status = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'status' })
  beforeAll(async () => {
    d = await startTestDaemon()
    auth = { authorization: `Bearer ${d.token}` }
  }, 60_000)
  afterAll(async () => { await teardown([d]) })

  it('answers a valid request', async () => {
    const r = await post(d.port, status, auth)
    expect(r.status).toBe(200)
    expect(JSON.parse(r.body).result.peerId).toBe(d.peerId)
  })

  it('401 without a token and with a wrong token', async () => {
    expect((await post(d.port, status)).status).toBe(401)
    expect((await post(d.port, status, { authorization: 'Bearer ' + 'f'.repeat(64) })).status).toBe(401)
    expect((await post(d.port, status, { authorization: d.token })).status).toBe(401)
    const bad = new ParleyClient({ url: `http://127.0.0.1:${d.port}`, token: 'nope' })
    await expect(bad.call('status')).rejects.toMatchObject({ code: 'IPC_UNAUTHORIZED' })
  })

  it('refuses a foreign Origin and a non-loopback Host, over HTTP and WebSocket', async () => {
    expect((await post(d.port, status, { ...auth, origin: 'https://evil.example' })).status).toBe(403)
    expect((await post(d.port, status, { ...auth, origin: `http://127.0.0.1:${d.port}` })).status).toBe(200)
    expect((await post(d.port, status, { ...auth, host: `rebind.example:${d.port}` })).status).toBe(403)
    expect((await post(d.port, status, { ...auth, host: `127.0.0.1:${d.port + 1}` })).status).toBe(403)
    const url = `ws://127.0.0.1:${d.port}/rpc`
    const protocols = ['parley-rpc.v1', `parley-token.${d.token}`]
    expect(await wsOpens(url, protocols)).toBe('open')
    expect(await wsOpens(url, protocols, { origin: 'https://evil.example' })).toBe(403)
    expect(await wsOpens(url, protocols, { host: 'evil.example' })).toBe(403)
    expect(await wsOpens(url, ['parley-rpc.v1'])).toBe(401)
    expect(await wsOpens(url, ['parley-rpc.v1', 'parley-token.wrong'])).toBe(401)
    // the static GUI page is public but still pinned to our Host
    const page = await fetch(`http://127.0.0.1:${d.port}/`)
    expect(page.status).toBe(200)
  })

  it('malformed JSON, invalid requests, unknown methods and bad params get JSON-RPC errors; the daemon keeps serving', async () => {
    const cases: Array<[string, number]> = [
      ['{not json', -32700],
      ['42', -32600],
      [JSON.stringify({ jsonrpc: '1.0', id: 1, method: 'status' }), -32600],
      [JSON.stringify({ jsonrpc: '2.0', id: { x: 1 }, method: 'status' }), -32600],
      [JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'no.such.method' }), -32601],
      [JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'peer.dial', params: { peerId: 42 } }), -32602],
      [JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'peer.dial', params: { peerId: 'x', extra: true } }), -32602],
      [JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'status', params: [1, 2] }), -32602]
    ]
    for (const [body, code] of cases) {
      const r = await post(d.port, body, auth)
      expect(r.status, body).toBe(200)
      expect(JSON.parse(r.body).error.code, body).toBe(code)
    }
    const big = await post(d.port, JSON.stringify({ jsonrpc: '2.0', id: 6, method: 'status', params: { pad: 'x'.repeat(2 * 1024 * 1024) } }), auth).catch(() => ({ status: 413, body: '' }))
    expect(big.status).toBe(413)
    const batch = await post(d.port, JSON.stringify([{ jsonrpc: '2.0', id: 7, method: 'status' }, { jsonrpc: '2.0', id: 8, method: 'nope' }]), auth)
    const answers = JSON.parse(batch.body) as Array<{ id: number, result?: unknown, error?: { code: number } }>
    expect(answers.find(a => a.id === 7)?.result).toBeDefined()
    expect(answers.find(a => a.id === 8)?.error?.code).toBe(-32601)
    const typed = await d.client.call('peer.dial', { peerId: 'Qm!!' }).catch((e: unknown) => e)
    expect(typed).toBeInstanceOf(RpcError)
    expect((typed as RpcError).code).toBe('INVALID_PARAMS')
    expect((await d.client.call('status')).peerId).toBe(d.peerId)
  })

  it('WebSocket clients get calls answered and peer notifications pushed', async () => {
    const ws = new ParleyClient({ url: `http://127.0.0.1:${d.port}`, token: d.token, WebSocket: WebSocket as unknown as WebSocketConstructor })
    await ws.connect()
    const events: string[] = []
    ws.on('peer.connected', p => { events.push(`+${p.peerId}`) })
    ws.on('peer.disconnected', p => { events.push(`-${p.peerId}`) })
    expect((await ws.call('status')).peerId).toBe(d.peerId)
    const other = await startTestDaemon({ args: ['--bootstrap', d.addr] })
    await waitFor(() => events.includes(`+${other.peerId}`) || undefined, 'peer.connected notification', 15_000)
    await teardown([other])
    await waitFor(() => events.includes(`-${other.peerId}`) || undefined, 'peer.disconnected notification', 30_000)
    expect((await ws.call('status')).connections.some(c => c.peerId === other.peerId)).toBe(false)
    ws.close()

    // garbage on a WebSocket gets a parse-error answer and the socket stays usable
    const raw = new WebSocket(`ws://127.0.0.1:${d.port}/rpc`, ['parley-rpc.v1', `parley-token.${d.token}`])
    const answers: Array<{ id: unknown, error?: { code: number }, result?: { peerId: string } }> = []
    raw.on('message', m => { answers.push(JSON.parse(m.toString())) })
    await new Promise(resolve => raw.once('open', resolve))
    expect(raw.protocol).toBe('parley-rpc.v1')
    raw.send('{garbage')
    raw.send(JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'status' }))
    await waitFor(() => answers.length >= 2 || undefined, 'two answers')
    expect(answers.find(a => a.id === null)?.error?.code).toBe(-32700)
    expect(answers.find(a => a.id === 9)?.result?.peerId).toBe(d.peerId)
    raw.close()
  })

  it('trades a one-time GUI code for the token once, only from a loopback page', async () => {
    const redeem = async (code: string, headers: Record<string, string> = {}): Promise<RawResponse> => await post(d.port, JSON.stringify({ code }), headers, '/gui-handoff')
    const first = await d.client.call('gui.handoffCode')
    expect(first.url).toBe(`http://127.0.0.1:${d.port}/#code=${first.code}`)
    expect(first.code).not.toContain(d.token)
    const ok = await redeem(first.code, { origin: `http://127.0.0.1:${d.port}` })
    expect(ok.status).toBe(200)
    expect(JSON.parse(ok.body)).toEqual({ token: d.token })
    expect((await redeem(first.code)).status).toBe(410) // spent
    const second = await d.client.call('gui.handoffCode')
    expect((await redeem(second.code, { origin: 'https://evil.example' })).status).toBe(403)
    expect((await redeem(second.code, { host: 'evil.example' })).status).toBe(403)
    expect((await redeem('made-up-code-0000000')).status).toBe(410)
    expect((await post(d.port, '{not json', {}, '/gui-handoff')).status).toBe(400)
    // refused attempts did not spend it
    expect((await redeem(second.code)).status).toBe(200)
  })

  it('config.get and config.set change the unknown-caller policy and keep it in config.json', async () => {
    expect(await d.client.call('config.get')).toMatchObject({ unknownCallers: 'ring', autoAnswer: false })
    const set = await d.client.call('config.set', { unknownCallers: 'reject' })
    expect(set.unknownCallers).toBe('reject')
    expect(JSON.parse(readFileSync(join(d.home, 'config.json'), 'utf8'))).toMatchObject({ unknownCallers: 'reject' })
    expect((await d.client.call('config.get')).unknownCallers).toBe('reject')
    await expect(d.client.call('config.set', { unknownCallers: 'maybe' as 'ring' })).rejects.toMatchObject({ code: 'INVALID_PARAMS' })
    await d.client.call('config.set', { unknownCallers: 'ring' })
  })
})
