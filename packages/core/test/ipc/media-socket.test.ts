import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  MEDIA_AUDIO_SAMPLES, MEDIA_HEADER_BYTES, MEDIA_MAX_MESSAGE_BYTES, MEDIA_SOCKET_VERSION, MediaSocketFrameError,
  decodeMediaSocketFrame, encodeMediaSocketFrame, i420Bytes
} from '../../src/ipc/media-socket.js'
import type { MediaSocketFrame } from '../../src/ipc/media-socket.js'

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)))
/** The frames the checked-in fixtures hold (version MEDIA_SOCKET_VERSION = 1). */
const AUDIO_FIXTURE: MediaSocketFrame = {
  kind: 'audio',
  seq: 0x01020304,
  tsUs: 1_700_000_000_123_456,
  flags: 1,
  pcm: Int16Array.from({ length: MEDIA_AUDIO_SAMPLES }, (_, i) => ((i * 331) % 65536) - 32768)
}
const VIDEO_FIXTURE: MediaSocketFrame = {
  kind: 'video',
  seq: 7,
  tsUs: 1_700_000_000_000_000.5,
  flags: 1,
  width: 4,
  height: 2,
  data: Uint8Array.from({ length: 12 }, (_, i) => i)
}

const audio = (seed: number): Int16Array => Int16Array.from({ length: MEDIA_AUDIO_SAMPLES }, (_, i) => ((i * 37 + seed) % 65536) - 32768)

describe('media socket frames', () => {
  it('match the binary fixtures both ways', () => {
    expect(MEDIA_SOCKET_VERSION).toBe(1)
    const video = fixture('media-socket-video-v1.bin')
    expect(Buffer.from(video).toString('hex')).toBe('0102040002000100070000000200796090281843000102030405060708090a0b')
    expect(decodeMediaSocketFrame(video)).toEqual(VIDEO_FIXTURE)
    expect(encodeMediaSocketFrame(VIDEO_FIXTURE)).toEqual(video)
    const audio = fixture('media-socket-audio-v1.bin')
    expect(audio.length).toBe(MEDIA_HEADER_BYTES + 2 * MEDIA_AUDIO_SAMPLES)
    expect(Buffer.from(audio.subarray(0, 24)).toString('hex')).toBe('010100000000010004030201008980609028184300804b81')
    expect(decodeMediaSocketFrame(audio)).toEqual(AUDIO_FIXTURE)
    expect(encodeMediaSocketFrame(AUDIO_FIXTURE)).toEqual(audio)
  })

  it('round-trip any valid frame (property)', () => {
    const audioFrame = fc.record({
      kind: fc.constant('audio' as const),
      seq: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      tsUs: fc.double({ noNaN: true, noDefaultInfinity: true }),
      flags: fc.integer({ min: 0, max: 0xffff }),
      pcm: fc.array(fc.integer({ min: -32768, max: 32767 }), { minLength: MEDIA_AUDIO_SAMPLES, maxLength: MEDIA_AUDIO_SAMPLES }).map(a => Int16Array.from(a))
    })
    const videoFrame = fc.record({
      width: fc.integer({ min: 1, max: 40 }).map(n => 2 * n),
      height: fc.integer({ min: 1, max: 40 }).map(n => 2 * n),
      seq: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      tsUs: fc.double({ noNaN: true, noDefaultInfinity: true }),
      flags: fc.integer({ min: 0, max: 0xffff })
    }).chain(f => fc.uint8Array({ minLength: i420Bytes(f.width, f.height), maxLength: i420Bytes(f.width, f.height) })
      .map(data => ({ kind: 'video' as const, ...f, data })))
    fc.assert(fc.property(fc.oneof(audioFrame, videoFrame), (f: MediaSocketFrame) => {
      expect(decodeMediaSocketFrame(encodeMediaSocketFrame(f))).toEqual(f)
    }), { numRuns: 200 })
  })

  it('round-trips audio and video frames', () => {
    const a = { kind: 'audio' as const, seq: 7, tsUs: 1_700_000_000_123_456, flags: 1, pcm: audio(3) }
    expect(decodeMediaSocketFrame(encodeMediaSocketFrame(a))).toEqual(a)
    const data = Uint8Array.from({ length: i420Bytes(64, 36) }, (_, i) => i & 255)
    const v = { kind: 'video' as const, seq: 2 ** 32 - 1, tsUs: 12.5, flags: 0, width: 64, height: 36, data }
    expect(decodeMediaSocketFrame(encodeMediaSocketFrame(v))).toEqual(v)
  })

  it('has a fixed little-endian header', () => {
    const bytes = encodeMediaSocketFrame({ kind: 'video', seq: 0x01020304, tsUs: 0, flags: 1, width: 4, height: 2, data: new Uint8Array(i420Bytes(4, 2)) })
    expect([...bytes.subarray(0, 12)]).toEqual([1, 2, 4, 0, 2, 0, 1, 0, 4, 3, 2, 1])
    expect(bytes.length).toBe(MEDIA_HEADER_BYTES + 12)
  })

  it('returns copies, not views of the input', () => {
    const bytes = encodeMediaSocketFrame({ kind: 'video', seq: 1, tsUs: 0, flags: 0, width: 2, height: 2, data: new Uint8Array([1, 2, 3, 4, 5, 6]) })
    const f = decodeMediaSocketFrame(bytes)
    bytes[MEDIA_HEADER_BYTES] = 99
    expect(f.kind === 'video' && f.data[0]).toBe(1)
  })

  const bad: Array<[string, () => Uint8Array, RegExp]> = [
    ['a short header', () => new Uint8Array(10), /shorter than its 20-byte header/],
    ['an unknown version', () => { const b = encodeMediaSocketFrame({ kind: 'audio', seq: 0, tsUs: 0, flags: 0, pcm: audio(0) }); b[0] = 9; return b }, /unknown media frame version 9/],
    ['an unknown kind', () => { const b = encodeMediaSocketFrame({ kind: 'audio', seq: 0, tsUs: 0, flags: 0, pcm: audio(0) }); b[1] = 5; return b }, /unknown media kind 5/],
    ['truncated audio', () => encodeMediaSocketFrame({ kind: 'audio', seq: 0, tsUs: 0, flags: 0, pcm: audio(0) }).subarray(0, 100), /audio payload must be 1920 bytes/],
    ['truncated video', () => encodeMediaSocketFrame({ kind: 'video', seq: 0, tsUs: 0, flags: 0, width: 4, height: 4, data: new Uint8Array(24) }).subarray(0, 30), /I420 4×4 needs 24 bytes, got 10/],
    ['odd dimensions', () => { const b = encodeMediaSocketFrame({ kind: 'video', seq: 0, tsUs: 0, flags: 0, width: 4, height: 4, data: new Uint8Array(24) }); b[2] = 3; return b }, /must be even/],
    ['a NaN timestamp', () => { const b = encodeMediaSocketFrame({ kind: 'audio', seq: 0, tsUs: 0, flags: 0, pcm: audio(0) }); new DataView(b.buffer).setFloat64(12, Number.NaN, true); return b }, /not a finite number/],
    ['an oversized message', () => new Uint8Array(MEDIA_MAX_MESSAGE_BYTES + 1), /exceeds/]
  ]
  for (const [what, make, msg] of bad) {
    it(`rejects ${what} with a typed error`, () => {
      expect(() => decodeMediaSocketFrame(make())).toThrow(MediaSocketFrameError)
      expect(() => decodeMediaSocketFrame(make())).toThrow(msg)
    })
  }

  it('refuses to encode a wrong-sized frame', () => {
    expect(() => encodeMediaSocketFrame({ kind: 'audio', seq: 0, tsUs: 0, flags: 0, pcm: new Int16Array(10) })).toThrow(MediaSocketFrameError)
    expect(() => encodeMediaSocketFrame({ kind: 'video', seq: 0, tsUs: 0, flags: 0, width: 4, height: 4, data: new Uint8Array(5) })).toThrow(MediaSocketFrameError)
  })

  it('never throws anything but MediaSocketFrameError on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 4000 }), fc.boolean(), (bytes, plausible) => {
      if (plausible && bytes.length > 2) { bytes[0] = 1; bytes[1] = 1 + (bytes[1]! & 1) }
      try { decodeMediaSocketFrame(bytes) } catch (err) { expect(err).toBeInstanceOf(MediaSocketFrameError) }
    }), { numRuns: 2000 })
  })
})
