import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BadStreamHeaderError, decodeStreamHeader, encodeStreamHeader, streamHeaderLength } from '../../src/media-transport/stream-header.js'

describe('media stream header', () => {
  it('round-trips and matches a fixed encoding', () => {
    const bytes = encodeStreamHeader({ kind: 'video', callId: 'c-42' })
    expect(Array.from(bytes)).toEqual([1, 2, 4, 0x63, 0x2d, 0x34, 0x32])
    expect(streamHeaderLength(bytes)).toBe(7)
    expect(streamHeaderLength(bytes.subarray(0, 5))).toBeUndefined()
    expect(decodeStreamHeader(bytes)).toEqual({ kind: 'video', callId: 'c-42' })
  })

  it('rejects bad versions, kinds, lengths and call ids with a typed error', () => {
    expect(() => encodeStreamHeader({ kind: 'audio', callId: 'has space' })).toThrowError(BadStreamHeaderError)
    expect(() => decodeStreamHeader(new Uint8Array([2, 1, 1, 0x61]))).toThrowError(/version/)
    expect(() => decodeStreamHeader(new Uint8Array([1, 9, 1, 0x61]))).toThrowError(/kind/)
    expect(() => streamHeaderLength(new Uint8Array([1, 1, 0]))).toThrowError(BadStreamHeaderError)
    expect(() => streamHeaderLength(new Uint8Array([1, 1, 200]))).toThrowError(BadStreamHeaderError)
    expect(() => decodeStreamHeader(new Uint8Array([1, 1, 1, 0x20]))).toThrowError(/call id/)
  })

  it('never throws anything but the typed error on random input', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
      try {
        const n = streamHeaderLength(bytes)
        if (n != null) decodeStreamHeader(bytes.subarray(0, n))
      } catch (err) {
        expect(err).toBeInstanceOf(BadStreamHeaderError)
      }
    }), { numRuns: 2000 })
  })
})
