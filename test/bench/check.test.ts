// The CI gate of the latency harness (benchmarks/latency/check.mjs): a run needs latency,
// loss, bitrate, CPU/RSS and the quality figures, in every repeat.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

const CHECK = new URL('../../benchmarks/latency/check.mjs', import.meta.url).pathname
const SYSTEMS = ['parley', 'parley-single-stream', 'libwebrtc']
const GUI = ['gui-parley', 'gui-webrtc']
const dirs: string[] = []

function goodRun (system: string, repeat: number, scenario = 'clean'): Record<string, any> {
  const kind = { received: 10, latencyMs: { p50: 1, p95: 2, p99: 3 }, lossPercent: 0 }
  return {
    system,
    scenario,
    repeat,
    audio: { ...kind, similarity: { n: 10, mean: 0.99, p5: 0.98 } },
    video: { ...kind, quality: { n: 10, meanPsnrDb: 40, p5PsnrDb: 35, belowLowShare: 0, meanSsim: 0.98 } },
    bitrate: { totalBps: 500_000 },
    endpoints: { sender: { cpuPercent: 10, rssMiB: 50 }, receiver: { cpuPercent: 10, rssMiB: 50 } },
    path: { viaRelay: true }
  }
}

function check (runs: Array<Record<string, any>>): { status: number | null, stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'latency-check-'))
  dirs.push(dir)
  writeFileSync(join(dir, 'latency.json'), JSON.stringify({ machine: {}, runs }))
  writeFileSync(join(dir, 'latency-report.html'), '<!doctype html>')
  const r = spawnSync(process.execPath, [CHECK, dir], { encoding: 'utf8' })
  return { status: r.status, stderr: r.stderr }
}

afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }) })

describe('latency check', () => {
  it('passes when every system has every figure in every repeat', () => {
    expect(check([1, 2].flatMap(k => [...GUI, ...SYSTEMS].map(s => goodRun(s, k)))).status).toBe(0)
  })

  it('wants the gui systems somewhere (as --quick runs them: in one scenario of two), and both where one ran', () => {
    const engines = ['clean', 'rtt50-loss3'].flatMap(sc => SYSTEMS.map(s => goodRun(s, 1, sc)))
    expect(check([...engines, ...GUI.map(s => goodRun(s, 1))]).status).toBe(0)
    const none = check(engines)
    expect(none.status).toBe(1)
    expect(none.stderr).toContain('gui-parley: not run in any scenario')
    const half = check([...engines, goodRun('gui-parley', 1)])
    expect(half.status).toBe(1)
    expect(half.stderr).toContain('clean · gui-webrtc: not run (its partner gui-parley was)')
    const failed = check([...engines, goodRun('gui-parley', 1), { ...goodRun('gui-webrtc', 1), error: 'no camera' }])
    expect(failed.stderr).toContain('clean · gui-webrtc: failed (no camera)')
  })

  it('fails without PSNR, SSIM or audio similarity, naming the run', () => {
    const runs = [1, 2].flatMap(k => [...GUI, ...SYSTEMS].map(s => goodRun(s, k)))
    const noQuality = runs.find(r => r.system === 'libwebrtc' && r.repeat === 2)
    if (noQuality === undefined) throw new Error('fixture')
    noQuality.video.quality = { n: 0, meanPsnrDb: null, p5PsnrDb: null, belowLowShare: null, meanSsim: null }
    noQuality.audio.similarity = { n: 0, mean: null, p5: null }
    const r = check(runs)
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('clean · libwebrtc · run 2: video quality meanPsnrDb is not a number')
    expect(r.stderr).toContain('meanSsim is not a number')
    expect(r.stderr).toContain('clean · libwebrtc · run 2: audio similarity is not a number')
    expect(r.stderr).not.toContain('run 1')
  })

  it('fails when a system did not run or failed', () => {
    const r = check([goodRun('parley', 1), { ...goodRun('libwebrtc', 1), error: 'boom' }])
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('clean · parley-single-stream: not run')
    expect(r.stderr).toContain('clean · libwebrtc: failed (boom)')
  })
})
