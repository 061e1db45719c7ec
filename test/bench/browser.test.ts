// The pure parts of the latency harness's browser-to-browser systems (benchmarks/latency/
// browser/): the fake-device files Chromium plays, the page's id reader, and how sightings
// in a busy page are placed on the devices' own clocks.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { batchClock, nextMarkerIndex, productionTimes } from '../../benchmarks/latency/browser/collect.mjs'
import { wavHeader, writeFakeDevices, y4mHeader } from '../../benchmarks/latency/browser/fake-devices.mjs'
import { audioFrame, createVideoContent, readVideoId } from '../../benchmarks/latency/content.mjs'

const CONTENT = new URL('../../benchmarks/latency/content.mjs', import.meta.url).href

const dirs: string[] = []
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }) })

describe('fake device files', () => {
  it('a Y4M stream of content frames and a WAV of content audio, byte for byte', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fake-devices-'))
    dirs.push(dir)
    const video = { width: 64, height: 64, fps: 30 }
    const files = writeFakeDevices(dir, video, 0.2)
    expect(files.frames).toBe(6)
    const y4m = readFileSync(files.video)
    const header = y4mHeader(video)
    expect(header).toBe('YUV4MPEG2 W64 H64 F30:1 Ip A1:1 C420jpeg\n')
    const frameBytes = 64 * 64 * 3 / 2
    expect(y4m.length).toBe(header.length + 6 * ('FRAME\n'.length + frameBytes))
    // frame 4 of the file is content frame 4: its id reads back as 4
    const at = header.length + 4 * ('FRAME\n'.length + frameBytes) + 'FRAME\n'.length
    expect(y4m.subarray(at - 6, at).toString()).toBe('FRAME\n')
    const frame4 = new Uint8Array(y4m.subarray(at, at + frameBytes))
    expect(Buffer.compare(Buffer.from(frame4), Buffer.from(createVideoContent(video).frame(4).data.subarray(0, frameBytes)))).toBe(0)
    expect(readVideoId({ data: frame4, width: 64, height: 64 }, 64, 64)).toBe(4)

    const wav = readFileSync(files.audio)
    expect(wav.subarray(0, 44)).toEqual(wavHeader(10 * 960))
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF')
    expect(wav.readUInt32LE(24)).toBe(48_000)
    expect(wav.readUInt16LE(34)).toBe(16)
    expect(wav.readUInt32LE(40)).toBe(10 * 960 * 2)
    // audio frame 5 (marker 1) at its place
    const pcm5 = new Int16Array(wav.buffer.slice(wav.byteOffset + 44 + 5 * 1920, wav.byteOffset + 44 + 6 * 1920))
    expect(Array.from(pcm5)).toEqual(Array.from(audioFrame(5)))
  })
})

describe('the page-side id reader', () => {
  it('is readVideoId itself: the same ids, and the same rejections, at any picture size', () => {
    // in plain Node, as the harness builds it (vitest rewrites the imports inside function sources)
    const script = `
      import { createVideoContent, readVideoId, videoIdReaderSource } from ${JSON.stringify(CONTENT)}
      const inPage = (0, eval)(videoIdReaderSource())
      const out = []
      for (const [w, h] of [[640, 360], [1280, 720]]) {
        const content = createVideoContent({ width: w, height: h })
        for (const id of [0, 1, 77, 4095]) out.push([inPage(content.frame(id), w, h), readVideoId(content.frame(id), w, h)])
      }
      const grey = { data: new Uint8Array(640 * 360).fill(128), width: 640, height: 360 }
      out.push([inPage(grey, 640, 360), readVideoId(grey, 640, 360)])
      console.log(JSON.stringify(out))`
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
    expect(r.stderr).toBe('')
    expect(JSON.parse(r.stdout)).toEqual([[0, 0], [1, 1], [77, 77], [4095, 4095], [0, 0], [1, 1], [77, 77], [4095, 4095], [null, null]])
  })
})

describe('placing sightings on the device clock', () => {
  it('frame i was produced at origin + i × period: late sightings do not move it, unseen frames get their time', () => {
    const origin = 1_000_000
    const period = 1000 / 30
    // frames 0..89 seen; most late by 5–200 ms (a busy main thread), every 10th on time
    const seen = Array.from({ length: 90 }, (_, i) => ({ id: i, atMs: origin + i * period + (i % 10 === 0 ? 0 : 5 + (i * 37) % 195) }))
      .filter(s => s.id % 7 !== 3) // some never seen at all
    const { produced, delayMs } = productionTimes(seen, period, 0, 89)
    expect(produced).toHaveLength(90)
    for (const p of produced) expect(p.atMs).toBeCloseTo(origin + p.id * period, 6)
    expect(Math.min(...delayMs)).toBeCloseTo(0, 6)
    expect(Math.max(...delayMs)).toBeGreaterThan(150)
  })

  it('follows a device clock that drifts against the wall clock', () => {
    // 0.1 % slow over 60 s: 60 ms by the end, more than a frame
    const period = 1000 / 30
    const seen = Array.from({ length: 1800 }, (_, i) => ({ id: i, atMs: 5000 + i * period * 1.001 + (i % 5 === 0 ? 0 : 30) }))
    const { produced } = productionTimes(seen, period, 0, 1799)
    expect(produced[1799]?.atMs).toBeCloseTo(5000 + 1799 * period * 1.001, -1)
  })

  it('audio chunks: their own clock, offset by the least-delayed arrivals', () => {
    const clock = batchClock()
    const wall0 = 50_000
    // 10 ms chunks; arrivals come in bursts up to 120 ms late, a few promptly (2 ms after the chunk ends)
    const chunks = Array.from({ length: 600 }, (_, k) => ({ ctxMs: 7 + k * 10, arrivalMs: wall0 + k * 10 + 10 + (k % 25 === 0 ? 2 : 40 + (k % 8) * 10), rate: 48_000, n: 480, pcm: '' }))
    clock.add(chunks.slice(0, 300))
    const first = clock.ready()
    // held back: those without ENVELOPE_MS (2 s) of later chunks yet
    expect(first.length).toBeGreaterThan(50)
    expect(first.length).toBeLessThan(300)
    clock.add(chunks.slice(300))
    clock.flush()
    const all = [...first, ...clock.ready()]
    expect(all).toHaveLength(600)
    all.forEach((c, k) => { expect(c.atMs).toBeCloseTo(wall0 + k * 10 + 2, 6) })
  })

  it('full marker indices from classes read in order (mod 8)', () => {
    const classes = [5, 6, 7, 0, 2, 3] // marker 9 (class 1) missed
    const full: number[] = []
    let last: number | null = null
    for (const c of classes) { const next = nextMarkerIndex(last, c); full.push(next); last = next }
    expect(full).toEqual([5, 6, 7, 8, 10, 11])
  })
})
