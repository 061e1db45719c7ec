import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  IvfFileSink, OggOpusFileSink, OpusEncoder, SyntheticAudioSource, SyntheticVideoSource, Vp9Encoder, WavFileSink,
  IVF_TIMEBASE_HZ, oggCrc32, readIvf, readWav
} from '../../src/index.js'
import type { EncodedVideoFrame } from '../../src/index.js'

const dir = mkdtempSync(join(tmpdir(), 'parley-media-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function ffprobe (path: string): { streams: Array<Record<string, unknown>>, format: Record<string, unknown> } {
  const out = execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-show_streams', '-show_format', '-of', 'json', path], { encoding: 'utf8' })
  return JSON.parse(out)
}

/** Fully decodes with ffmpeg; throws (non-zero exit) or returns its error output. */
function ffmpegDecodeErrors (path: string): string {
  return execFileSync('ffmpeg', ['-v', 'error', '-i', path, '-f', 'null', '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

/** Remuxes to nothing with ffmpeg at warning level; returns what it printed (timestamp complaints included). */
function ffmpegWarnings (path: string): string {
  const r = spawnSync('ffmpeg', ['-v', 'warning', '-i', path, '-c', 'copy', '-f', 'null', '-'], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`ffmpeg failed: ${r.stderr}`)
  return r.stderr
}

/** `count` frames of one synthetic clip, encoded at `width`×`height` from its own encoder (so it starts with a keyframe). */
async function encodeClip (width: number, height: number, count: number, ptsUs: (i: number) => number, first = 0): Promise<EncodedVideoFrame[]> {
  const src = new SyntheticVideoSource({ width, height })
  const enc = new Vp9Encoder({ width, height, bitrateBps: 300_000 })
  const out: EncodedVideoFrame[] = []
  for (let i = first; i < first + count; i++) out.push(await enc.encode(src.frame(i), { ptsUs: ptsUs(i) }) as EncodedVideoFrame)
  await enc.close()
  return out
}

describe('sinks read back by ffprobe/ffmpeg', () => {
  it('IVF (VP9) file', async () => {
    const path = join(dir, 'video.ivf')
    const src = new SyntheticVideoSource({ width: 320, height: 240 })
    const enc = new Vp9Encoder({ width: 320, height: 240, bitrateBps: 300_000 })
    const sink = await IvfFileSink.open(path, { width: 320, height: 240 })
    for (let i = 0; i < 30; i++) await sink.write(await enc.encode(src.frame(i)) as EncodedVideoFrame)
    await sink.close()
    const probe = ffprobe(path)
    const s = probe.streams[0] ?? {}
    expect(s.codec_name).toBe('vp9')
    expect([s.width, s.height]).toEqual([320, 240])
    expect(s.nb_read_frames).toBe('30')
    expect(Number(probe.format.duration)).toBeCloseTo(1, 0)
    expect(ffmpegDecodeErrors(path)).toBe('')
    expect(readIvf(new Uint8Array(readFileSync(path))).frames).toHaveLength(30)
  })

  it('IVF timestamps strictly increase for capture times closer than a 30 fps frame, and for repeated ones', async () => {
    // 60 fps capture (16.7 ms apart) from a live clock, starting far from zero, with one time repeated:
    // rounded to 1/30 s, pairs of frames shared a timestamp.
    const t0 = 1_700_000_000_000_000
    const times = Array.from({ length: 30 }, (_, i) => t0 + Math.round(i * 1_000_000 / 60))
    times[11] = times[10] as number
    const path = join(dir, 'video-60fps.ivf')
    const sink = await IvfFileSink.open(path, { width: 320, height: 240 })
    for (const f of await encodeClip(320, 240, 30, i => times[i] as number)) await sink.write(f)
    await sink.close()
    const ivf = readIvf(new Uint8Array(readFileSync(path)))
    expect(ivf.timebaseHz).toBe(IVF_TIMEBASE_HZ)
    const pts = ivf.frames.map(f => f.pts)
    for (let i = 1; i < pts.length; i++) expect(pts[i], `frame ${i}`).toBeGreaterThan(pts[i - 1] as number)
    expect(pts[0]).toBe(t0 / 1000)
    expect(pts[11]).toBe((pts[10] as number) + 1)
    expect(ffmpegWarnings(path)).not.toMatch(/monoton/i)
    const probe = ffprobe(path)
    expect(probe.streams[0]?.nb_read_frames).toBe('30')
    expect(Number(probe.streams[0]?.duration)).toBeCloseTo(0.5, 1)
    expect(ffmpegDecodeErrors(path)).toBe('')
  })

  it('IVF header holds the largest frame size after a resolution change, up or down', async () => {
    const at = (i: number): number => i * 33_333
    const up = join(dir, 'video-up.ivf')
    const small = await encodeClip(320, 240, 10, at)
    const large = await encodeClip(640, 480, 10, at, 10)
    let sink = await IvfFileSink.open(up, { width: 320, height: 240 })
    for (const f of [...small, ...large]) await sink.write(f)
    await sink.close()
    const upIvf = readIvf(new Uint8Array(readFileSync(up)))
    // ffprobe reports the size it decodes first (320×240), whatever the header says, so the header is read directly.
    expect([upIvf.width, upIvf.height]).toEqual([640, 480])
    expect(ffmpegDecodeErrors(up)).toBe('')

    const down = join(dir, 'video-down.ivf')
    const large2 = await encodeClip(640, 480, 10, at)
    const small2 = await encodeClip(320, 240, 10, at, 10)
    sink = await IvfFileSink.open(down, { width: 640, height: 480 })
    for (const f of [...large2, ...small2]) await sink.write(f)
    await sink.close()
    const downIvf = readIvf(new Uint8Array(readFileSync(down)))
    expect([downIvf.width, downIvf.height, downIvf.frames.length]).toEqual([640, 480, 20])
    expect(ffmpegDecodeErrors(down)).toBe('')
  })

  it('Ogg Opus file', async () => {
    const path = join(dir, 'audio.opus')
    const enc = new OpusEncoder({ channels: 2 })
    const src = new SyntheticAudioSource({ channels: 2 })
    const sink = await OggOpusFileSink.open(path, { channels: 2, preSkipSamples: enc.lookaheadSamples, packetsPerPage: 7 })
    for (let i = 0; i < 100; i++) await sink.write(await enc.encode(src.frame(i)), enc.frameSamples)
    await sink.close()
    const probe = ffprobe(path)
    const s = probe.streams[0] ?? {}
    expect(s.codec_name).toBe('opus')
    expect(s.channels).toBe(2)
    expect(s.sample_rate).toBe('48000')
    expect(Number(probe.format.duration)).toBeCloseTo(2, 1)
    expect(ffmpegDecodeErrors(path)).toBe('')
  })

  it('WAV file', async () => {
    const path = join(dir, 'audio.wav')
    const src = new SyntheticAudioSource()
    const sink = await WavFileSink.open(path, { sampleRate: 48_000, channels: 1 })
    for (let i = 0; i < 50; i++) await sink.write(src.frame(i))
    await sink.close()
    const probe = ffprobe(path)
    expect(probe.streams[0]?.codec_name).toBe('pcm_s16le')
    expect(Number(probe.format.duration)).toBeCloseTo(1, 2)
    expect(readWav(new Uint8Array(readFileSync(path))).samples.length).toBe(48_000)
  })

  it('Ogg CRC matches the reference check value', () => {
    // CRC-32/OGG ("123456789") check value from the CRC catalogue.
    expect(oggCrc32(Buffer.from('123456789'))).toBe(0x89a1897f)
  })
})
