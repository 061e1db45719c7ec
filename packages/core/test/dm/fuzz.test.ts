// Decoders face bytes from arbitrary peers: whatever arrives, they must either return a value
// that passes their own rules or throw their one typed error — never a RangeError or a protons error.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  decodeAck, decodeEnvelope, decodePayload, encodeAck, encodeEnvelope, encodePayload, DmWireError, MalformedAckError,
  MalformedEnvelopeError, MalformedPayloadError, OversizedEnvelopeError, UnsupportedVersionError
} from '../../src/dm/index.js'

function expectOnly (decode: () => unknown, allowed: Array<abstract new (...args: never[]) => Error>): void {
  try {
    decode()
  } catch (err) {
    expect(err).toBeInstanceOf(DmWireError)
    expect(allowed.some(E => err instanceof E), String(err)).toBe(true)
  }
}

const envelopeErrors = [MalformedEnvelopeError, OversizedEnvelopeError, UnsupportedVersionError]

/** Random bytes plus mutations of valid encodings (which reach deeper into the parsers). */
function inputs (valid: Uint8Array[]): fc.Arbitrary<Uint8Array> {
  const mutated = fc.tuple(fc.constantFrom(...valid), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }), fc.nat())
    .map(([base, flips, cut]) => {
      const out = base.slice(0, base.length === 0 ? 0 : 1 + (cut % base.length))
      for (const [at, value] of flips) if (out.length > 0) out[at % out.length] = value
      return out
    })
  return fc.oneof(fc.uint8Array({ maxLength: 400 }), mutated)
}

const runs = { numRuns: 3000 }

describe('decoder fuzzing', () => {
  it('decodeEnvelope throws only envelope errors', () => {
    const valid = [
      encodeEnvelope({ header: new Uint8Array(40).fill(1), ciphertext: new Uint8Array(20).fill(2) }),
      encodeEnvelope({ header: new Uint8Array(40).fill(1), ciphertext: new Uint8Array(16), sessionInit: new Uint8Array(98).fill(3) })
    ]
    fc.assert(fc.property(inputs(valid), b => expectOnly(() => decodeEnvelope(b), envelopeErrors)), runs)
  })

  it('decodePayload throws only MalformedPayloadError', () => {
    const valid = [
      encodePayload({ id: 'abc', sentAtMs: 1_700_000_000_000, body: { kind: 'text', body: 'hello', replyTo: 'zz' } }),
      encodePayload({ id: 'abc', sentAtMs: 5, body: { kind: 'read', ids: ['a', 'bb', 'ccc'] } }),
      encodePayload({ id: 'abc', sentAtMs: 5, body: { kind: 'typing', active: true } }),
      encodePayload({ id: 'abc', sentAtMs: 5, body: { kind: 'call', signal: new Uint8Array([1, 2, 3]) } })
    ]
    fc.assert(fc.property(inputs(valid), b => expectOnly(() => decodePayload(b), [MalformedPayloadError])), runs)
  })

  it('decodeAck throws only MalformedAckError', () => {
    const valid = [encodeAck({ seq: 300, status: 'REJECTED', reason: 'blocked' }), encodeAck({ seq: 1, status: 'OK', reason: '' })]
    fc.assert(fc.property(inputs(valid), b => expectOnly(() => decodeAck(b), [MalformedAckError])), runs)
  })

  it('never lets a non-Uint8Array through', () => {
    for (const bad of [null, undefined, 'str', [1, 2], {}] as unknown[]) {
      expect(() => decodeEnvelope(bad as Uint8Array)).toThrow(MalformedEnvelopeError)
      expect(() => decodePayload(bad as Uint8Array)).toThrow(MalformedPayloadError)
      expect(() => decodeAck(bad as Uint8Array)).toThrow(MalformedAckError)
    }
  })
})
