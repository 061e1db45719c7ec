import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  MAX_VIDEO_PAYLOAD_BYTES, MediaFrameReader, WireOversizeError, encodeAudioFrame, encodeVideoFrame
} from '../../src/index.js'
import type { MediaFrame } from '../../src/index.js'

const frames: MediaFrame[] = [
  { kind: 'audio', frame: { seq: 1, captureTsUs: 1000, payload: Uint8Array.from([1, 2, 3]) } },
  { kind: 'video', frame: { seq: 9, captureTsUs: 2000, keyframe: true, temporalLayer: 0, width: 320, height: 240, groupId: 1, payload: new Uint8Array(700).fill(7) } },
  { kind: 'audio', frame: { seq: 2, captureTsUs: 3000, payload: new Uint8Array(300).fill(9) } }
]
const stream = Buffer.concat(frames.map(f => f.kind === 'audio' ? encodeAudioFrame(f.frame) : encodeVideoFrame(f.frame)))

describe('MediaFrameReader', () => {
  it('reassembles frames from any chunking of the stream (property)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: stream.length }), { maxLength: 20 }), cuts => {
      const points = [...new Set(cuts)].sort((a, b) => a - b)
      const reader = new MediaFrameReader()
      const out: MediaFrame[] = []
      let from = 0
      for (const p of [...points, stream.length]) {
        out.push(...reader.push(stream.subarray(from, p)))
        from = p
      }
      expect(out).toEqual(frames)
      expect(reader.pendingBytes).toBe(0)
    }))
  })

  it('fails on an oversize header before buffering the payload', () => {
    const bad = encodeVideoFrame({ seq: 1, captureTsUs: 0, keyframe: true, temporalLayer: 0, width: 2, height: 2, groupId: 0, payload: Uint8Array.from([1]) })
    new DataView(bad.buffer).setUint32(22, MAX_VIDEO_PAYLOAD_BYTES + 1)
    const reader = new MediaFrameReader()
    expect(() => reader.push(bad.subarray(0, 26))).toThrow(WireOversizeError)
  })
})
