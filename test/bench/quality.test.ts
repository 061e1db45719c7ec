// Quality math of the latency harness (benchmarks/latency/quality.mjs) on inputs whose
// answers are known in closed form.
import { describe, expect, it } from 'vitest'
import { AudioMarkerDetector, audioFrame, createVideoContent, AUDIO_FRAME_SAMPLES } from '../../benchmarks/latency/content.mjs'
import { AudioSimilarityTracker, VideoQualityRecorder, correlation, psnr, qualityEveryN, scalePlane, ssim, summarizeAudioSimilarity, summarizeVideoQuality, unwrapId } from '../../benchmarks/latency/quality.mjs'

const W = 64
const H = 48
const ramp = (): Uint8Array => Uint8Array.from({ length: W * H }, (_, i) => 40 + ((i % W) + Math.floor(i / W)) % 160)

/** Deterministic noise in [-1, 1) (xorshift), so the tests never flake. */
function noise (n: number, seed = 1): Float64Array {
  let s = seed
  return Float64Array.from({ length: n }, () => { s ^= s << 13; s ^= s >>> 17; s ^= s << 5; return ((s >>> 0) / 2 ** 32) * 2 - 1 })
}

describe('psnr / ssim', () => {
  it('identical planes: PSNR is infinite, SSIM is 1', () => {
    const a = ramp()
    expect(psnr(a, a.slice())).toBe(Infinity)
    expect(ssim(a, a.slice(), W, H)).toBeCloseTo(1, 10)
  })

  it('a constant +10 offset: MSE 100 → 28.13 dB', () => {
    const a = ramp()
    const b = a.map(x => x + 10)
    expect(psnr(a, b)).toBeCloseTo(10 * Math.log10(255 * 255 / 100), 10)
    expect(psnr(a, b)).toBeCloseTo(28.13, 2)
    // structure and contrast intact, only luminance shifts: SSIM stays close to 1
    const s = ssim(a, b, W, H) ?? 0
    expect(s).toBeGreaterThan(0.95)
    expect(s).toBeLessThan(1)
  })

  it('SSIM of a flat plane against a textured one is near 0', () => {
    const a = Uint8Array.from(noise(W * H), x => 128 + Math.round(x * 100))
    const b = new Uint8Array(W * H).fill(128)
    expect(Math.abs(ssim(a, b, W, H) ?? 1)).toBeLessThan(0.05)
  })

  it('rejects planes of different sizes', () => {
    expect(() => psnr(new Uint8Array(4), new Uint8Array(5))).toThrow(RangeError)
  })
})

describe('scalePlane', () => {
  it('keeps a flat plane flat and a same-size plane as is', () => {
    const flat = new Uint8Array(32 * 18).fill(77)
    expect(scalePlane(flat, 32, 18, 64, 36).every(x => x === 77)).toBe(true)
    const a = ramp()
    expect(scalePlane(a, W, H, W, H)).toBe(a)
  })

  it('a half-size picture scaled back up scores high but not perfect against the source', () => {
    const src = createVideoContent({ width: 320, height: 180 }).frame(7).data.subarray(0, 320 * 180)
    const small = scalePlane(src, 320, 180, 160, 90)
    const back = scalePlane(small, 160, 90, 320, 180)
    const p = psnr(src, back)
    expect(p).toBeGreaterThan(20)
    expect(p).toBeLessThan(60)
  })
})

describe('VideoQualityRecorder', () => {
  it('scores kept frames against the regenerated source: the source itself is perfect', () => {
    const video = { width: 320, height: 180, fps: 30 }
    const content = createVideoContent(video)
    const rec = new VideoQualityRecorder(video, 1000)
    expect(rec.everyN).toBe(1)
    const records = [0, 1, 2].map(i => ({ id: i } as { id: number, psnrDb?: number, ssim?: number | null }))
    records.forEach((r, i) => rec.keep(r, content.frame(i).data, 320, 180))
    const shifted = content.frame(3).data.map((x, i) => i < 320 * 180 ? Math.min(255, x + 10) : x)
    const last = { id: 3 } as { id: number, psnrDb?: number, ssim?: number | null }
    rec.keep(last, shifted, 320, 180)
    expect(rec.score().scored).toBe(4)
    expect(records.map(r => [r.psnrDb, r.ssim])).toEqual([[100, 1], [100, 1], [100, 1]])
    expect(last.psnrDb).toBeGreaterThan(28)
    expect(last.psnrDb).toBeLessThan(28.5)
  })

  it('picks every Nth frame to fit the budget and unwraps 12-bit ids', () => {
    expect(qualityEveryN({ width: 1280, height: 720, fps: 30 }, 60_000, 1280 * 720 * 300)).toBe(6)
    expect(unwrapId(2, 4095)).toBe(4098)
    expect(unwrapId(4095, 4098)).toBe(4095)
    expect(unwrapId(5, null)).toBe(5)
  })
})

describe('audio similarity', () => {
  it('correlation: identical → 1, inverted → -1, flat → null', () => {
    const a = audioFrame(0)
    expect(correlation(a, a)).toBeCloseTo(1, 10)
    expect(correlation(a, a.map(x => -x))).toBeCloseTo(-1, 10)
    expect(correlation(a, new Int16Array(a.length))).toBeNull()
  })

  it('a known noise level: signal power S, noise power N → √(S / (S + N))', () => {
    const s = noise(48_000, 7)
    const n = noise(48_000, 99)
    // equal powers: expected 1/√2
    const mixed = s.map((x, i) => x + (n[i] ?? 0))
    expect(correlation(s, mixed)).toBeCloseTo(Math.SQRT1_2, 1)
  })

  it('tracks detected markers: a clean stream scores 1, also when it arrives a few samples late; noise lowers it', () => {
    const run = (delaySamples: number, noiseAmp: number): Array<{ id: number, similarity?: number | null }> => {
      const detector = new AudioMarkerDetector()
      const tracker = new AudioSimilarityTracker()
      const found: Array<{ id: number, similarity?: number | null }> = []
      const n = noise(40 * AUDIO_FRAME_SAMPLES, 3)
      const all = new Int16Array(40 * AUDIO_FRAME_SAMPLES + delaySamples)
      for (let i = 0; i < 40; i++) all.set(audioFrame(i), delaySamples + i * AUDIO_FRAME_SAMPLES)
      for (let i = 0; i < 40; i++) {
        const pcm = all.slice(i * AUDIO_FRAME_SAMPLES, (i + 1) * AUDIO_FRAME_SAMPLES).map((x, j) => x + Math.round(noiseAmp * (n[i * AUDIO_FRAME_SAMPLES + j] ?? 0)))
        tracker.push(pcm)
        for (const m of detector.push(pcm, i * 20)) { found.push(m); tracker.track(m) }
      }
      tracker.push(new Int16Array(AUDIO_FRAME_SAMPLES))
      return found.filter(m => m.similarity !== undefined)
    }
    for (const delay of [0, 3, 130]) {
      const scored = run(delay, 0)
      expect(scored.length).toBeGreaterThanOrEqual(6)
      for (const m of scored) expect(m.similarity).toBeCloseTo(1, 3)
    }
    // uniform noise of amplitude 2000 (power 2000²/3) under a 10 ms burst of amplitude
    // 16 000 (power ≈ 16 000²/2 over half the block): expected √(S / (S + N)) ≈ 0.97
    const noisy = summarizeAudioSimilarity(run(0, 2000))
    const s = 16_000 ** 2 / 2 / 2
    const expected = Math.sqrt(s / (s + 2000 ** 2 / 3))
    expect(noisy.mean).toBeGreaterThan(expected - 0.02)
    expect(noisy.mean).toBeLessThan(expected + 0.01)
  })
})

describe('summaries', () => {
  it('mean, p5 and the share below 30 dB; audio mean and p5', () => {
    const frames = [20, 30, 40, 50].map(p => ({ psnrDb: p, ssim: p / 50 }))
    const v = summarizeVideoQuality(frames)
    expect(v).toEqual({ n: 4, meanPsnrDb: 35, p5PsnrDb: 21.5, belowLowShare: 0.25, meanSsim: 0.7 })
    expect(summarizeVideoQuality([{}]).meanPsnrDb).toBeNull()
    expect(summarizeAudioSimilarity([{ similarity: 1 }, { similarity: 0 }, { similarity: null }])).toEqual({ n: 2, mean: 0.5, p5: 0.05 })
  })
})
