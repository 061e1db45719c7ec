// Latency harness matching (benchmarks/latency/measure.mjs): modular content ids are
// unwrapped against what was sent, loss counts only the measured window.
import { describe, expect, it } from 'vitest'
import { matchByContent, measure } from '../../benchmarks/latency/measure.mjs'

describe('matchByContent', () => {
  it('unwraps modular ids to the latest earlier send within the window', () => {
    const sent = Array.from({ length: 20 }, (_, i) => ({ id: i, atMs: i * 100 }))
    // marker 9 (id 1 mod 8) received 30 ms late; marker 3 received 130 ms late
    const { matched, unmatched } = matchByContent(sent, [{ id: 1, atMs: 930 }, { id: 3, atMs: 430 }], 8, 800)
    expect(matched.map(m => [m.id, Math.round(m.latencyMs)])).toEqual([[3, 130], [9, 30]])
    expect(unmatched).toBe(0)
  })

  it('rejects receipts with no send inside the window, and counts duplicates once', () => {
    const sent = [{ id: 0, atMs: 0 }, { id: 1, atMs: 100 }]
    const r = matchByContent(sent, [{ id: 0, atMs: 900 }, { id: 1, atMs: 150 }, { id: 1, atMs: 160 }, { id: 5, atMs: 200 }], 8, 800)
    expect(r.matched.map(m => m.id)).toEqual([1])
    expect(r.unmatched).toBe(2)
    expect(r.duplicates).toBe(1)
  })
})

describe('measure', () => {
  it('counts latency and loss in the window only (after warm-up, before the tail)', () => {
    const video = { sent: Array.from({ length: 300 }, (_, i) => ({ id: i, atMs: 1000 + i * 33.3 })), received: [] as Array<{ id: number, atMs: number, width: number, height: number }> }
    for (const s of video.sent) if (s.id % 10 !== 0) video.received.push({ id: s.id % 4096, atMs: s.atMs + 40 + (s.id % 3), width: 640, height: 360 })
    const audio = { sent: Array.from({ length: 100 }, (_, i) => ({ id: i, atMs: 1000 + i * 100 })), received: [] as Array<{ id: number, atMs: number }>, concealedFrames: 3 }
    for (const s of audio.sent) audio.received.push({ id: s.id % 8, atMs: s.atMs + 60 })
    const m = measure({ system: 'x', video, audio, timeline: [{ tMs: 2000, videoBps: 5e5, audioBps: 3e4 }, { tMs: 2500, videoBps: 7e5, audioBps: 3e4 }] }, { warmupMs: 1000 })
    expect(m.video.latencyMs.p50).toBeGreaterThanOrEqual(40)
    expect(m.video.latencyMs.max).toBeLessThanOrEqual(42.1)
    expect(m.video.lossPercent).toBeCloseTo(10, 0)
    expect(m.audio.latencyMs.p50).toBeCloseTo(60, 1)
    expect(m.audio.lost).toBe(0)
    // warm-up 1 s and tail 1 s of a 9.9 s run
    expect(m.audio.sent).toBe(80)
    expect(m.bitrate.totalBps).toBe(630_000)
    expect(m.video.sizes).toEqual({ '640x360': m.video.received })
  })
})
