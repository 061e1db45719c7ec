// The decoder faces bytes from any peer that completed a DM session with us: whatever arrives, it
// must return a signal that passes its own rules or throw MalformedSignalError — nothing else.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MalformedSignalError, decodeCallSignal, encodeCallSignal } from '../../src/call/index.js'
import { signalArb } from './signal-helpers.js'

function decodesOrThrowsTyped (bytes: Uint8Array): void {
  let decoded
  try {
    decoded = decodeCallSignal(bytes)
  } catch (err) {
    expect(err, String(err)).toBeInstanceOf(MalformedSignalError)
    return
  }
  // Whatever decodes must re-encode (the encoder enforces the same rules) and decode to itself.
  expect(decodeCallSignal(encodeCallSignal(decoded))).toEqual(decoded)
}

/** Valid encodings with bytes overwritten and the tail cut: reaches deeper into the parser than noise. */
const mutated = fc.tuple(signalArb, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), fc.nat())
  .map(([s, flips, cut]) => {
    const base = encodeCallSignal(s)
    const out = base.slice(0, 1 + (cut % base.length))
    for (const [at, value] of flips) out[at % out.length] = value
    return out
  })

describe('decodeCallSignal fuzzing', () => {
  it('random bytes: decodes or throws MalformedSignalError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), decodesOrThrowsTyped), { numRuns: 5000 })
  })

  it('mutated valid signals: decodes or throws MalformedSignalError', () => {
    fc.assert(fc.property(mutated, decodesOrThrowsTyped), { numRuns: 5000 })
  })
})
