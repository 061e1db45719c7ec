// Repeats in the latency harness (benchmarks/latency/ratios.mjs, winners.mjs): medians and
// min–max per metric, ratios of medians marked real only when the ranges don't overlap,
// and the report's per-scenario winners.
import { describe, expect, it } from 'vitest'
import { baselineOf, ratiosVsBaseline, separated, spread, summarize } from '../../benchmarks/latency/ratios.mjs'
import { winners } from '../../benchmarks/latency/winners.mjs'

function run (system: string, repeat: number, audioP50: number, psnr: number): Record<string, any> {
  return { system, scenario: 'clean', repeat, audio: { latencyMs: { p50: audioP50 } }, video: { latencyMs: { p50: 30 }, quality: { meanPsnrDb: psnr, meanSsim: 0.9 }, maxGapMs: 100 } }
}

describe('spread', () => {
  it('median, min, max over the repeats, leaving out failed runs and missing values', () => {
    const runs = [{ v: 3 }, { v: 1 }, { v: 10 }, { v: 2 }, { v: null }, { v: 99, error: 'x' }]
    expect(spread(runs, r => r.v)).toEqual({ median: 2.5, min: 1, max: 10, n: 4 })
    expect(spread([], r => r)).toEqual({ median: null, min: null, max: null, n: 0 })
  })

  it('a difference is real only when the min–max ranges are apart, unknown below 2 runs', () => {
    expect(separated({ median: 2, min: 1, max: 3, n: 3 }, { median: 5, min: 4, max: 6, n: 3 })).toBe(true)
    expect(separated({ median: 2, min: 1, max: 4, n: 3 }, { median: 5, min: 4, max: 6, n: 3 })).toBe(false)
    expect(separated({ median: 2, min: 2, max: 2, n: 1 }, { median: 5, min: 4, max: 6, n: 3 })).toBeNull()
  })
})

describe('ratiosVsBaseline and winners', () => {
  const runs = [
    run('parley', 1, 40, 45), run('libwebrtc', 1, 60, 44),
    run('parley', 2, 42, 40), run('libwebrtc', 2, 61, 46),
    run('parley', 3, 44, 42), run('libwebrtc', 3, 65, 45)
  ]
  const summary = summarize(runs)

  it('ratio of the medians, real when apart', () => {
    const r = ratiosVsBaseline(summary).clean?.parley
    expect(r?.audioP50).toEqual({ ratio: 0.69, real: true })
    expect(r?.psnrMean).toEqual({ ratio: 0.93, real: false })
    expect(r?.bitrate).toBeNull()
  })

  it('names the winner per category with its margin, in each metric\'s good direction', () => {
    const w = winners(summary).clean ?? []
    const audio = w.find(x => x.key === 'audioP50')
    expect(audio).toMatchObject({ winner: 'parley', value: 42, runnerUp: 'libwebrtc', runnerUpValue: 61, margin: 19, real: true })
    const psnr = w.find(x => x.key === 'psnrMean')
    expect(psnr).toMatchObject({ winner: 'libwebrtc', value: 45, margin: 3, real: false })
  })
})

describe('the browser-to-browser group', () => {
  const runs = [
    run('gui-parley', 1, 300, 30), run('gui-webrtc', 1, 150, 36),
    run('gui-parley', 2, 320, 31), run('gui-webrtc', 2, 160, 35),
    run('parley', 1, 40, 45), run('libwebrtc', 1, 60, 44)
  ]
  const summary = summarize(runs)

  it('gui-parley is compared with gui-webrtc, the engines with libwebrtc; baselines get no ratio', () => {
    expect(baselineOf('gui-parley')).toBe('gui-webrtc')
    expect(baselineOf('parley-single-stream')).toBe('libwebrtc')
    expect(baselineOf('gui-webrtc')).toBeNull()
    expect(baselineOf('libwebrtc')).toBeNull()
    const r = ratiosVsBaseline(summary).clean
    expect(r?.['gui-parley']?.audioP50).toEqual({ ratio: 2, real: true })
    expect(r?.parley?.audioP50).toEqual({ ratio: 0.67, real: null })
    expect(Object.keys(r ?? {}).sort()).toEqual(['gui-parley', 'parley'])
  })

  it('winners are ranked within a group: an engine\'s number never beats a browser\'s', () => {
    const gui = winners(summary, ['gui-parley', 'gui-webrtc']).clean?.find(x => x.key === 'audioP50')
    expect(gui).toMatchObject({ winner: 'gui-webrtc', value: 155, runnerUp: 'gui-parley', runnerUpValue: 310, real: true })
    const all = winners(summary).clean?.find(x => x.key === 'audioP50')
    expect(all?.winner).toBe('parley')
  })
})
