// Content codes of the latency benchmark (benchmarks/latency/content.mjs): ids must survive
// the real codecs and downscaling, and corrupt reads must be rejected, not misread.
import { describe, expect, it } from 'vitest'
import { OpusDecoder, OpusEncoder, Vp9Decoder, Vp9Encoder, readFrameCounter } from '@parley/media'
import type { I420Frame } from '@parley/media'
import {
  AUDIO_FRAME_MS, AUDIO_ID_MODULUS, AudioMarkerDetector, MARKER_EVERY_FRAMES, VIDEO_ID_MODULUS,
  audioFrame, counterBlockPx, createVideoContent, markerOfFrame, readVideoId
} from '../../benchmarks/latency/content.mjs'

const W = 640
const H = 360

/** Box-filter downscale of the luma plane (what an encoder-side scaler does, roughly); chroma grey. */
function downscale (f: I420Frame, w: number, h: number): I420Frame {
  const data = new Uint8Array(w * h * 3 / 2).fill(128)
  const fx = f.width / w
  const fy = f.height / h
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0
      let n = 0
      for (let yy = Math.floor(y * fy); yy < Math.floor((y + 1) * fy); yy++) {
        for (let xx = Math.floor(x * fx); xx < Math.floor((x + 1) * fx); xx++) { sum += f.data[yy * f.width + xx] ?? 0; n++ }
      }
      data[y * w + x] = Math.round(sum / n)
    }
  }
  return { data, width: w, height: h }
}

describe('video content code', () => {
  const content = createVideoContent({ width: W, height: H })

  it('reads back the id of undistorted frames, modulo 4096', () => {
    for (const i of [0, 1, 2, 77, 4095, 4096, 4097, 9999]) {
      expect(readVideoId(content.frame(i), W, H)).toBe(i % VIDEO_ID_MODULUS)
    }
  })

  it('rejects every single-block error and flat pictures', () => {
    const f = content.frame(1234)
    const block = counterBlockPx(W)
    for (let k = 0; k < 16; k++) {
      const g = { ...f, data: f.data.slice() }
      for (let y = 0; y < block; y++) {
        for (let x = k * block; x < (k + 1) * block; x++) g.data[y * W + x] = 251 - (g.data[y * W + x] ?? 0)
      }
      expect(readVideoId(g, W, H)).toBeNull()
    }
    for (const v of [0, 16, 128, 235, 255]) expect(readVideoId({ data: new Uint8Array(W * H * 3 / 2).fill(v), width: W, height: H }, W, H)).toBeNull()
  })

  it('survives a VP9 round trip at 600 kbit/s, at the source size and downscaled', async () => {
    for (const [w, h] of [[W, H], [480, 270], [320, 180]] as const) {
      const enc = new Vp9Encoder({ width: w, height: h, frameRate: 30, bitrateBps: 600_000 })
      const dec = new Vp9Decoder()
      const ids: Array<number | null> = []
      for (let i = 0; i < 45; i++) {
        const src = content.frame(i + 4090)
        const packet = enc.encodeSync(w === W ? src : downscale(src, w, h), { keyframe: i === 0 })
        if (packet === null) continue
        const out = dec.decodeSync(packet.data)
        if (out !== null) ids.push(readVideoId(out, W, H))
      }
      await enc.close()
      await dec.close()
      expect(ids.length).toBe(45)
      expect(ids).toEqual(Array.from({ length: 45 }, (_, i) => (i + 4090) % VIDEO_ID_MODULUS))
    }
  })

  it('needs the scaled reader: the fixed-block reader misreads a downscaled frame', () => {
    const small = downscale(content.frame(1000), 320, 180)
    expect(readVideoId(small, W, H)).toBe(1000)
    expect(readFrameCounter(small) >> 4).not.toBe(1000)
  })
})

describe('audio markers', () => {
  it('marks every fifth frame with one of 8 tones', () => {
    expect([0, 1, 4, 5, 10, 11].map(markerOfFrame)).toEqual([0, null, null, 1, 2, null])
    expect(audioFrame(1).every(x => x === 0)).toBe(true)
    expect(audioFrame(5).some(x => Math.abs(x) > 10_000)).toBe(true)
  })

  /** Opus round trip of frames 0…n-1; `lose` frames are concealed. Buffer i "leaves" at 20 i ms. */
  async function roundTrip (n: number, lose: Set<number> = new Set()): Promise<{ found: Array<{ id: number, atMs: number }>, delayMs: number }> {
    const enc = new OpusEncoder({ bitrateBps: 32_000 })
    const dec = new OpusDecoder()
    const detector = new AudioMarkerDetector()
    const found: Array<{ id: number, atMs: number }> = []
    for (let i = 0; i < n; i++) {
      const packet = enc.encodeSync(audioFrame(i))
      const pcm = dec.decodeSync(lose.has(i) ? null : packet)
      found.push(...detector.push(pcm, i * AUDIO_FRAME_MS))
    }
    const delayMs = enc.lookaheadSamples / 48
    await enc.close()
    await dec.close()
    return { found, delayMs }
  }

  it('finds every marker after Opus, with its id and its time (codec delay only)', async () => {
    const { found, delayMs } = await roundTrip(200)
    // the last marker's window may still be open at the end
    expect(found.length).toBeGreaterThanOrEqual(39)
    for (const [m, f] of found.entries()) {
      expect(f.id).toBe(m % AUDIO_ID_MODULUS)
      const sentMs = m * MARKER_EVERY_FRAMES * AUDIO_FRAME_MS
      expect(f.atMs - sentMs).toBeGreaterThan(delayMs - 2)
      expect(f.atMs - sentMs).toBeLessThan(delayMs + 2)
    }
  })

  it('a lost frame loses its marker and invents none', async () => {
    const { found } = await roundTrip(100, new Set([25, 26, 50, 51]))
    const ms = found.map(f => Math.round(f.atMs / 100))
    expect(ms).not.toContain(5)
    expect(ms).not.toContain(10)
    for (const f of found) expect(f.id).toBe(Math.round(f.atMs / 100) % AUDIO_ID_MODULUS)
    expect(found.length).toBeGreaterThanOrEqual(16)
  })
})
