import { describe, expect, it } from 'vitest'
import { toHex } from '../../src/crypto/bytes.js'
import {
  BadHeaderError, BadStateError, DecryptError, DegenerateKeyError, MAX_SKIP, MAX_STORED_SKIPPED_KEYS, ReplayError,
  SKIPPED_KEY_MAX_AGE_MS, SessionNotReadyError, TooManySkippedError, decodeHeader, encodeHeader, initiateSession,
  ratchetDecrypt, ratchetEncrypt, respondToSession, serializeRatchetState, type EncryptResult, type RatchetState
} from '../../src/crypto/index.js'
import { establishedPair, identity, seededRandom, str, text } from './helpers.js'

function sendMany (state: RatchetState, count: number, prefix: string): { state: RatchetState, msgs: EncryptResult[] } {
  const msgs: EncryptResult[] = []
  for (let i = 0; i < count; i++) {
    const r = ratchetEncrypt(state, text(`${prefix} ${i}`))
    msgs.push(r)
    state = r.state
  }
  return { state, msgs }
}

const at = (msgs: EncryptResult[], i: number): EncryptResult => {
  const m = msgs[i]
  if (m === undefined) throw new Error(`no message ${i}`)
  return m
}

function expectUnchangedOnThrow (state: RatchetState, fn: () => unknown, errorClass: new (...args: never[]) => Error): void {
  const before = serializeRatchetState(state)
  expect(fn).toThrow(errorClass)
  expect(toHex(serializeRatchetState(state))).toBe(toHex(before))
}

describe('Double Ratchet', () => {
  it('carries a conversation in both directions with fresh ratchet keys each turn', () => {
    let { alice, bob, rngA, rngB } = establishedPair()
    const seenKeys = new Set<string>()
    for (let turn = 0; turn < 5; turn++) {
      const a = ratchetEncrypt(alice, text(`a${turn}`))
      alice = a.state
      seenKeys.add(toHex(decodeHeader(a.header).dh))
      const rb = ratchetDecrypt(bob, a.header, a.ciphertext, undefined, { randomBytes: rngB })
      bob = rb.state
      expect(str(rb.plaintext)).toBe(`a${turn}`)
      expect(toHex(rb.exporterSecret)).toBe(toHex(a.exporterSecret))
      const b = ratchetEncrypt(bob, text(`b${turn}`))
      bob = b.state
      seenKeys.add(toHex(decodeHeader(b.header).dh))
      const ra = ratchetDecrypt(alice, b.header, b.ciphertext, undefined, { randomBytes: rngA })
      alice = ra.state
      expect(str(ra.plaintext)).toBe(`b${turn}`)
    }
    expect(seenKeys.size).toBe(10)
  })

  it('never mutates its input state', () => {
    const { alice, bob } = establishedPair()
    const aliceBefore = toHex(serializeRatchetState(alice))
    const bobBefore = toHex(serializeRatchetState(bob))
    const m = ratchetEncrypt(alice, text('x'))
    ratchetDecrypt(bob, m.header, m.ciphertext)
    expect(toHex(serializeRatchetState(alice))).toBe(aliceBefore)
    expect(toHex(serializeRatchetState(bob))).toBe(bobBefore)
  })

  it('clears the pending init once the initiator decrypts a reply', () => {
    let { alice, bob } = establishedPair()
    expect(alice.pendingInit).not.toBeNull()
    const b = ratchetEncrypt(bob, text('hi'))
    alice = ratchetDecrypt(alice, b.header, b.ciphertext).state
    expect(alice.pendingInit).toBeNull()
    bob = b.state
  })

  it('decrypts out-of-order messages within and across chains', () => {
    let { alice, bob } = establishedPair()
    const first = sendMany(alice, 4, 'c1')
    alice = first.state
    // Bob replies so Alice ratchets, then Alice sends a second chain.
    bob = ratchetDecrypt(bob, at(first.msgs, 3).header, at(first.msgs, 3).ciphertext).state
    const reply = ratchetEncrypt(bob, text('reply'))
    bob = reply.state
    alice = ratchetDecrypt(alice, reply.header, reply.ciphertext).state
    const second = sendMany(alice, 3, 'c2')
    // Deliver the new chain first, then the stragglers of the old one, in reverse order.
    for (const i of [2, 0, 1]) {
      const m = at(second.msgs, i)
      const r = ratchetDecrypt(bob, m.header, m.ciphertext)
      bob = r.state
      expect(str(r.plaintext)).toBe(`c2 ${i}`)
    }
    for (const i of [2, 0, 1]) {
      const m = at(first.msgs, i)
      const r = ratchetDecrypt(bob, m.header, m.ciphertext)
      bob = r.state
      expect(str(r.plaintext)).toBe(`c1 ${i}`)
    }
    expect(bob.skipped.length).toBe(0)
  })

  it('survives lost messages: later ones decrypt and the gaps stay as skipped keys', () => {
    let { alice, bob } = establishedPair()
    const sent = sendMany(alice, 10, 'm')
    for (const i of [1, 4, 9]) {
      const m = at(sent.msgs, i)
      const r = ratchetDecrypt(bob, m.header, m.ciphertext)
      bob = r.state
      expect(str(r.plaintext)).toBe(`m ${i}`)
    }
    // "hello" (n = 0) was consumed by acceptSession, so batch message i has n = i + 1.
    expect(bob.skipped.map((k) => k.n)).toEqual([1, 3, 4, 6, 7, 8, 9])
  })

  it('allows exactly MAX_SKIP skipped keys in one chain and rejects one more', () => {
    const { alice, bob } = establishedPair()
    // Alice has already sent n = 0; Bob expects n = 1.
    const far = ratchetEncrypt({ ...alice, send: { key: alice.send?.key ?? new Uint8Array(32), n: 1 + MAX_SKIP + 1 } }, text('too far'))
    expectUnchangedOnThrow(bob, () => ratchetDecrypt(bob, far.header, far.ciphertext), TooManySkippedError)
    const sent = sendMany(alice, MAX_SKIP + 1, 'x')
    const last = at(sent.msgs, MAX_SKIP)
    const r = ratchetDecrypt(bob, last.header, last.ciphertext)
    expect(r.state.skipped.length).toBe(MAX_SKIP)
    expect(str(r.plaintext)).toBe(`x ${MAX_SKIP}`)
  })

  it('applies MAX_SKIP to the previous chain length (PN) at a ratchet step', () => {
    let { alice, bob } = establishedPair()
    const b = ratchetEncrypt(bob, text('b'))
    bob = b.state
    const aliceAdvanced = { ...alice, send: { key: alice.send?.key ?? new Uint8Array(32), n: MAX_SKIP + 5 } }
    alice = ratchetDecrypt(aliceAdvanced, b.header, b.ciphertext).state
    const m = ratchetEncrypt(alice, text('new chain'))
    expect(decodeHeader(m.header).pn).toBe(MAX_SKIP + 5)
    expectUnchangedOnThrow(bob, () => ratchetDecrypt(bob, m.header, m.ciphertext), TooManySkippedError)
  })

  it(`keeps at most MAX_STORED_SKIPPED_KEYS (${MAX_STORED_SKIPPED_KEYS}), evicting the oldest`, () => {
    let { alice, bob } = establishedPair()
    let oldestDh = ''
    for (let round = 0; round * MAX_SKIP <= MAX_STORED_SKIPPED_KEYS; round++) {
      const sent = sendMany(alice, MAX_SKIP + 1, `r${round}`)
      if (round === 0) oldestDh = toHex(decodeHeader(at(sent.msgs, 0).header).dh)
      const last = at(sent.msgs, MAX_SKIP)
      bob = ratchetDecrypt(bob, last.header, last.ciphertext).state
      const reply = ratchetEncrypt(bob, text('ack'))
      bob = reply.state
      alice = ratchetDecrypt(sent.state, reply.header, reply.ciphertext).state
    }
    expect(bob.skipped.length).toBe(MAX_STORED_SKIPPED_KEYS)
    expect(bob.skipped.some((k) => toHex(k.dh) === oldestDh && k.n === 1)).toBe(false)
  })

  it('rejects a tampered header, ciphertext or associated data and keeps the state', () => {
    const { alice, bob } = establishedPair()
    const m = ratchetEncrypt(alice, text('secret'), text('envelope-ad'))
    const cases: Array<[Uint8Array, Uint8Array, Uint8Array]> = []
    // DH key bytes and PN; changing N makes it another message number, covered below.
    for (const i of [0, 31, 35]) {
      const h = m.header.slice()
      h[i] = (h[i] as number) ^ 0x01
      cases.push([h, m.ciphertext, text('envelope-ad')])
    }
    for (const i of [0, m.ciphertext.length - 1]) {
      const c = m.ciphertext.slice()
      c[i] = (c[i] as number) ^ 0x80
      cases.push([m.header, c, text('envelope-ad')])
    }
    cases.push([m.header, m.ciphertext, text('envelope-ae')])
    cases.push([m.header, m.ciphertext, new Uint8Array(0)])
    for (const [h, c, ad] of cases) {
      expectUnchangedOnThrow(bob, () => {
        try {
          ratchetDecrypt(bob, h, c, ad)
        } catch (err) {
          // A flipped DH key bit can also land on a low-order point; both are rejections.
          if (err instanceof DegenerateKeyError) throw new DecryptError('degenerate')
          throw err
        }
      }, DecryptError)
    }
    const h = decodeHeader(m.header)
    const renumbered = encodeHeader({ ...h, n: h.n + 1 })
    expectUnchangedOnThrow(bob, () => ratchetDecrypt(bob, renumbered, m.ciphertext, text('envelope-ad')), DecryptError)
    expect(str(ratchetDecrypt(bob, m.header, m.ciphertext, text('envelope-ad')).plaintext)).toBe('secret')
  })

  it('rejects truncated envelopes with typed errors', () => {
    const { alice, bob } = establishedPair()
    const m = ratchetEncrypt(alice, text('a message long enough'))
    expectUnchangedOnThrow(bob, () => ratchetDecrypt(bob, m.header.subarray(0, 39), m.ciphertext), BadHeaderError)
    for (const len of [0, 15, 16, m.ciphertext.length - 1]) {
      expectUnchangedOnThrow(bob, () => ratchetDecrypt(bob, m.header, m.ciphertext.subarray(0, len)), DecryptError)
    }
  })

  it('rejects replays in the current chain, of skipped keys already used, and from retired chains', () => {
    let { alice, bob } = establishedPair()
    const sent = sendMany(alice, 3, 'r')
    alice = sent.state
    const m0 = at(sent.msgs, 0)
    const m2 = at(sent.msgs, 2)
    bob = ratchetDecrypt(bob, m2.header, m2.ciphertext).state
    expectUnchangedOnThrow(bob, () => ratchetDecrypt(bob, m2.header, m2.ciphertext), ReplayError)
    bob = ratchetDecrypt(bob, m0.header, m0.ciphertext).state
    expectUnchangedOnThrow(bob, () => ratchetDecrypt(bob, m0.header, m0.ciphertext), ReplayError)
    // Move both sides on by two ratchet steps; the old chain is retired.
    const reply = ratchetEncrypt(bob, text('reply'))
    bob = reply.state
    alice = ratchetDecrypt(alice, reply.header, reply.ciphertext).state
    const next = ratchetEncrypt(alice, text('next'))
    bob = ratchetDecrypt(bob, next.header, next.ciphertext).state
    expectUnchangedOnThrow(bob, () => ratchetDecrypt(bob, m2.header, m2.ciphertext), ReplayError)
    // m1 was skipped, is still stored and decrypts once.
    const m1 = at(sent.msgs, 1)
    bob = ratchetDecrypt(bob, m1.header, m1.ciphertext).state
    expectUnchangedOnThrow(bob, () => ratchetDecrypt(bob, m1.header, m1.ciphertext), ReplayError)
  })

  it('handles both sides sending at once', () => {
    let { alice, bob } = establishedPair()
    const b0 = ratchetEncrypt(bob, text('b0'))
    bob = b0.state
    alice = ratchetDecrypt(alice, b0.header, b0.ciphertext).state
    // Now both send concurrently, several messages each, before seeing the other's.
    const fromA = sendMany(alice, 3, 'A')
    const fromB = sendMany(bob, 3, 'B')
    alice = fromA.state
    bob = fromB.state
    for (let i = 0; i < 3; i++) {
      const ra = ratchetDecrypt(alice, at(fromB.msgs, i).header, at(fromB.msgs, i).ciphertext)
      alice = ra.state
      expect(str(ra.plaintext)).toBe(`B ${i}`)
      const rb = ratchetDecrypt(bob, at(fromA.msgs, i).header, at(fromA.msgs, i).ciphertext)
      bob = rb.state
      expect(str(rb.plaintext)).toBe(`A ${i}`)
    }
    const a = ratchetEncrypt(alice, text('after'))
    expect(str(ratchetDecrypt(bob, a.header, a.ciphertext).plaintext)).toBe('after')
  })

  it('rejects a header with a degenerate ratchet key before touching the state', () => {
    const { alice, bob } = establishedPair()
    const m = ratchetEncrypt(alice, text('x'))
    const h = decodeHeader(m.header)
    const bad = encodeHeader({ ...h, dh: new Uint8Array(32) })
    expectUnchangedOnThrow(bob, () => ratchetDecrypt(bob, bad, m.ciphertext), DegenerateKeyError)
  })

  it('an initiator rejects a forged message on the responder\'s initial ratchet key', () => {
    const a = identity('alice')
    const b = identity('bob')
    const started = initiateSession({ identity: a, remoteIdentity: b.publicKey, randomBytes: seededRandom('forge') })
    const forgedHeader = encodeHeader({ dh: b.x25519.publicKey, pn: 0, n: 0 })
    expectUnchangedOnThrow(started.state, () => ratchetDecrypt(started.state, forgedHeader, new Uint8Array(40)), DecryptError)
  })

  it('a responder cannot send before it has decrypted the first message', () => {
    const a = identity('alice')
    const b = identity('bob')
    const started = initiateSession({ identity: a, remoteIdentity: b.publicKey, randomBytes: seededRandom('nr') })
    const responded = respondToSession({ identity: b, init: started.init })
    expect(() => ratchetEncrypt(responded.state, text('x'))).toThrow(SessionNotReadyError)
  })

  it('expires skipped keys after SKIPPED_KEY_MAX_AGE_MS using the injected clock', () => {
    let { alice, bob } = establishedPair()
    const sent = sendMany(alice, 3, 'e')
    alice = sent.state
    bob = ratchetDecrypt(bob, at(sent.msgs, 2).header, at(sent.msgs, 2).ciphertext, undefined, { now: () => 1000 }).state
    expect(bob.skipped.length).toBe(2)
    const m0 = at(sent.msgs, 0)
    const stillValid = ratchetDecrypt(bob, m0.header, m0.ciphertext, undefined, { now: () => 1000 + SKIPPED_KEY_MAX_AGE_MS })
    expect(str(stillValid.plaintext)).toBe('e 0')
    expect(() => ratchetDecrypt(bob, m0.header, m0.ciphertext, undefined, { now: () => 1001 + SKIPPED_KEY_MAX_AGE_MS })).toThrow(ReplayError)
  })

  it('rejects a malformed state with BadStateError', () => {
    const { alice } = establishedPair()
    expect(() => ratchetEncrypt({ ...alice, rootKey: new Uint8Array(3) }, text('x'))).toThrow(BadStateError)
    expect(() => ratchetEncrypt({ ...alice, version: 2 } as unknown as RatchetState, text('x'))).toThrow(BadStateError)
    expect(() => ratchetEncrypt(null as unknown as RatchetState, text('x'))).toThrow(BadStateError)
  })
})
