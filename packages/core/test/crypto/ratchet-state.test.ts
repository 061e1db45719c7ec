import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toHex } from '../../src/crypto/bytes.js'
import {
  BadStateError, deserializeRatchetState, ratchetDecrypt, ratchetEncrypt, serializeRatchetState, type RatchetState
} from '../../src/crypto/index.js'
import { establishedPair, str, text } from './helpers.js'

const clock = { now: () => 1234.5 }

function busyState (): { bob: RatchetState, alice: RatchetState } {
  let { alice, bob } = establishedPair('state')
  const msgs = []
  for (let i = 0; i < 5; i++) {
    const m = ratchetEncrypt(alice, text(`m${i}`))
    alice = m.state
    msgs.push(m)
  }
  const last = msgs[4]
  if (last === undefined) throw new Error('unreachable')
  bob = ratchetDecrypt(bob, last.header, last.ciphertext, undefined, clock).state
  const reply = ratchetEncrypt(bob, text('r'))
  bob = reply.state
  alice = ratchetDecrypt(alice, reply.header, reply.ciphertext, undefined, clock).state
  const next = ratchetEncrypt(alice, text('n'))
  bob = ratchetDecrypt(bob, next.header, next.ciphertext, undefined, clock).state
  return { alice: next.state, bob }
}

describe('ratchet state serialization', () => {
  it('round-trips a state with skipped keys, retired keys and both chains', () => {
    const { alice, bob } = busyState()
    expect(bob.skipped.length).toBe(4)
    expect(bob.retiredRemoteKeys.length).toBe(1)
    const bytes = serializeRatchetState(bob)
    expect(bytes[0]).toBe(1)
    const back = deserializeRatchetState(bytes)
    expect(back).toEqual(bob)
    expect(toHex(serializeRatchetState(back))).toBe(toHex(bytes))
    // The restored state keeps working.
    const m = ratchetEncrypt(back, text('after restore'))
    expect(str(ratchetDecrypt(alice, m.header, m.ciphertext).plaintext)).toBe('after restore')
    expect(deserializeRatchetState(serializeRatchetState(alice))).toEqual(alice)
  })

  it('rejects unknown versions, truncation and trailing bytes', () => {
    const bytes = serializeRatchetState(busyState().bob)
    const v2 = bytes.slice(); v2[0] = 2
    expect(() => deserializeRatchetState(v2)).toThrow(BadStateError)
    for (const len of [0, 1, 100, bytes.length - 1]) expect(() => deserializeRatchetState(bytes.subarray(0, len))).toThrow(BadStateError)
    expect(() => deserializeRatchetState(new Uint8Array([...bytes, 0]))).toThrow(BadStateError)
  })

  it('throws only BadStateError on corrupted input', () => {
    const bytes = serializeRatchetState(busyState().bob)
    fc.assert(fc.property(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), (pos, xor) => {
      const corrupted = bytes.slice()
      corrupted[pos] = (corrupted[pos] as number) ^ xor
      try {
        deserializeRatchetState(corrupted)
      } catch (err) {
        expect(err).toBeInstanceOf(BadStateError)
      }
    }), { numRuns: 1000 })
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (random) => {
      try {
        deserializeRatchetState(random)
      } catch (err) {
        expect(err).toBeInstanceOf(BadStateError)
      }
    }), { numRuns: 1000 })
  })
})
