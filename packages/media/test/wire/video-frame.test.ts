import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  MAX_VIDEO_HEIGHT_PX, MAX_VIDEO_PAYLOAD_BYTES, MAX_VIDEO_WIDTH_PX, MediaError, VIDEO_HEADER_BYTES,
  WireInvalidFieldError, WireOversizeError, WireTruncatedError, WireUnknownVersionError,
  decodeMediaFrame, decodeVideoFrame, encodeVideoFrame
} from '../../src/index.js'
import type { VideoFrame } from '../../src/index.js'

const FIXTURE = new Uint8Array(readFileSync(new URL('../fixtures/video-frame-v1.bin', import.meta.url)))
const FIXTURE_FRAME: VideoFrame = {
  seq: 7,
  captureTsUs: 1_700_000_000_000_000,
  keyframe: true,
  temporalLayer: 1,
  width: 640,
  height: 480,
  groupId: 3,
  payload: Uint8Array.from([1, 2, 3, 4, 5])
}

const arbVideoFrame = fc.record({
  seq: fc.integer({ min: 0, max: 0xffff_ffff }),
  captureTsUs: fc.maxSafeNat(),
  keyframe: fc.boolean(),
  temporalLayer: fc.integer({ min: 0, max: 3 }),
  width: fc.integer({ min: 1, max: MAX_VIDEO_WIDTH_PX }),
  height: fc.integer({ min: 1, max: MAX_VIDEO_HEIGHT_PX }),
  groupId: fc.integer({ min: 0, max: 0xffff_ffff }),
  payload: fc.uint8Array({ minLength: 1, maxLength: 4096 })
})

describe('video frame wire format', () => {
  it('matches the binary fixture (documented test vector) both ways', () => {
    expect(Buffer.from(FIXTURE).toString('hex')).toBe('120000000700060a24181e400003028001e000000003000000050102030405')
    expect(encodeVideoFrame(FIXTURE_FRAME)).toEqual(FIXTURE)
    expect(decodeVideoFrame(FIXTURE)).toEqual(FIXTURE_FRAME)
    expect(decodeMediaFrame(FIXTURE)).toEqual({ kind: 'video', frame: FIXTURE_FRAME })
  })

  it('round-trips any valid frame (property)', () => {
    fc.assert(fc.property(arbVideoFrame, frame => {
      const bytes = encodeVideoFrame(frame)
      expect(bytes.byteLength).toBe(VIDEO_HEADER_BYTES + frame.payload.byteLength)
      expect(decodeVideoFrame(bytes)).toEqual(frame)
    }), { numRuns: 300 })
  })

  it('throws typed errors on truncation, oversize, bad fields and unknown versions', () => {
    for (let n = 0; n < FIXTURE.byteLength; n++) {
      expect(() => decodeVideoFrame(FIXTURE.subarray(0, n))).toThrow(WireTruncatedError)
    }
    const patch = (at: number, write: (v: DataView) => void): Uint8Array => {
      const b = FIXTURE.slice()
      write(new DataView(b.buffer))
      return b.subarray(0, Math.max(at, b.byteLength))
    }
    expect(() => decodeVideoFrame(patch(0, v => v.setUint32(22, MAX_VIDEO_PAYLOAD_BYTES + 1)))).toThrow(WireOversizeError)
    expect(() => decodeVideoFrame(patch(0, v => v.setUint32(22, 0xffff_ffff)))).toThrow(WireOversizeError)
    expect(() => decodeVideoFrame(patch(0, v => v.setUint16(14, 0)))).toThrow(WireInvalidFieldError)
    expect(() => decodeVideoFrame(patch(0, v => v.setUint16(16, MAX_VIDEO_HEIGHT_PX + 1)))).toThrow(WireInvalidFieldError)
    expect(() => decodeVideoFrame(patch(0, v => v.setUint8(13, 0x80)))).toThrow(WireInvalidFieldError)
    expect(() => decodeVideoFrame(patch(0, v => v.setUint8(0, 0x02)))).toThrow(WireUnknownVersionError)
    expect(() => decodeVideoFrame(patch(0, v => v.setUint8(0, 0x11)))).toThrow(WireInvalidFieldError)
  })

  it('refuses to encode invalid frames', () => {
    expect(() => encodeVideoFrame({ ...FIXTURE_FRAME, width: 0 })).toThrow(WireInvalidFieldError)
    expect(() => encodeVideoFrame({ ...FIXTURE_FRAME, height: MAX_VIDEO_HEIGHT_PX + 1 })).toThrow(WireInvalidFieldError)
    expect(() => encodeVideoFrame({ ...FIXTURE_FRAME, temporalLayer: 4 })).toThrow(WireInvalidFieldError)
    expect(() => encodeVideoFrame({ ...FIXTURE_FRAME, payload: new Uint8Array(0) })).toThrow(WireInvalidFieldError)
    expect(() => encodeVideoFrame({ ...FIXTURE_FRAME, payload: new Uint8Array(MAX_VIDEO_PAYLOAD_BYTES + 1) })).toThrow(WireOversizeError)
  })

  it('never reads out of bounds: arbitrary bytes decode or throw a MediaError (property)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), fc.boolean(), (bytes, validHead) => {
      if (validHead && bytes.byteLength > 0) bytes[0] = 0x12
      try {
        const { kind, frame } = decodeMediaFrame(bytes)
        expect(kind === 'audio' || kind === 'video').toBe(true)
        expect(frame.payload.byteLength).toBeGreaterThan(0)
      } catch (err) {
        expect(err).toBeInstanceOf(MediaError)
      }
    }), { numRuns: 2000 })
  })
})
