import { describe, expect, it } from 'vitest'
import { HANDOFF_PATH, TOKEN_STORAGE_KEY, exchangeCode, forgetToken, isValidToken, readHandoff, takeToken } from '../src/token.js'
import type { TokenEnv } from '../src/token.js'

const TOKEN = 'a'.repeat(64)

function env (hash: string, stored?: string): TokenEnv & { replaced: string[], store: Map<string, string> } {
  const store = new Map<string, string>()
  if (stored != null) store.set(TOKEN_STORAGE_KEY, stored)
  const replaced: string[] = []
  return {
    replaced,
    store,
    location: { hash, pathname: '/', search: '?x=1' },
    history: { state: null, replaceState: (_s: unknown, _u: string, url?: string | URL | null) => { replaced.push(String(url)) } },
    storage: {
      getItem: k => store.get(k) ?? null,
      setItem: (k, v) => { store.set(k, v) },
      removeItem: k => { store.delete(k) }
    }
  }
}

describe('token handoff', () => {
  it('takes the token from the fragment, stores it and strips the fragment from the URL', () => {
    const e = env(`#token=${TOKEN}`)
    expect(takeToken(e)).toBe(TOKEN)
    expect(e.store.get(TOKEN_STORAGE_KEY)).toBe(TOKEN)
    expect(e.replaced).toEqual(['/?x=1'])
  })

  it('falls back to the token stored by this tab (a reload) without touching history', () => {
    const e = env('', TOKEN)
    expect(takeToken(e)).toBe(TOKEN)
    expect(e.replaced).toEqual([])
  })

  it('a fresh fragment token replaces the stored one', () => {
    const fresh = 'b'.repeat(64)
    const e = env(`#token=${fresh}`, TOKEN)
    expect(takeToken(e)).toBe(fresh)
    expect(e.store.get(TOKEN_STORAGE_KEY)).toBe(fresh)
  })

  it('strips a malformed or empty token from the URL but does not store it', () => {
    for (const hash of ['#token=', '#token=<script>', '#token=short']) {
      const e = env(hash)
      expect(takeToken(e)).toBeNull()
      expect(e.replaced).toEqual(['/?x=1'])
      expect(e.store.size).toBe(0)
    }
  })

  it('returns null with neither a fragment nor a stored token, and leaves other fragments alone', () => {
    const e = env('#/settings')
    expect(takeToken(e)).toBeNull()
    expect(e.replaced).toEqual([])
  })

  it('forgetToken removes the stored token', () => {
    const e = env('', TOKEN)
    forgetToken(e)
    expect(takeToken(e)).toBeNull()
  })

  it('accepts only characters a WebSocket subprotocol can carry', () => {
    expect(isValidToken(TOKEN)).toBe(true)
    expect(isValidToken('a b'.repeat(10))).toBe(false)
    expect(isValidToken('x'.repeat(257))).toBe(false)
  })
})

describe('one-time code handoff', () => {
  const CODE = 'c'.repeat(32)

  it('reads a code from the fragment, strips it and does not store it as a token', () => {
    const e = env(`#code=${CODE}`)
    expect(readHandoff(e)).toEqual({ kind: 'code', code: CODE })
    expect(e.replaced).toEqual(['/?x=1'])
    expect(e.store.size).toBe(0)
  })

  it('exchanges the code for the token with one POST and stores the token', async () => {
    const e = env('')
    const calls: Array<{ url: string, init: RequestInit | undefined }> = []
    const fetchFn = (async (url: string, init?: RequestInit) => {
      calls.push({ url, init })
      return new Response(JSON.stringify({ token: TOKEN }), { status: 200 })
    }) as unknown as typeof fetch
    expect(await exchangeCode(CODE, e, fetchFn)).toBe(TOKEN)
    expect(calls).toHaveLength(1)
    expect(calls[0]?.url).toBe(HANDOFF_PATH)
    expect(calls[0]?.init?.method).toBe('POST')
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ code: CODE })
    expect(e.store.get(TOKEN_STORAGE_KEY)).toBe(TOKEN)
  })

  it('a spent code, a daemon without the endpoint or a network error give null', async () => {
    for (const fetchFn of [
      async () => new Response('', { status: 410 }),
      async () => new Response('<html>', { status: 200 }),
      async () => { throw new TypeError('network') }
    ]) {
      const e = env('')
      expect(await exchangeCode(CODE, e, fetchFn as unknown as typeof fetch)).toBeNull()
      expect(e.store.size).toBe(0)
    }
  })
})
