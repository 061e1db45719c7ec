import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { checkAll } from '../../src/ipc/guard.js'

const TOKEN = 'a'.repeat(64)
const req = (headers: Record<string, string>): IncomingMessage => ({ headers } as unknown as IncomingMessage)

describe('IPC guard', () => {
  it('accepts loopback Host, own Origin and the token by header or subprotocol', () => {
    expect(checkAll(req({ host: '127.0.0.1:7373', authorization: `Bearer ${TOKEN}` }), 7373, TOKEN).ok).toBe(true)
    expect(checkAll(req({ host: 'localhost:7373', origin: 'http://localhost:7373', authorization: `Bearer ${TOKEN}` }), 7373, TOKEN).ok).toBe(true)
    expect(checkAll(req({ host: '[::1]:7373', 'sec-websocket-protocol': `parley-rpc.v1, parley-token.${TOKEN}` }), 7373, TOKEN).ok).toBe(true)
  })

  it.each([
    [{ host: 'evil.example:7373', authorization: `Bearer ${TOKEN}` }, 403],
    [{ host: '127.0.0.1:7374', authorization: `Bearer ${TOKEN}` }, 403],
    [{ authorization: `Bearer ${TOKEN}` }, 403],
    [{ host: '127.0.0.1:7373', origin: 'http://127.0.0.1:7373.evil.example', authorization: `Bearer ${TOKEN}` }, 403],
    [{ host: '127.0.0.1:7373', origin: 'null', authorization: `Bearer ${TOKEN}` }, 403],
    [{ host: '127.0.0.1:7373' }, 401],
    [{ host: '127.0.0.1:7373', authorization: `Bearer ${TOKEN.slice(1)}` }, 401],
    [{ host: '127.0.0.1:7373', authorization: `Basic ${TOKEN}` }, 401],
    [{ host: '127.0.0.1:7373', 'sec-websocket-protocol': `parley-token.${'b'.repeat(64)}` }, 401]
  ])('refuses %j with %i', (headers, status) => {
    const r = checkAll(req(headers), 7373, TOKEN)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.status).toBe(status)
  })
})
