import { describe, expect, it } from 'vitest'
import {
  InvalidDimensionsError, ManualClock, SyntheticAudioSource, SyntheticVideoSource, drawFrameCounter,
  i420ByteLength, readFrameCounter
} from '../../src/index.js'
import { estimateFrequencyHz } from '../helpers/audio-analysis.js'

describe('SyntheticAudioSource', () => {
  it('produces a tone at its frequency and clicks at known times', () => {
    const tone = new SyntheticAudioSource({ signals: [{ type: 'tone', frequencyHz: 1000, amplitude: 0.5 }] })
    const f = tone.frame(3)
    expect(f.length).toBe(960)
    expect(Math.abs(estimateFrequencyHz(f, 48_000) - 1000)).toBeLessThan(1)
    const clicks = new SyntheticAudioSource({ channels: 2, signals: [{ type: 'clicks', atMs: [50], amplitude: 0.9, widthSamples: 10 }] })
    const frame2 = clicks.frame(2)  // 40 … 60 ms
    const firstLoud = frame2.findIndex(v => v > 20_000)
    expect(firstLoud).toBe(10 * 48 * 2)  // 10 ms into the frame, interleaved stereo
    expect(clicks.frame(0).every(v => v === 0)).toBe(true)
  })

  it('sweeps frequency with a chirp', () => {
    const chirp = new SyntheticAudioSource({ signals: [{ type: 'chirp', startHz: 200, endHz: 2200, durationMs: 1000 }] })
    const early = estimateFrequencyHz(chirp.frame(1), 48_000)
    const late = estimateFrequencyHz(chirp.frame(45), 48_000)
    expect(early).toBeLessThan(300)
    expect(late).toBeGreaterThan(1900)
  })

  it('is paced by an injected clock', async () => {
    const clock = new ManualClock(1000)
    const src = new SyntheticAudioSource()
    const got: Array<{ index: number, ts: number, at: number }> = []
    const run = (async () => {
      for await (const f of src.frames({ clock, count: 3 })) got.push({ index: f.index, ts: f.captureTsUs, at: clock.nowMs() })
    })()
    await clock.advance(100)
    await run
    expect(got).toEqual([
      { index: 0, ts: 1_000_000, at: 1000 },
      { index: 1, ts: 1_020_000, at: 1020 },
      { index: 2, ts: 1_040_000, at: 1040 }
    ])
  })
})

describe('SyntheticVideoSource', () => {
  it('draws a readable frame counter and moves between frames', () => {
    const src = new SyntheticVideoSource({ width: 320, height: 240 })
    const a = src.frame(1234)
    expect(a.data.byteLength).toBe(i420ByteLength(320, 240))
    expect(readFrameCounter(a)).toBe(1234)
    expect(readFrameCounter(src.frame(65_535))).toBe(65_535)
    const b = src.frame(1235)
    expect(Buffer.compare(Buffer.from(a.data.subarray(320 * 40)), Buffer.from(b.data.subarray(320 * 40)))).not.toBe(0)
    drawFrameCounter(a, 7)
    expect(readFrameCounter(a)).toBe(7)
  })

  it('rejects odd or too small dimensions', () => {
    expect(() => new SyntheticVideoSource({ width: 321, height: 240 })).toThrow(InvalidDimensionsError)
    expect(() => new SyntheticVideoSource({ width: 32, height: 32 })).toThrow(InvalidDimensionsError)
  })

  it('is paced by an injected clock at its frame rate', async () => {
    const clock = new ManualClock(0)
    const src = new SyntheticVideoSource({ width: 320, height: 240, frameRate: 10 })
    const times: number[] = []
    const run = (async () => {
      for await (const f of src.frames({ clock, count: 4 })) times.push(f.captureTsUs)
    })()
    await clock.advance(1000)
    await run
    expect(times).toEqual([0, 100_000, 200_000, 300_000])
  })
})
