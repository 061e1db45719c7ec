import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CONTROL_VERSION, MAX_CONTROL_MESSAGE_BYTES } from '../../src/media-transport/constants.js'
import { BadControlMessageError, ControlReader, encodeControl } from '../../src/media-transport/control.js'
import type { ControlMessage } from '../../src/media-transport/control.js'

/**
 * The control stream the checked-in fixture holds (CONTROL_VERSION 1). It pins the framing; it has
 * no receiver report, whose fields are changing (the report round-trips below instead).
 */
const FIXTURE = new Uint8Array(readFileSync(new URL('../fixtures/control-v1.bin', import.meta.url)))
const FIXTURE_MESSAGES: ControlMessage[] = [
  { type: 'keyframe', reason: 'loss' },
  { type: 'ping', t: 1234.5 },
  { type: 'pong', t: 1234.5, peerNowMs: 1767225600000 }
]

const report: ControlMessage = {
  type: 'report',
  atMs: 1000,
  audio: { received: 50, lost: 1, late: 0, concealed: 1, jitterMs: 3.5, playoutDelayMs: 60 },
  video: { received: 30, lost: 0, framesDecoded: 30, keyframeRequests: 0 },
  owdTrendMsPerS: 0.4,
  frameLatencyMs: 42,
  bytesReceived: 123456
}

describe('control messages', () => {
  it('match the binary fixture both ways', () => {
    expect(CONTROL_VERSION).toBe(1)
    expect(Buffer.from(FIXTURE.subarray(0, 2 + 35)).toString()).toBe('\u0000#{"type":"keyframe","reason":"loss"}')
    expect(new ControlReader().push(FIXTURE)).toEqual(FIXTURE_MESSAGES)
    expect(Buffer.concat(FIXTURE_MESSAGES.map(encodeControl))).toEqual(Buffer.from(FIXTURE))
  })

  it('refuses to send what a peer would refuse as too long', () => {
    expect(() => encodeControl({ type: 'keyframe', reason: 'x'.repeat(MAX_CONTROL_MESSAGE_BYTES) })).toThrowError(BadControlMessageError)
  })

  it('round-trip through a reader fed in arbitrary chunks', () => {
    const msgs: ControlMessage[] = [report, { type: 'keyframe', reason: 'gap' }, { type: 'ping', t: 5 }, { type: 'pong', t: 5, peerNowMs: 9 }]
    const bytes = new Uint8Array(msgs.flatMap(m => Array.from(encodeControl(m))))
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 50 }), (cuts) => {
      const r = new ControlReader()
      const out: ControlMessage[] = []
      let off = 0
      for (const c of cuts) { out.push(...r.push(bytes.subarray(off, off + c))); off += c }
      out.push(...r.push(bytes.subarray(off)))
      expect(out).toEqual(msgs)
    }))
  })

  it('rejects oversized, non-JSON and schema-violating messages with a typed error', () => {
    expect(() => new ControlReader().push(new Uint8Array([0xff, 0xff]))).toThrowError(BadControlMessageError)
    expect(() => new ControlReader().push(new Uint8Array([0, 2, 0x7b, 0x7b]))).toThrowError(/not JSON/)
    const bad = new TextEncoder().encode(JSON.stringify({ type: 'keyframe', reason: 'x', extra: 1 }))
    expect(() => new ControlReader().push(new Uint8Array([0, bad.length, ...bad]))).toThrowError(BadControlMessageError)
    const neg = new TextEncoder().encode(JSON.stringify({ ...report, bytesReceived: -1 }))
    expect(() => new ControlReader().push(new Uint8Array([neg.length >> 8, neg.length & 0xff, ...neg]))).toThrowError(BadControlMessageError)
    expect(() => new ControlReader().push(new Uint8Array([0, 0]))).toThrowError(/length 0/)
  })

  it('fail on a bad length before its message arrives, and keep a partial one for the next chunk', () => {
    const r = new ControlReader()
    expect(r.push(FIXTURE.subarray(0, 5))).toEqual([])
    expect(r.push(FIXTURE.subarray(5))).toEqual(FIXTURE_MESSAGES)
    const tooLong = MAX_CONTROL_MESSAGE_BYTES + 1
    expect(() => new ControlReader().push(new Uint8Array([tooLong >> 8, tooLong & 0xff]))).toThrowError(/length/)
  })

  it('never throw anything but the typed error on random input (property)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (bytes, plausible) => {
      if (plausible && bytes.length > 2) { bytes[0] = 0; bytes[1] = Math.min(bytes[1] ?? 0, bytes.length - 2) }
      try { new ControlReader().push(bytes) } catch (err) { expect(err).toBeInstanceOf(BadControlMessageError) }
    }), { numRuns: 2000 })
  })
})
