import { readFileSync } from 'node:fs'
import { MAX_CALL_ID_LENGTH, isCallId } from '@parley/core/call/index'
import { MediaKind } from '@parley/core/wire/index'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_STREAM_HEADER_BYTES, MEDIA_STREAM_VERSION } from '../../src/media-transport/constants.js'
import {
  BadStreamHeaderError, StreamKind, decodeStreamHeader, encodeStreamHeader, streamHeaderLength
} from '../../src/media-transport/stream-header.js'
import type { StreamHeader } from '../../src/media-transport/stream-header.js'

const FIXTURE = new Uint8Array(readFileSync(new URL('../fixtures/stream-header-v1.bin', import.meta.url)))
const FIXTURE_HEADER: StreamHeader = { kind: 'control', callId: 'q9Zk_3-xYb0LmN2w' }
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'

describe('media stream header', () => {
  it('matches the binary fixture both ways (version 1, a daemon-made 16-character call id)', () => {
    expect(MEDIA_STREAM_VERSION).toBe(1)
    expect(Buffer.from(FIXTURE).toString('hex')).toBe('01031071395a6b5f332d785962304c6d4e3277')
    expect(streamHeaderLength(FIXTURE)).toBe(FIXTURE.length)
    expect(decodeStreamHeader(FIXTURE)).toEqual(FIXTURE_HEADER)
    expect(encodeStreamHeader(FIXTURE_HEADER)).toEqual(FIXTURE)
  })

  it('uses the media kind codes of core and adds control', () => {
    expect(StreamKind).toEqual({ ...MediaKind, control: 3 })
  })

  it('round-trips every kind and every call id the rule allows (property)', () => {
    const header = fc.record({
      kind: fc.constantFrom(...Object.keys(StreamKind) as Array<keyof typeof StreamKind>),
      callId: fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 1, maxLength: MAX_CALL_ID_LENGTH })
    })
    fc.assert(fc.property(header, h => {
      const bytes = encodeStreamHeader(h)
      expect(bytes.length).toBeLessThanOrEqual(MAX_STREAM_HEADER_BYTES)
      expect(streamHeaderLength(bytes)).toBe(bytes.length)
      expect(decodeStreamHeader(bytes)).toEqual(h)
    }))
  })

  it('carries exactly the call ids of core\'s call-ID rule, and MAX_STREAM_HEADER_BYTES fits the longest', () => {
    expect(MAX_STREAM_HEADER_BYTES).toBe(3 + MAX_CALL_ID_LENGTH)
    const longest = 'a'.repeat(MAX_CALL_ID_LENGTH)
    expect(encodeStreamHeader({ kind: 'audio', callId: longest })).toHaveLength(MAX_STREAM_HEADER_BYTES)
    expect(() => encodeStreamHeader({ kind: 'audio', callId: longest + 'a' })).toThrowError(BadStreamHeaderError)
    expect(() => streamHeaderLength(new Uint8Array([1, 1, MAX_CALL_ID_LENGTH + 1]))).toThrowError(BadStreamHeaderError)
    fc.assert(fc.property(fc.string({ maxLength: 70 }), id => {
      let encoded: boolean
      try { encodeStreamHeader({ kind: 'video', callId: id }); encoded = true } catch { encoded = false }
      expect(encoded).toBe(isCallId(id))
    }))
  })

  it('rejects trailing bytes after the header it is given', () => {
    expect(() => decodeStreamHeader(new Uint8Array([...FIXTURE, 0]))).toThrowError(BadStreamHeaderError)
  })

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
