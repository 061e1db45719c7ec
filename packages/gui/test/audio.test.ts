import { describe, expect, it } from 'vitest'
import { LevelMeter } from '../src/media/level.js'
import { LinearResampler } from '../src/media/resampler.js'

describe('LinearResampler', () => {
  it('turns about a second at 44.1 kHz into the same time at 48 kHz, block by block, without a seam', () => {
    const r = new LinearResampler(44_100, 48_000)
    const out: number[] = []
    const hz = 440
    const blocks = 344
    for (let block = 0; block < blocks; block++) {
      const input = new Float32Array(128)
      for (let i = 0; i < 128; i++) input[i] = Math.sin(2 * Math.PI * hz * (block * 128 + i) / 44_100)
      r.push(input, s => { out.push(s) })
    }
    expect(Math.abs(out.length - blocks * 128 * 48_000 / 44_100)).toBeLessThan(2)
    // the same tone at the new rate (one sample of delay), within interpolation error
    for (let i = 1000; i < 1100; i++) expect(Math.abs((out[i] ?? 0) - Math.sin(2 * Math.PI * hz * (i - 1) / 48_000))).toBeLessThan(0.01)
  })

  it('passes samples through when the rates match', () => {
    const out: number[] = []
    new LinearResampler(48_000, 48_000).push(new Float32Array([0.5, -0.25]), s => { out.push(s) })
    expect(out).toEqual([0.5, -0.25])
  })
})

describe('LevelMeter', () => {
  it('reads silence as 0, a full-scale tone near 100, and holds the peak after the sound stops', () => {
    const m = new LevelMeter()
    expect(m.push(new Int16Array(960), 0).level).toBe(0)
    const tone = Int16Array.from({ length: 960 }, (_, i) => Math.round(32_000 * Math.sin(2 * Math.PI * i / 48)))
    const loud = m.push(tone, 20)
    expect(loud.level).toBeGreaterThan(90)
    let after = loud
    for (let t = 40; t < 1_000; t += 20) after = m.push(new Int16Array(960), t)
    expect(after.level).toBeLessThan(loud.level / 2)
    expect(after.peak).toBeCloseTo(loud.peak)
  })
})
