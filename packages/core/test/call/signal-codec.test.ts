import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fromHex, toHex } from '../../src/crypto/bytes.js'
import {
  MAX_SIGNAL_BYTES, MalformedSignalError, decodeCallSignal, encodeCallSignal, type CallSignal, type CallSignalBody
} from '../../src/call/index.js'
import { sampleOffer, signalArb } from './signal-helpers.js'

interface Fixture { name: string, hex: string, signal: { callId: string, body: Record<string, unknown> } }
const fixtures = (JSON.parse(readFileSync(new URL('./signal-fixtures.json', import.meta.url), 'utf8')) as { signals: Fixture[] }).signals

function fromFixture (f: Fixture): CallSignal {
  const { keySaltHex, ...rest } = f.signal.body
  const body = (typeof keySaltHex === 'string' ? { ...rest, keySalt: fromHex(keySaltHex) } : rest) as unknown as CallSignalBody
  return { callId: f.signal.callId, body }
}

const sig = (body: CallSignalBody, callId = 'call-1'): CallSignal => ({ callId, body })

function expectMalformed (fn: () => unknown, message?: RegExp): void {
  let caught: unknown
  try { fn() } catch (err) { caught = err }
  expect(caught).toBeInstanceOf(MalformedSignalError)
  expect((caught as MalformedSignalError).code).toBe('CALL_MALFORMED_SIGNAL')
  if (message !== undefined) expect((caught as Error).message).toMatch(message)
}

describe('fixtures', () => {
  it('cover every body kind', () => {
    const kinds = new Set(fixtures.map(f => f.signal.body['kind']))
    expect([...kinds].sort()).toEqual(['answer', 'busy', 'cancel', 'end', 'hold', 'keyframe_request', 'mute', 'offer', 'reject', 'renegotiate', 'resume', 'video'])
  })

  it.each(fixtures.map(f => [f.name, f] as const))('%s: encodes to the fixture and decodes back', (_name, f) => {
    const signal = fromFixture(f)
    expect(toHex(encodeCallSignal(signal))).toBe(f.hex)
    expect(decodeCallSignal(fromHex(f.hex))).toEqual(signal)
  })
})

describe('round trip', () => {
  it('decode(encode(s)) equals s for any valid signal', () => {
    fc.assert(fc.property(signalArb, s => {
      expect(decodeCallSignal(encodeCallSignal(s))).toEqual(s)
    }), { numRuns: 1000 })
  })

  it('decoded bytes do not alias the input buffer', () => {
    const bytes = encodeCallSignal(sig(sampleOffer()))
    const decoded = decodeCallSignal(bytes)
    bytes.fill(0)
    expect((decoded.body as { keySalt: Uint8Array }).keySalt).toEqual(new Uint8Array(32).fill(9))
  })
})

describe('limits (encoder and decoder agree)', () => {
  /** Every invalid signal must be refused by the encoder, and by the decoder when smuggled past it. */
  function rejectBoth (s: CallSignal, message?: RegExp): void {
    expectMalformed(() => encodeCallSignal(s), message)
  }

  it('call id: 1..64 characters of [A-Za-z0-9_-]', () => {
    expect(decodeCallSignal(encodeCallSignal(sig({ kind: 'busy' }, 'a'.repeat(64)))).callId).toBe('a'.repeat(64))
    for (const id of ['', 'a'.repeat(65), 'has space', 'ü', 'a/b', 'a.b']) rejectBoth(sig({ kind: 'busy' }, id), /call id/)
  })

  it('key salt is exactly 32 bytes', () => {
    for (const n of [0, 31, 33]) rejectBoth(sig({ ...sampleOffer(), keySalt: new Uint8Array(n) } as CallSignalBody), /key salt/)
  })

  it('video dimensions are even and at most 4096; fps 1..60', () => {
    const off = sampleOffer() as Extract<CallSignalBody, { kind: 'offer' }>
    const withVp9 = (vp9: Partial<typeof off.vp9>): CallSignal => sig({ ...off, vp9: { ...off.vp9, ...vp9 } })
    expect(() => encodeCallSignal(withVp9({ width: 4096, height: 2, fps: 60 }))).not.toThrow()
    expect(() => encodeCallSignal(withVp9({ fps: 1 }))).not.toThrow()
    rejectBoth(withVp9({ width: 4098 }), /width/)
    rejectBoth(withVp9({ width: 641 }), /width/)
    rejectBoth(withVp9({ height: 0 }), /height/)
    rejectBoth(withVp9({ fps: 0 }), /fps/)
    rejectBoth(withVp9({ fps: 61 }), /fps/)
    rejectBoth(sig({ kind: 'renegotiate', video: true, width: 640 }), /together/)
    rejectBoth(sig({ kind: 'renegotiate', video: true, width: 639, height: 480 }), /width/)
    rejectBoth(sig({ kind: 'renegotiate', video: true, fps: 61 }), /fps/)
  })

  it('bitrates are within the codec bounds; opus frame duration is one of 10/20/40/60 ms', () => {
    const off = sampleOffer() as Extract<CallSignalBody, { kind: 'offer' }>
    rejectBoth(sig({ ...off, opus: { ...off.opus, bitrateBps: 5999 } }), /opus bitrate/)
    rejectBoth(sig({ ...off, opus: { ...off.opus, bitrateBps: 510_001 } }), /opus bitrate/)
    rejectBoth(sig({ ...off, opus: { ...off.opus, frameMs: 25 } }), /frame duration/)
    rejectBoth(sig({ ...off, vp9: { ...off.vp9, bitrateBps: 29_999 } }), /vp9 bitrate/)
    rejectBoth(sig({ ...off, vp9: { ...off.vp9, bitrateBps: 20_000_001 } }), /vp9 bitrate/)
  })

  it('sentAtMs is a non-negative safe integer', () => {
    const off = sampleOffer() as Extract<CallSignalBody, { kind: 'offer' }>
    rejectBoth(sig({ ...off, sentAtMs: -1 }), /sentAtMs/)
    rejectBoth(sig({ ...off, sentAtMs: 1.5 }), /sentAtMs/)
    expect(decodeCallSignal(encodeCallSignal(sig({ ...off, sentAtMs: Number.MAX_SAFE_INTEGER }))).body).toMatchObject({ sentAtMs: Number.MAX_SAFE_INTEGER })
  })

  it('reasons are lower snake-case tokens of at most 64 characters', () => {
    expect(decodeCallSignal(encodeCallSignal(sig({ kind: 'end', reason: 'x'.repeat(64) })))).toBeTruthy()
    for (const reason of ['', 'x'.repeat(65), 'Hung up', 'HUNG_UP', '1abc', 'bad\nline']) {
      rejectBoth(sig({ kind: 'end', reason }), /reason/)
      rejectBoth(sig({ kind: 'reject', reason }), /reason/)
    }
  })

  it('an encoded signal is at most MAX_SIGNAL_BYTES; larger input is refused before parsing', () => {
    expectMalformed(() => decodeCallSignal(new Uint8Array(MAX_SIGNAL_BYTES + 1)), /limit/)
  })

  it('non-objects and unknown kinds are refused by the encoder', () => {
    expectMalformed(() => encodeCallSignal(null as unknown as CallSignal))
    expectMalformed(() => encodeCallSignal(sig({ kind: 'dance' } as unknown as CallSignalBody)), /unknown signal kind/)
    expectMalformed(() => encodeCallSignal(sig({ kind: 'answer', video: 1 } as unknown as CallSignalBody)))
  })
})

describe('strict decoding', () => {
  const busy = fromHex('0a0263316a00')

  it('rejects a signal with no body or with two bodies', () => {
    expectMalformed(() => decodeCallSignal(fromHex('0a026331')), /exactly one body/)
    expectMalformed(() => decodeCallSignal(new Uint8Array(0)), /exactly one body/)
    expectMalformed(() => decodeCallSignal(fromHex('0a0263316a007200')), /exactly one body/)
    expectMalformed(() => decodeCallSignal(fromHex('0a0263316a006a00')), /exactly one body/)
  })

  it('skips unknown fields outside the oneof (forward compatibility)', () => {
    // field 5 (varint 7) and field 100 (bytes "hi") are unknown to this version.
    const withUnknown = fromHex('0a0263312807a2060268696a00')
    expect(decodeCallSignal(withUnknown)).toEqual({ callId: 'c1', body: { kind: 'busy' } })
    expect(decodeCallSignal(busy)).toEqual({ callId: 'c1', body: { kind: 'busy' } })
  })

  it('rejects an offer without opus or vp9 parameters', () => {
    // offer { audio: true, key_salt: 32 bytes } only
    const noParams = fromHex('0a02633152240801' + '2a20' + '00'.repeat(32))
    expectMalformed(() => decodeCallSignal(noParams), /opus/)
  })

  it('rejects a sent_at_ms beyond 2^53 − 1', () => {
    const off = sampleOffer() as Extract<CallSignalBody, { kind: 'offer' }>
    const ok = toHex(encodeCallSignal(sig({ ...off, sentAtMs: 0 }, 'c')))
    // sentAtMs 0 is not written (proto3 default); append field 6 = 2^53 to the offer and fix its length.
    const offerStart = ok.indexOf('52') // tag of field 10 right after the 3-byte call id field
    expect(offerStart).toBe(6)
    const len = parseInt(ok.slice(8, 10), 16)
    const extra = '30' + '80808080808080' + '10' // varint(2^53): seven 0x80 bytes then 0x10
    const patched = ok.slice(0, 8) + (len + extra.length / 2).toString(16).padStart(2, '0') + ok.slice(10) + extra
    expectMalformed(() => decodeCallSignal(fromHex(patched)), /sentAtMs/)
  })

  it('rejects truncated and garbage input with the typed error', () => {
    const full = encodeCallSignal(sig(sampleOffer()))
    for (let n = 1; n < full.length; n++) {
      try { decodeCallSignal(full.subarray(0, n)) } catch (err) { expect(err).toBeInstanceOf(MalformedSignalError) }
    }
    expectMalformed(() => decodeCallSignal(fromHex('ffffffffffffffffffff')))
    expectMalformed(() => decodeCallSignal('0a' as unknown as Uint8Array))
  })
})
