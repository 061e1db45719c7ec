import { describe, expect, it } from 'vitest'
import {
  CodecClosedError, CorruptBitstreamError, FrameTooLargeError, InvalidArgumentError, InvalidDimensionsError,
  InvalidI420SizeError, InvalidOptionError, SyntheticVideoSource, Vp9Decoder, Vp9Encoder, i420ByteLength,
  lumaPsnrDb, readFrameCounter
} from '../../src/index.js'
import type { EncodedVideoFrame, I420Frame } from '../../src/index.js'

const FPS = 30

function bytesOf (frames: Array<EncodedVideoFrame | null>): number {
  return frames.reduce((n, f) => n + (f?.data.byteLength ?? 0), 0)
}

describe('VP9 round trip', () => {
  it('decodes 640x480 at 1 Mbit/s above the PSNR threshold, frame counter intact', async () => {
    const src = new SyntheticVideoSource({ width: 640, height: 480 })
    const enc = new Vp9Encoder({ width: 640, height: 480, bitrateBps: 1_000_000 })
    const dec = new Vp9Decoder()
    const psnr: number[] = []
    for (let i = 0; i < 60; i++) {
      const frame = src.frame(i)
      const packet = await enc.encode(frame)
      expect(packet).not.toBeNull()
      const out = await dec.decode((packet as EncodedVideoFrame).data)
      expect(out?.width).toBe(640)
      expect(out?.height).toBe(480)
      psnr.push(lumaPsnrDb(frame, out as I420Frame))
      expect(readFrameCounter(out as I420Frame)).toBe(i)
    }
    expect(Math.min(...psnr.slice(1))).toBeGreaterThan(35)
    await enc.close()
    await dec.close()
  })

  it('flags the first frame and a forced keyframe, and only those', () => {
    const src = new SyntheticVideoSource({ width: 320, height: 240 })
    const enc = new Vp9Encoder({ width: 320, height: 240, bitrateBps: 300_000 })
    const keys: number[] = []
    for (let i = 0; i < 40; i++) {
      if (i === 25) enc.forceKeyframe()
      const p = enc.encodeSync(src.frame(i), { keyframe: i === 12 })
      if (p?.keyframe === true) keys.push(i)
    }
    expect(keys).toEqual([0, 12, 25])
  })

  it('applies a bitrate change within ±15 % over 5 s, without a keyframe', () => {
    const src = new SyntheticVideoSource({ width: 640, height: 480 })
    const enc = new Vp9Encoder({ width: 640, height: 480, bitrateBps: 1_000_000, frameRate: FPS })
    let i = 0
    const run = (frames: number): Array<EncodedVideoFrame | null> =>
      Array.from({ length: frames }, () => enc.encodeSync(src.frame(i++)))
    run(FPS)  // rate control settles
    const before = bytesOf(run(5 * FPS)) * 8 / 5
    enc.setBitrate(400_000)
    const transition = run(FPS)
    expect(transition.filter(f => f?.keyframe === true)).toHaveLength(0)
    const after = bytesOf(run(5 * FPS)) * 8 / 5
    expect(Math.abs(before / 1_000_000 - 1)).toBeLessThan(0.15)
    expect(Math.abs(after / 400_000 - 1)).toBeLessThan(0.15)
    expect(enc.bitrateBps).toBe(400_000)
  })

  it('changes resolution at runtime, in place when shrinking and by re-creating when growing', () => {
    const enc = new Vp9Encoder({ width: 640, height: 480, bitrateBps: 800_000 })
    const dec = new Vp9Decoder()
    const big = new SyntheticVideoSource({ width: 640, height: 480 })
    const half = new SyntheticVideoSource({ width: 320, height: 240 })
    const hd = new SyntheticVideoSource({ width: 1280, height: 720 })
    for (let i = 0; i < 5; i++) dec.decodeSync((enc.encodeSync(big.frame(i)) as EncodedVideoFrame).data)
    expect(() => enc.encodeSync(half.frame(0))).toThrow(InvalidDimensionsError)
    enc.setResolution(320, 240)
    const small = enc.encodeSync(half.frame(5)) as EncodedVideoFrame
    expect(small.width).toBe(320)
    expect(small.keyframe).toBe(false)  // 2:1 is within VP9 reference scaling
    const out = dec.decodeSync(small.data) as I420Frame
    expect([out.width, out.height]).toEqual([320, 240])
    enc.setResolution(1280, 720)
    const grown = enc.encodeSync(hd.frame(6)) as EncodedVideoFrame
    expect(grown.keyframe).toBe(true)
    const out2 = dec.decodeSync(grown.data) as I420Frame
    expect([out2.width, out2.height]).toEqual([1280, 720])
    expect(readFrameCounter(out2)).toBe(6)
  })

  it('with temporal layers, the base layer decodes alone (top layers droppable without a keyframe)', () => {
    for (const layers of [2, 3]) {
      const src = new SyntheticVideoSource({ width: 320, height: 240 })
      const enc = new Vp9Encoder({ width: 320, height: 240, bitrateBps: 400_000, temporalLayers: layers })
      const full = new Vp9Decoder()
      const base = new Vp9Decoder()
      const seen = new Set<number>()
      let baseFrames = 0
      for (let i = 0; i < 48; i++) {
        const p = enc.encodeSync(src.frame(i)) as EncodedVideoFrame
        seen.add(p.temporalLayer)
        expect(full.decodeSync(p.data)).not.toBeNull()
        if (p.temporalLayer === 0) {
          const out = base.decodeSync(p.data) as I420Frame
          expect(readFrameCounter(out)).toBe(i)
          expect(lumaPsnrDb(src.frame(i), out)).toBeGreaterThan(30)
          baseFrames++
        }
      }
      expect([...seen].sort()).toEqual(Array.from({ length: layers }, (_, l) => l))
      expect(baseFrames).toBe(48 / (layers === 2 ? 2 : 4))
    }
  })

  it('supports threads, error resilience and quantizer limits', () => {
    const src = new SyntheticVideoSource({ width: 1280, height: 720 })
    const enc = new Vp9Encoder({ width: 1280, height: 720, threads: 2, errorResilient: true, minQuantizer: 10, maxQuantizer: 40, cpuUsed: 9, keyframeIntervalFrames: 10 })
    const dec = new Vp9Decoder({ threads: 2 })
    const keys: number[] = []
    for (let i = 0; i < 22; i++) {
      const p = enc.encodeSync(src.frame(i)) as EncodedVideoFrame
      if (p.keyframe) keys.push(i)
      expect(readFrameCounter(dec.decodeSync(p.data) as I420Frame)).toBe(i)
    }
    expect(keys.length).toBeGreaterThanOrEqual(2)
  })
})

describe('VP9 bad input', () => {
  it('rejects zero, odd and oversize dimensions and wrong-sized I420', async () => {
    expect(() => new Vp9Encoder({ width: 0, height: 480 })).toThrow(InvalidDimensionsError)
    expect(() => new Vp9Encoder({ width: 641, height: 480 })).toThrow(InvalidDimensionsError)
    expect(() => new Vp9Encoder({ width: 8192, height: 480 })).toThrow(InvalidDimensionsError)
    expect(() => new Vp9Encoder({ bitrateBps: 1 })).toThrow(InvalidOptionError)
    expect(() => new Vp9Encoder({ temporalLayers: 4 })).toThrow(InvalidOptionError)
    const enc = new Vp9Encoder({ width: 320, height: 240 })
    expect(() => enc.setResolution(321, 240)).toThrow(InvalidDimensionsError)
    const short = { data: new Uint8Array(i420ByteLength(320, 240) - 1), width: 320, height: 240 }
    expect(() => enc.encodeSync(short)).toThrow(InvalidI420SizeError)
    await expect(enc.encode({ data: new Uint8Array(10), width: 320, height: 240 })).rejects.toThrow(InvalidI420SizeError)
    await expect(enc.encode({ data: new Uint8Array(0), width: 0, height: 0 })).rejects.toThrow(InvalidDimensionsError)
    await enc.close()
    expect(() => enc.forceKeyframe()).toThrow(CodecClosedError)
  })

  it('rejects a packet declaring a huge frame before libvpx allocates it', () => {
    const dec = new Vp9Decoder()
    // Keyframe header, profile 0: marker 10, profile 00, show_existing 0, key 0, show 1, er 0,
    // sync code, colour space 000 + range 0, then width-1 = height-1 = 0xffff.
    const bits = '10' + '00' + '0' + '0' + '1' + '0' + '010010011000001101000010' + '000' + '0' +
      '1'.repeat(16) + '1'.repeat(16) + '0'.repeat(16)
    const bytes = new Uint8Array(Math.ceil(bits.length / 8) + 16)
    for (let i = 0; i < bits.length; i++) if (bits[i] === '1') bytes[i >> 3] = (bytes[i >> 3] ?? 0) | (0x80 >> (i & 7))
    expect(() => dec.decodeSync(bytes)).toThrow(FrameTooLargeError)
    expect(() => dec.decodeSync(new Uint8Array(0))).toThrow(InvalidArgumentError)
  })

  it('turns garbage bitstreams into typed errors (fuzz), then recovers on a keyframe', async () => {
    const src = new SyntheticVideoSource({ width: 320, height: 240 })
    const enc = new Vp9Encoder({ width: 320, height: 240, bitrateBps: 300_000 })
    const packets = Array.from({ length: 10 }, (_, i) => (enc.encodeSync(src.frame(i)) as EncodedVideoFrame).data)
    const dec = new Vp9Decoder()
    let seed = 99
    const rnd = (): number => { seed = (seed * 1103515245 + 12345) >>> 0; return seed >>> 16 }
    let failures = 0
    for (let i = 0; i < 1500; i++) {
      const base = packets[i % packets.length] as Uint8Array
      let p: Uint8Array
      if (i % 3 === 0) {
        p = new Uint8Array(1 + (rnd() % 3000))
        for (let j = 0; j < p.length; j++) p[j] = rnd() & 0xff
      } else if (i % 3 === 1) {
        p = base.slice(0, 1 + (rnd() % base.length))  // truncated
      } else {
        p = base.slice()
        for (let k = 0; k < 8; k++) p[rnd() % p.length] = rnd() & 0xff  // bit rot
      }
      try {
        const out = i % 2 === 0 ? dec.decodeSync(p) : await dec.decode(p)
        if (out !== null) expect(out.data.byteLength).toBe(i420ByteLength(out.width, out.height))
      } catch (err) {
        expect(err instanceof CorruptBitstreamError || err instanceof FrameTooLargeError).toBe(true)
        failures++
      }
    }
    expect(failures).toBeGreaterThan(100)
    const key = enc.encodeSync(src.frame(10), { keyframe: true }) as EncodedVideoFrame
    expect(readFrameCounter(dec.decodeSync(key.data) as I420Frame)).toBe(10)
  })
})
