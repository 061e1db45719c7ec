import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BadControlMessageError, ControlReader, encodeControl } from '../../src/media-transport/control.js'
import type { ControlMessage } from '../../src/media-transport/control.js'

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
  })
})
