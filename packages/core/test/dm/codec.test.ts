import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromHex, toHex } from '../../src/crypto/bytes.js'
import {
  DM_ACK_STATUS, DM_PROTOCOL, type DmAck, type DmPayload, type DmPayloadBody, decodeAck, decodeEnvelope, decodePayload,
  encodeAck, encodeEnvelope, encodePayload, MalformedAckError, MalformedEnvelopeError, MalformedPayloadError,
  MAX_ENVELOPE_BYTES, MAX_MESSAGE_ID_LENGTH, MAX_RECEIPT_IDS, MAX_TEXT_BODY_BYTES, OversizedEnvelopeError,
  UnsupportedVersionError
} from '../../src/dm/index.js'
import { Envelope, Payload } from '../../src/dm/dm.pb.js'

interface Fixture { hex: string, [k: string]: unknown }
const fixtures = JSON.parse(readFileSync(new URL('./fixtures.json', import.meta.url), 'utf8')) as {
  envelope: Record<string, Fixture & { header: string, ciphertext: string, sessionInit: string | null }>
  payload: Record<string, Fixture & { id: string, sentAtMs: number, body: Record<string, unknown> }>
  ack: Record<string, Fixture & DmAck>
}
const hex = (s: string): Uint8Array => fromHex(s.replaceAll(' ', ''))
const bytes = (n: number, fill = 0): Uint8Array => new Uint8Array(n).fill(fill)

/** The fixture JSON stores the call signal as hex; everything else maps 1:1 onto DmPayloadBody. */
function fixtureBody (b: Record<string, unknown>): DmPayloadBody {
  return b.kind === 'call' ? { kind: 'call', signal: fromHex(b.signal as string) } : b as DmPayloadBody
}

/** Lone surrogates do not survive UTF-8 (String.prototype.isWellFormed is ES2024, past our lib). */
const wellFormed = (s: string): boolean => new TextDecoder().decode(new TextEncoder().encode(s)) === s

const validEnvelope = { header: bytes(40, 1), ciphertext: bytes(16, 2) }

describe('DM constants', () => {
  it('names the protocol and its limits', () => {
    expect(DM_PROTOCOL).toBe('/parley/dm/1.0.0')
    expect([MAX_ENVELOPE_BYTES, MAX_TEXT_BODY_BYTES, MAX_MESSAGE_ID_LENGTH, MAX_RECEIPT_IDS]).toEqual([65536, 16384, 64, 256])
  })
})

describe('envelope codec', () => {
  for (const [name, f] of Object.entries(fixtures.envelope)) {
    it(`matches fixture ${name}`, () => {
      const env = { header: fromHex(f.header), ciphertext: fromHex(f.ciphertext), sessionInit: f.sessionInit === null ? null : fromHex(f.sessionInit) }
      expect(toHex(encodeEnvelope(env))).toBe(f.hex.replaceAll(' ', ''))
      const back = decodeEnvelope(hex(f.hex))
      expect(back.version).toBe(1)
      expect(toHex(back.header)).toBe(f.header)
      expect(toHex(back.ciphertext)).toBe(f.ciphertext)
      expect(back.sessionInit === null ? null : toHex(back.sessionInit)).toBe(f.sessionInit)
    })
  }

  it('round-trips any valid envelope', () => {
    fc.assert(fc.property(
      fc.uint8Array({ minLength: 40, maxLength: 40 }),
      fc.uint8Array({ minLength: 16, maxLength: 2048 }),
      fc.option(fc.oneof(fc.uint8Array({ minLength: 66, maxLength: 66 }), fc.uint8Array({ minLength: 98, maxLength: 98 }))),
      (header, ciphertext, sessionInit) => {
        const back = decodeEnvelope(encodeEnvelope({ header, ciphertext, sessionInit }))
        expect(toHex(back.header)).toBe(toHex(header))
        expect(toHex(back.ciphertext)).toBe(toHex(ciphertext))
        expect(back.sessionInit === null ? null : toHex(back.sessionInit)).toBe(sessionInit === null ? null : toHex(sessionInit))
      }))
  })

  it('returns copies, not views into the input buffer', () => {
    const input = hex(fixtures.envelope.withInit!.hex)
    const env = decodeEnvelope(input)
    input.fill(0)
    expect(toHex(env.header)).toBe(fixtures.envelope.withInit!.header)
    expect(toHex(env.ciphertext)).toBe(fixtures.envelope.withInit!.ciphertext)
    expect(toHex(env.sessionInit!)).toBe(fixtures.envelope.withInit!.sessionInit)
    const payloadBytes = hex(fixtures.payload.call!.hex)
    const payload = decodePayload(payloadBytes)
    payloadBytes.fill(0)
    expect(payload.body).toEqual({ kind: 'call', signal: new Uint8Array([1, 2, 3]) })
  })

  it('ignores unknown fields, so later versions can add optional ones', () => {
    const withExtra = new Uint8Array([...hex(fixtures.envelope.noInit!.hex), 0x48, 0x05]) // field 9, varint 5
    expect(toHex(decodeEnvelope(withExtra).header)).toBe(fixtures.envelope.noInit!.header)
  })

  it('rejects other versions, including a missing version', () => {
    const v2 = Envelope.encode({ version: 2, header: bytes(40) as Uint8Array<ArrayBuffer>, ciphertext: bytes(16) as Uint8Array<ArrayBuffer> })
    expect(() => decodeEnvelope(v2)).toThrow(UnsupportedVersionError)
    const v0 = Envelope.encode({ header: bytes(40) as Uint8Array<ArrayBuffer>, ciphertext: bytes(16) as Uint8Array<ArrayBuffer> })
    expect(() => decodeEnvelope(v0)).toThrow(UnsupportedVersionError)
  })

  it.each([39, 41, 0])('rejects a %i-byte header', (n) => {
    expect(() => encodeEnvelope({ ...validEnvelope, header: bytes(n) })).toThrow(MalformedEnvelopeError)
    const raw = Envelope.encode({ version: 1, header: bytes(n) as Uint8Array<ArrayBuffer>, ciphertext: bytes(16) as Uint8Array<ArrayBuffer> })
    expect(() => decodeEnvelope(raw)).toThrow(MalformedEnvelopeError)
  })

  it.each([0, 65, 67, 97, 99])('rejects a %i-byte session_init', (n) => {
    expect(() => encodeEnvelope({ ...validEnvelope, sessionInit: bytes(n) })).toThrow(MalformedEnvelopeError)
    const raw = Envelope.encode({ version: 1, sessionInit: bytes(n) as Uint8Array<ArrayBuffer>, header: bytes(40) as Uint8Array<ArrayBuffer>, ciphertext: bytes(16) as Uint8Array<ArrayBuffer> })
    expect(() => decodeEnvelope(raw)).toThrow(MalformedEnvelopeError)
  })

  it('rejects a ciphertext shorter than the AEAD tag', () => {
    expect(() => encodeEnvelope({ ...validEnvelope, ciphertext: bytes(15) })).toThrow(MalformedEnvelopeError)
    expect(() => decodeEnvelope(Envelope.encode({ version: 1, header: bytes(40) as Uint8Array<ArrayBuffer> }))).toThrow(MalformedEnvelopeError)
  })

  it('accepts exactly MAX_ENVELOPE_BYTES and rejects one byte more', () => {
    // version (2) + header (2 + 40) + ciphertext tag and 3-byte length (4) = 48 bytes of framing.
    const max = encodeEnvelope({ ...validEnvelope, ciphertext: bytes(MAX_ENVELOPE_BYTES - 48) })
    expect(max.length).toBe(MAX_ENVELOPE_BYTES)
    expect(decodeEnvelope(max).ciphertext.length).toBe(MAX_ENVELOPE_BYTES - 48)
    expect(() => encodeEnvelope({ ...validEnvelope, ciphertext: bytes(MAX_ENVELOPE_BYTES - 47) })).toThrow(OversizedEnvelopeError)
    const over = new Uint8Array([...max, 0x48, 0x00]) // a valid unknown field: only the size is wrong
    expect(() => decodeEnvelope(over)).toThrow(OversizedEnvelopeError)
  })

  it('wraps protobuf parse failures', () => {
    const truncated = hex(fixtures.envelope.noInit!.hex).subarray(0, 30)
    const err = (() => { try { decodeEnvelope(truncated) } catch (e) { return e } })()
    expect(err).toBeInstanceOf(MalformedEnvelopeError)
    expect((err as MalformedEnvelopeError).code).toBe('DM_MALFORMED')
  })
})

describe('payload codec', () => {
  for (const [name, f] of Object.entries(fixtures.payload)) {
    it(`matches fixture ${name}`, () => {
      const payload: DmPayload = { id: f.id, sentAtMs: f.sentAtMs, body: fixtureBody(f.body) }
      expect(toHex(encodePayload(payload))).toBe(f.hex.replaceAll(' ', ''))
      expect(decodePayload(hex(f.hex))).toEqual(payload)
    })
  }

  const id = fc.string({ minLength: 1, maxLength: MAX_MESSAGE_ID_LENGTH })
  const ids = fc.array(id, { minLength: 1, maxLength: 20 })
  const body: fc.Arbitrary<DmPayloadBody> = fc.oneof(
    fc.record({ kind: fc.constant('text' as const), body: fc.string({ maxLength: 200 }) }),
    fc.record({ kind: fc.constant('text' as const), body: fc.string({ maxLength: 200 }), replyTo: id }),
    fc.record({ kind: fc.constantFrom('delivered' as const, 'read' as const, 'delete' as const), ids }),
    fc.record({ kind: fc.constant('typing' as const), active: fc.boolean() }),
    fc.record({ kind: fc.constant('call' as const), signal: fc.uint8Array({ maxLength: 300 }) })
  )

  it('round-trips any valid payload', () => {
    fc.assert(fc.property(id, fc.nat({ max: Number.MAX_SAFE_INTEGER }), body, (pid, sentAtMs, b) => {
      fc.pre([pid, JSON.stringify(b)].every(wellFormed))
      const payload: DmPayload = { id: pid, sentAtMs, body: b }
      expect(decodePayload(encodePayload(payload))).toEqual(payload)
    }))
  })

  it('rejects a payload with no body or with two', () => {
    expect(() => decodePayload(Payload.encode({ id: 'x' }))).toThrow(MalformedPayloadError)
    const two = new Uint8Array([...hex(fixtures.payload.typingOn!.hex), ...hex('5200')]) // + empty text
    expect(() => decodePayload(two)).toThrow(MalformedPayloadError)
    const sameTwice = new Uint8Array([...hex(fixtures.payload.typingOn!.hex), ...hex('6a00')])
    expect(() => decodePayload(sameTwice)).toThrow(MalformedPayloadError)
  })

  it('rejects an empty or too long id, also in replyTo and receipts', () => {
    const text: DmPayloadBody = { kind: 'text', body: 'hi' }
    expect(() => encodePayload({ id: '', sentAtMs: 0, body: text })).toThrow(MalformedPayloadError)
    expect(() => decodePayload(Payload.encode({ text: { body: 'hi' } }))).toThrow(MalformedPayloadError)
    const longest = 'i'.repeat(MAX_MESSAGE_ID_LENGTH)
    expect(decodePayload(encodePayload({ id: longest, sentAtMs: 0, body: text })).id).toBe(longest)
    expect(() => decodePayload(Payload.encode({ id: longest + 'i', text: { body: 'hi' } }))).toThrow(MalformedPayloadError)
    expect(() => decodePayload(Payload.encode({ id: 'x', text: { body: 'hi', replyTo: '' } }))).toThrow(MalformedPayloadError)
    expect(() => decodePayload(Payload.encode({ id: 'x', read: { ids: ['ok', ''] } }))).toThrow(MalformedPayloadError)
  })

  it('limits the text body to MAX_TEXT_BODY_BYTES UTF-8 bytes', () => {
    const max = 'é'.repeat(MAX_TEXT_BODY_BYTES / 2) // 2 bytes each
    const ok = decodePayload(encodePayload({ id: 'x', sentAtMs: 0, body: { kind: 'text', body: max } }))
    expect(ok.body).toEqual({ kind: 'text', body: max })
    expect(() => encodePayload({ id: 'x', sentAtMs: 0, body: { kind: 'text', body: max + 'a' } })).toThrow(MalformedPayloadError)
    expect(() => decodePayload(Payload.encode({ id: 'x', text: { body: max + 'a' } }))).toThrow(MalformedPayloadError)
  })

  it.each(['delivered', 'read', 'delete'] as const)('limits %s to 1..MAX_RECEIPT_IDS ids', (kind) => {
    const full = Array.from({ length: MAX_RECEIPT_IDS }, (_, i) => `m${i}`)
    expect(decodePayload(encodePayload({ id: 'x', sentAtMs: 0, body: { kind, ids: full } })).body).toEqual({ kind, ids: full })
    expect(() => encodePayload({ id: 'x', sentAtMs: 0, body: { kind, ids: [...full, 'more'] } })).toThrow(MalformedPayloadError)
    expect(() => decodePayload(Payload.encode({ id: 'x', [kind]: { ids: [...full, 'more'] } }))).toThrow(MalformedPayloadError)
    expect(() => decodePayload(Payload.encode({ id: 'x', [kind]: { ids: [] } }))).toThrow(MalformedPayloadError)
  })

  it('rejects sentAtMs beyond Number.MAX_SAFE_INTEGER or negative', () => {
    expect(() => decodePayload(Payload.encode({ id: 'x', sentAtMs: 2n ** 53n, typing: { active: true } }))).toThrow(MalformedPayloadError)
    expect(() => encodePayload({ id: 'x', sentAtMs: -1, body: { kind: 'typing', active: true } })).toThrow(MalformedPayloadError)
    expect(() => encodePayload({ id: 'x', sentAtMs: 1.5, body: { kind: 'typing', active: true } })).toThrow(MalformedPayloadError)
  })

  it('rejects a payload larger than an envelope could carry', () => {
    const huge = Payload.encode({ id: 'x', callSignal: bytes(MAX_ENVELOPE_BYTES) as Uint8Array<ArrayBuffer> })
    expect(() => decodePayload(huge)).toThrow(MalformedPayloadError)
  })
})

describe('ack codec', () => {
  for (const [name, f] of Object.entries(fixtures.ack)) {
    it(`matches fixture ${name}`, () => {
      const ack: DmAck = { seq: f.seq, status: f.status, reason: f.reason }
      expect(toHex(encodeAck(ack))).toBe(f.hex.replaceAll(' ', ''))
      expect(decodeAck(hex(f.hex))).toEqual(ack)
    })
  }

  it('round-trips any valid ack', () => {
    fc.assert(fc.property(fc.nat({ max: 0xffffffff }), fc.constantFrom(...Object.values(DM_ACK_STATUS)), fc.string({ maxLength: 60 }), (seq, status, reason) => {
      fc.pre(wellFormed(reason))
      expect(decodeAck(encodeAck({ seq, status, reason }))).toEqual({ seq, status, reason })
    }))
  })

  it('rejects unknown statuses, bad seqs and long reasons', () => {
    expect(() => decodeAck(hex('1003'))).toThrow(MalformedAckError)
    expect(() => encodeAck({ seq: 0, status: 'MAYBE' as 'OK', reason: '' })).toThrow(MalformedAckError)
    expect(() => encodeAck({ seq: -1, status: 'OK', reason: '' })).toThrow(MalformedAckError)
    expect(() => encodeAck({ seq: 2 ** 32, status: 'OK', reason: '' })).toThrow(MalformedAckError)
    expect(() => encodeAck({ seq: 1, status: 'REJECTED', reason: 'x'.repeat(257) })).toThrow(MalformedAckError)
    expect(() => decodeAck(new Uint8Array([0x1a, 0x81, 0x02, ...bytes(257, 0x78)]))).toThrow(MalformedAckError)
    expect(() => decodeAck(bytes(1025, 0))).toThrow(MalformedAckError)
  })
})
