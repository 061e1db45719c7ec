import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { dispatch } from '../../src/ipc/dispatch.js'
import type { Handlers } from '../../src/ipc/dispatch.js'
import { DialTimeoutError } from '../../src/errors.js'
import { silentLogger } from '../../src/logger.js'

const PEER = '12D3KooWNVZHrH9SHG1e4qhBRYqBP2gwEt2py1ym7dqYtbBpraVc'
const handlers = {
  status: async () => ({ peerId: 'me' }),
  'peer.dial': async () => { throw new DialTimeoutError(PEER, 'lookup', 1000) },
  'peer.find': async () => { throw new Error('boom') },
  'peer.hangup': async () => ({ closed: true }),
  'daemon.stop': async () => ({ stopping: true })
} as unknown as Handlers

const call = async (raw: string): Promise<any> => await dispatch(handlers, raw, silentLogger)

describe('dispatch', () => {
  it('answers with result and the request id', async () => {
    expect(await call('{"jsonrpc":"2.0","id":"a","method":"status"}')).toEqual({ jsonrpc: '2.0', id: 'a', result: { peerId: 'me' } })
  })

  it('typed errors become application errors carrying the stable code', async () => {
    const r = await call(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'peer.dial', params: { peerId: PEER } }))
    expect(r.error.code).toBe(-32000)
    expect(r.error.data).toMatchObject({ code: 'DIAL_TIMEOUT', step: 'lookup', timeoutMs: 1000 })
  })

  it('unexpected exceptions become internal errors, not crashes', async () => {
    const r = await call(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'peer.find', params: { peerId: PEER } }))
    expect(r.error.code).toBe(-32603)
    expect(r.error.data.code).toBe('INTERNAL')
  })

  it('notifications (no id) get no answer, even when they fail', async () => {
    expect(await call('{"jsonrpc":"2.0","method":"status"}')).toBeUndefined()
    expect(await call('{"jsonrpc":"2.0","method":"nope"}')).toBeUndefined()
  })

  it('params are validated against the shared schema', async () => {
    const r = await call(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'peer.dial', params: { peerId: PEER, timeoutMs: -1 } }))
    expect(r.error.code).toBe(-32602)
    expect(r.error.message).toContain('params.timeoutMs')
  })

  it('never throws on arbitrary input and always returns a well-formed answer or nothing', async () => {
    await fc.assert(fc.asyncProperty(
      fc.oneof(fc.string(), fc.json(), fc.jsonValue().map(v => JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'peer.dial', params: v }))),
      async (raw) => {
        const r = await call(raw)
        if (r === undefined) return
        for (const one of Array.isArray(r) ? r : [r]) {
          expect(one.jsonrpc).toBe('2.0')
          expect('result' in one || 'error' in one).toBe(true)
        }
      }
    ), { numRuns: 300 })
  })
})
