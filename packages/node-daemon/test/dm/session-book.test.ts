import { ed25519 } from '@noble/curves/ed25519.js'
import { BadStateError, DecryptError, identityFromEd25519SecretKey, ReplayError } from '@parley/core'
import type { IdentityKeyPair } from '@parley/core'
import { describe, expect, it } from 'vitest'
import { decodeBook, encodeBook, open, seal } from '../../src/dm/session-book.js'
import type { SessionBook } from '../../src/dm/session-book.js'

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)
const text = (b: Uint8Array): string => new TextDecoder().decode(b)

function party (): { id: IdentityKeyPair, book: SessionBook, inits: Set<string> } {
  return { id: identityFromEd25519SecretKey(ed25519.utils.randomSecretKey()), book: { active: null, previous: null }, inits: new Set() }
}

function send (from: ReturnType<typeof party>, to: ReturnType<typeof party>, msg: string): { sessionInit: Uint8Array | undefined, header: Uint8Array, ciphertext: Uint8Array } {
  const s = seal(from.book, from.id, to.id.publicKey, utf8(msg))
  from.book = s.book
  if (s.newInitId != null) from.inits.add(s.newInitId)
  return { sessionInit: s.sessionInit, header: s.header, ciphertext: s.ciphertext }
}

function recv (at: ReturnType<typeof party>, from: ReturnType<typeof party>, env: ReturnType<typeof send>): string {
  const o = open(at.book, at.id, from.id.publicKey, env, id => at.inits.has(id))
  at.book = o.book
  if (o.acceptedInitId != null) at.inits.add(o.acceptedInitId)
  return text(o.plaintext)
}

describe('session book', () => {
  it('round-trips through its binary form, and rejects damaged blobs', () => {
    const a = party(); const b = party()
    recv(b, a, send(a, b, 'hi'))
    const bytes = encodeBook(b.book)
    const back = decodeBook(bytes)
    expect(encodeBook(back)).toEqual(bytes)
    expect(() => decodeBook(bytes.subarray(0, bytes.length - 1))).toThrowError(BadStateError)
    expect(() => decodeBook(new Uint8Array([9, 0, 0, 0, 0, 0, 0, 0, 0]))).toThrowError(BadStateError)
    expect(decodeBook(encodeBook({ active: null, previous: null }))).toEqual({ active: null, previous: null })
  })

  it('carries the session-init until the first reply, then stops', () => {
    const a = party(); const b = party()
    const m1 = send(a, b, 'one')
    const m2 = send(a, b, 'two')
    expect(m1.sessionInit).toBeDefined()
    expect(m2.sessionInit).toEqual(m1.sessionInit)
    expect(recv(b, a, m2)).toBe('two')
    expect(recv(b, a, m1)).toBe('one')
    expect(recv(a, b, send(b, a, 'back'))).toBe('back')
    expect(send(a, b, 'three').sessionInit).toBeUndefined()
  })

  it('refuses a replayed session-init whose session is gone', () => {
    const a = party(); const b = party()
    const m1 = send(a, b, 'one')
    recv(b, a, m1)
    b.book = { active: null, previous: null }
    expect(() => recv(b, a, m1)).toThrowError(ReplayError)
  })

  it('glare: both start at once, both converge on one session and nothing is lost', () => {
    const a = party(); const b = party()
    const fromA = send(a, b, 'a1')
    const fromB = send(b, a, 'b1')
    expect(recv(b, a, fromA)).toBe('a1')
    expect(recv(a, b, fromB)).toBe('b1')
    expect(a.book.active?.initId).toEqual(b.book.active?.initId)
    for (let i = 0; i < 3; i++) {
      expect(recv(b, a, send(a, b, `a${i + 2}`))).toBe(`a${i + 2}`)
      expect(recv(a, b, send(b, a, `b${i + 2}`))).toBe(`b${i + 2}`)
    }
  })

  it('a peer that lost its state starts over; the old session is kept for in-flight messages', () => {
    const a = party(); const b = party()
    recv(b, a, send(a, b, 'x'))
    recv(a, b, send(b, a, 'y'))
    const inFlight = send(b, a, 'late')
    a.book = { active: null, previous: null }
    a.inits.clear()
    expect(recv(b, a, send(a, b, 'fresh'))).toBe('fresh')
    expect(b.book.previous).not.toBeNull()
    expect(recv(a, b, send(b, a, 'reply'))).toBe('reply')
    expect(() => recv(a, b, inFlight)).toThrowError(DecryptError)
  })

  it('a tampered envelope fails and leaves the book unchanged', () => {
    const a = party(); const b = party()
    const m = send(a, b, 'secret')
    const before = encodeBook(b.book)
    const bad = { ...m, ciphertext: m.ciphertext.slice() }
    bad.ciphertext[0] = (bad.ciphertext[0] ?? 0) ^ 1
    expect(() => recv(b, a, bad)).toThrow()
    expect(encodeBook(b.book)).toEqual(before)
  })
})
