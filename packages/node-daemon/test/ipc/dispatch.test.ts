import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { MAX_RPC_BATCH_REQUESTS } from '@parley/core/ipc'
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

  it(`answers a batch of up to ${MAX_RPC_BATCH_REQUESTS} and refuses a larger one whole, running none of it`, async () => {
    let runs = 0
    const counting = { ...handlers, status: async () => { runs++; return { peerId: 'me' } } } as unknown as Handlers
    const batch = (n: number): string => JSON.stringify(Array.from({ length: n }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'status' })))
    const ok = await dispatch(counting, batch(MAX_RPC_BATCH_REQUESTS), silentLogger) as any[]
    expect(ok).toHaveLength(MAX_RPC_BATCH_REQUESTS)
    expect(runs).toBe(MAX_RPC_BATCH_REQUESTS)
    const big = await dispatch(counting, batch(MAX_RPC_BATCH_REQUESTS + 1), silentLogger) as any
    expect(Array.isArray(big)).toBe(false)
    expect(big.id).toBeNull()
    expect(big.error.code).toBe(-32600)
    expect(big.error.message).toBe(`batch of ${MAX_RPC_BATCH_REQUESTS + 1} requests; at most ${MAX_RPC_BATCH_REQUESTS} per batch`)
    expect(big.error.data).toEqual({ code: 'BATCH_TOO_LARGE', max: MAX_RPC_BATCH_REQUESTS })
    expect(runs).toBe(MAX_RPC_BATCH_REQUESTS)
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
