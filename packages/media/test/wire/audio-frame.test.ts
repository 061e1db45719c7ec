import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  AUDIO_HEADER_BYTES, MAX_AUDIO_PAYLOAD_BYTES, MediaError, WireInvalidFieldError, WireOversizeError,
  WireTrailingBytesError, WireTruncatedError, WireUnknownKindError, WireUnknownVersionError,
  audioFrameLength, decodeAudioFrame, encodeAudioFrame, readAudioFrame
} from '../../src/index.js'
import type { AudioFrame } from '../../src/index.js'

const FIXTURE = new Uint8Array(readFileSync(new URL('../fixtures/audio-frame-v1.bin', import.meta.url)))
const FIXTURE_FRAME: AudioFrame = {
  seq: 0x01020304,
  captureTsUs: 1_700_000_000_123_456,
  payload: Uint8Array.from([0xde, 0xad, 0xbe, 0xef])
}

const arbAudioFrame = fc.record({
  seq: fc.integer({ min: 0, max: 0xffff_ffff }),
  captureTsUs: fc.maxSafeNat(),
  payload: fc.uint8Array({ minLength: 1, maxLength: MAX_AUDIO_PAYLOAD_BYTES })
})

describe('audio frame wire format', () => {
  it('matches the binary fixture (documented test vector) both ways', () => {
    expect(Buffer.from(FIXTURE).toString('hex')).toBe('110102030400060a24182022400004deadbeef')
    expect(encodeAudioFrame(FIXTURE_FRAME)).toEqual(FIXTURE)
    expect(decodeAudioFrame(FIXTURE)).toEqual(FIXTURE_FRAME)
    expect(audioFrameLength(FIXTURE)).toBe(FIXTURE.byteLength)
  })

  it('round-trips any valid frame (property)', () => {
    fc.assert(fc.property(arbAudioFrame, frame => {
      const bytes = encodeAudioFrame(frame)
      expect(bytes.byteLength).toBe(AUDIO_HEADER_BYTES + frame.payload.byteLength)
      expect(decodeAudioFrame(bytes)).toEqual(frame)
    }))
  })

  it('reads a frame at an offset inside a larger buffer', () => {
    const buf = new Uint8Array(5 + FIXTURE.byteLength + 3)
    buf.set(FIXTURE, 5)
    const { frame, byteLength } = readAudioFrame(buf, 5)
    expect(byteLength).toBe(FIXTURE.byteLength)
    expect(frame).toEqual(FIXTURE_FRAME)
  })

  it('throws typed errors on truncation, oversize, bad version/kind and trailing bytes', () => {
    for (let n = 0; n < FIXTURE.byteLength; n++) {
      expect(() => decodeAudioFrame(FIXTURE.subarray(0, n))).toThrow(WireTruncatedError)
    }
    const oversize = FIXTURE.slice()
    new DataView(oversize.buffer).setUint16(13, MAX_AUDIO_PAYLOAD_BYTES + 1)
    expect(() => decodeAudioFrame(oversize)).toThrow(WireOversizeError)
    const empty = FIXTURE.slice(0, AUDIO_HEADER_BYTES)
    new DataView(empty.buffer).setUint16(13, 0)
    expect(() => decodeAudioFrame(empty)).toThrow(WireInvalidFieldError)
    expect(() => decodeAudioFrame(Uint8Array.from([0x21, ...FIXTURE.subarray(1)]))).toThrow(WireUnknownVersionError)
    expect(() => decodeAudioFrame(Uint8Array.from([0x13, ...FIXTURE.subarray(1)]))).toThrow(WireUnknownKindError)
    expect(() => decodeAudioFrame(Uint8Array.from([...FIXTURE, 0]))).toThrow(WireTrailingBytesError)
    const hugeTs = FIXTURE.slice()
    new DataView(hugeTs.buffer).setBigUint64(5, 2n ** 60n)
    expect(() => decodeAudioFrame(hugeTs)).toThrow(WireInvalidFieldError)
  })

  it('refuses to encode invalid frames', () => {
    expect(() => encodeAudioFrame({ ...FIXTURE_FRAME, payload: new Uint8Array(MAX_AUDIO_PAYLOAD_BYTES + 1) })).toThrow(WireOversizeError)
    expect(() => encodeAudioFrame({ ...FIXTURE_FRAME, payload: new Uint8Array(0) })).toThrow(WireInvalidFieldError)
    expect(() => encodeAudioFrame({ ...FIXTURE_FRAME, seq: -1 })).toThrow(WireInvalidFieldError)
    expect(() => encodeAudioFrame({ ...FIXTURE_FRAME, seq: 2 ** 32 })).toThrow(WireInvalidFieldError)
    expect(() => encodeAudioFrame({ ...FIXTURE_FRAME, captureTsUs: 1.5 })).toThrow(WireInvalidFieldError)
  })

  it('never reads out of bounds: arbitrary bytes decode or throw a MediaError (property)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), fc.boolean(), (bytes, validHead) => {
      if (validHead && bytes.byteLength > 0) bytes[0] = 0x11
      try {
        const frame = decodeAudioFrame(bytes)
        expect(frame.payload.byteLength).toBe(bytes.byteLength - AUDIO_HEADER_BYTES)
      } catch (err) {
        expect(err).toBeInstanceOf(MediaError)
      }
    }), { numRuns: 2000 })
  })
})
