import { describe, expect, it } from 'vitest'
import {
  CodecClosedError, CorruptBitstreamError, InvalidArgumentError, InvalidOptionError, InvalidPcmSizeError,
  OpusDecoder, OpusEncoder, SyntheticAudioSource
} from '../../src/index.js'
import { bestDelay, concat, estimateFrequencyHz, rms, snrDb } from '../helpers/audio-analysis.js'

const TONE_HZ = 440

function encodeTone (frames: number, enc = new OpusEncoder()): { ref: Int16Array[], packets: Uint8Array[] } {
  const src = new SyntheticAudioSource({ channels: enc.channels, frameDurationMs: enc.frameDurationMs, signals: [{ type: 'tone', frequencyHz: TONE_HZ, amplitude: 0.5 }] })
  const ref: Int16Array[] = []
  const packets: Uint8Array[] = []
  for (let i = 0; i < frames; i++) {
    const f = src.frame(i)
    ref.push(f)
    packets.push(enc.encodeSync(f))
  }
  return { ref, packets }
}

describe('Opus round trip', () => {
  it('keeps a tone\'s frequency and a minimum SNR (async path)', async () => {
    const enc = new OpusEncoder({ bitrateBps: 32_000 })
    const dec = new OpusDecoder()
    const src = new SyntheticAudioSource({ signals: [{ type: 'tone', frequencyHz: TONE_HZ, amplitude: 0.5 }] })
    const ref: Int16Array[] = []
    const out: Int16Array[] = []
    for (let i = 0; i < 100; i++) {
      const f = src.frame(i)
      ref.push(f)
      out.push(await dec.decode(await enc.encode(f)))
    }
    const decoded = concat(out)
    expect(decoded.length).toBe(100 * 960)
    const steady = decoded.subarray(48_000 / 4)
    expect(Math.abs(estimateFrequencyHz(steady, 48_000) - TONE_HZ)).toBeLessThan(2)
    const { snr } = bestDelay(concat(ref).subarray(9600, 40_000), decoded.subarray(9600), 1000)
    expect(snr).toBeGreaterThan(20)
    await enc.close()
    await dec.close()
  })

  it('round-trips stereo with 10, 40 and 60 ms frames', () => {
    for (const frameDurationMs of [10, 40, 60] as const) {
      const enc = new OpusEncoder({ channels: 2, frameDurationMs, bitrateBps: 64_000 })
      const dec = new OpusDecoder({ channels: 2, frameDurationMs })
      const { packets } = encodeTone(20, enc)
      const pcm = dec.decodeSync(packets[10] as Uint8Array)
      expect(pcm.length).toBe(48 * frameDurationMs * 2)
      expect(dec.decodeSync(null).length).toBe(48 * frameDurationMs * 2)
    }
  })

  it('changes bitrate at runtime', () => {
    const enc = new OpusEncoder({ bitrateBps: 64_000 })
    const high = encodeTone(50, enc).packets.slice(10).reduce((n, p) => n + p.length, 0)
    enc.setBitrate(12_000)
    expect(enc.bitrateBps).toBe(12_000)
    const low = encodeTone(50, enc).packets.slice(10).reduce((n, p) => n + p.length, 0)
    expect(low).toBeLessThan(high / 3)
    expect(() => enc.setBitrate(5_000)).toThrow(InvalidOptionError)
    expect(() => enc.setBitrate(510_001)).toThrow(InvalidOptionError)
  })

  it('sends tiny packets for silence with DTX', () => {
    const enc = new OpusEncoder({ dtx: true })
    const silent = new Int16Array(960)
    const sizes = Array.from({ length: 50 }, () => enc.encodeSync(silent).length)
    // DTX still sends a comfort-noise update every 400 ms.
    const tiny = sizes.slice(20).filter(s => s <= 3).length
    expect(tiny).toBeGreaterThanOrEqual(25)
    enc.setDtx(false)
    const after = Array.from({ length: 10 }, () => enc.encodeSync(silent).length)
    expect(after.every(s => s > 3)).toBe(true)
  })
})

describe('Opus loss handling', () => {
  it('PLC yields exactly one frame', async () => {
    const dec = new OpusDecoder()
    const { packets } = encodeTone(5)
    await dec.decode(packets[0] as Uint8Array)
    const concealed = await dec.decode(null)
    expect(concealed.length).toBe(960)
    const dec40 = new OpusDecoder({ frameDurationMs: 40, channels: 2 })
    expect(dec40.decodeSync(null).length).toBe(1920 * 2)
  })

  it('FEC recovers a dropped frame far better than PLC', () => {
    const { ref, packets } = encodeTone(80, new OpusEncoder({ fec: true, expectedLossPercent: 20 }))
    const lost = 50
    const refAll = concat(ref)
    const run = (mode: 'fec' | 'plc'): Int16Array => {
      const dec = new OpusDecoder()
      const out: Int16Array[] = []
      for (let i = 0; i < packets.length; i++) {
        if (i === lost) out.push(mode === 'fec' ? dec.decodeFecSync(packets[lost + 1] as Uint8Array) : dec.decodeSync(null))
        else out.push(dec.decodeSync(packets[i] as Uint8Array))
      }
      expect(out[lost]?.length).toBe(960)
      return concat(out)
    }
    const { delay } = bestDelay(refAll.subarray(9600, 30_000), run('fec').subarray(9600), 1000)
    const lostRef = refAll.subarray(lost * 960, (lost + 1) * 960)
    const fecSnr = snrDb(lostRef, run('fec').subarray(lost * 960), delay)
    const plcSnr = snrDb(lostRef, run('plc').subarray(lost * 960), delay)
    expect(fecSnr).toBeGreaterThan(15)
    expect(fecSnr).toBeGreaterThan(plcSnr + 10)
  })

  it('without FEC in the stream, decodeFec still yields one concealed frame', () => {
    const { packets } = encodeTone(10, new OpusEncoder({ fec: false }))
    const dec = new OpusDecoder()
    dec.decodeSync(packets[0] as Uint8Array)
    expect(dec.decodeFecSync(packets[2] as Uint8Array).length).toBe(960)
  })
})

describe('Opus bad input', () => {
  it('rejects wrong-sized PCM with a typed error', async () => {
    const enc = new OpusEncoder()
    expect(() => enc.encodeSync(new Int16Array(959))).toThrow(InvalidPcmSizeError)
    await expect(enc.encode(new Int16Array(1920))).rejects.toThrow(InvalidPcmSizeError)
    expect(() => enc.encodeSync(new Uint8Array(1920) as unknown as Int16Array)).toThrow(InvalidPcmSizeError)
    const stereo = new OpusEncoder({ channels: 2 })
    expect(() => stereo.encodeSync(new Int16Array(960))).toThrow(InvalidPcmSizeError)
  })

  it('rejects bad options', () => {
    expect(() => new OpusEncoder({ channels: 3 as 1 })).toThrow(InvalidOptionError)
    expect(() => new OpusEncoder({ frameDurationMs: 30 as 20 })).toThrow(InvalidOptionError)
    expect(() => new OpusEncoder({ complexity: 11 })).toThrow(InvalidOptionError)
    expect(() => new OpusDecoder({ channels: 0 as 1 })).toThrow(InvalidOptionError)
  })

  it('rejects empty packets and use after close', async () => {
    const dec = new OpusDecoder()
    expect(() => dec.decodeSync(new Uint8Array(0))).toThrow(InvalidArgumentError)
    await dec.close()
    await expect(dec.decode(null)).rejects.toThrow(CodecClosedError)
    const enc = new OpusEncoder()
    await enc.close()
    expect(() => enc.encodeSync(new Int16Array(960))).toThrow(CodecClosedError)
  })

  it('survives garbage packets (fuzz): output or CorruptBitstreamError, never a crash', async () => {
    const dec = new OpusDecoder({ channels: 2 })
    let seed = 12345
    const rnd = (): number => { seed = (seed * 1103515245 + 12345) >>> 0; return seed >>> 16 }
    let corrupt = 0
    for (let i = 0; i < 3000; i++) {
      const len = 1 + (rnd() % 1500)
      const p = new Uint8Array(len)
      for (let j = 0; j < len; j++) p[j] = rnd() & 0xff
      try {
        const pcm = i % 2 === 0 ? dec.decodeSync(p) : await dec.decode(p)
        expect(pcm.length % 2).toBe(0)
      } catch (err) {
        expect(err).toBeInstanceOf(CorruptBitstreamError)
        corrupt++
      }
    }
    expect(corrupt).toBeGreaterThan(0)
    // Still usable afterwards.
    const { packets } = encodeTone(3, new OpusEncoder({ channels: 2 }))
    expect(rms(dec.decodeSync(packets[0] as Uint8Array))).toBeGreaterThanOrEqual(0)
  })
})
