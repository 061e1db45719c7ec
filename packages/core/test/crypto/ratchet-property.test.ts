import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toHex } from '../../src/crypto/bytes.js'
import {
  ReplayError, deserializeRatchetState, ratchetDecrypt, ratchetEncrypt, serializeRatchetState, type RatchetState
} from '../../src/crypto/index.js'
import { establishedPair, str, text } from './helpers.js'

type Action =
  | { kind: 'send', from: 0 | 1 }
  | { kind: 'deliver', to: 0 | 1, pick: number }
  | { kind: 'replay', to: 0 | 1, pick: number }
  | { kind: 'persist', who: 0 | 1 }

const side = fc.constantFrom<0 | 1>(0, 1)
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('send' as const), from: side }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('deliver' as const), to: side, pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('replay' as const), to: side, pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('persist' as const), who: side }) }
)

interface InFlight { header: Uint8Array, ciphertext: Uint8Array, ad: Uint8Array, body: string }

describe('Double Ratchet property', () => {
  it('every message of any interleaving of sends and out-of-order receives decrypts exactly once', () => {
    fc.assert(fc.property(fc.array(action, { maxLength: 120 }), fc.nat(), (actions, seed) => {
      const pair = establishedPair(`prop ${seed}`)
      const states: [RatchetState, RatchetState] = [pair.alice, pair.bob]
      const rng = [pair.rngA, pair.rngB] as const
      // inbox[i] holds messages travelling to side i; delivered[i] those already decrypted by i.
      const inbox: [InFlight[], InFlight[]] = [[], []]
      const delivered: [InFlight[], InFlight[]] = [[], []]
      let counter = 0
      const receive = (to: 0 | 1, msg: InFlight): void => {
        const r = ratchetDecrypt(states[to], msg.header, msg.ciphertext, msg.ad, { randomBytes: rng[to], now: () => 0 })
        expect(str(r.plaintext)).toBe(msg.body)
        states[to] = r.state
        delivered[to].push(msg)
      }
      for (const a of actions) {
        if (a.kind === 'send') {
          const body = `m${counter++} from ${a.from}`
          const ad = text(`ad ${counter}`)
          const r = ratchetEncrypt(states[a.from], text(body), ad)
          states[a.from] = r.state
          inbox[a.from === 0 ? 1 : 0].push({ header: r.header, ciphertext: r.ciphertext, ad, body })
        } else if (a.kind === 'deliver') {
          const box = inbox[a.to]
          if (box.length === 0) continue
          const [msg] = box.splice(a.pick % box.length, 1)
          if (msg !== undefined) receive(a.to, msg)
        } else if (a.kind === 'replay') {
          const done = delivered[a.to]
          const msg = done[a.pick % Math.max(1, done.length)]
          if (msg === undefined) continue
          const before = toHex(serializeRatchetState(states[a.to]))
          expect(() => ratchetDecrypt(states[a.to], msg.header, msg.ciphertext, msg.ad, { now: () => 0 })).toThrow(ReplayError)
          expect(toHex(serializeRatchetState(states[a.to]))).toBe(before)
        } else {
          states[a.who] = deserializeRatchetState(serializeRatchetState(states[a.who]))
        }
      }
      // Flush: everything still in flight arrives, newest first (worst order).
      for (const to of [0, 1] as const) {
        for (const msg of inbox[to].reverse()) receive(to, msg)
      }
      expect(states[0].skipped.length + states[1].skipped.length).toBe(0)
    }), { numRuns: 150 })
  })
})
