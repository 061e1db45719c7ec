import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  IvfFileSink, OggOpusFileSink, OpusEncoder, SyntheticAudioSource, SyntheticVideoSource, Vp9Encoder, WavFileSink,
  oggCrc32, readIvf, readWav
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
