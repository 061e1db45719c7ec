import { describe, expect, it } from 'vitest'
import {
  SyntheticVideoSource, WavFormatError, Y4mFormatError, readWav, readY4m, writeWav, y4mFrame, y4mHeader
} from '../../src/index.js'

describe('WAV', () => {
  it('round-trips 16-bit PCM', () => {
    const samples = Int16Array.from({ length: 960 }, (_, i) => (i * 37) % 65_536 - 32_768)
    const bytes = writeWav({ sampleRate: 48_000, channels: 2, samples })
    const back = readWav(bytes)
    expect(back).toEqual({ sampleRate: 48_000, channels: 2, samples })
  })

  it('rejects non-WAV, non-PCM16 and truncated files with WavFormatError', () => {
    expect(() => readWav(new Uint8Array(10))).toThrow(WavFormatError)
    const bytes = writeWav({ sampleRate: 8000, channels: 1, samples: new Int16Array(4) })
    const float = bytes.slice()
    new DataView(float.buffer).setUint16(20, 3, true)
    expect(() => readWav(float)).toThrow(WavFormatError)
    const truncated = bytes.slice(0, 44 - 1)
    expect(() => readWav(truncated)).toThrow(WavFormatError)
  })
})

describe('Y4M', () => {
  it('reads frames written by the Y4M sink', () => {
    const src = new SyntheticVideoSource({ width: 320, height: 240 })
    const bytes = Buffer.concat([y4mHeader(320, 240, 30), y4mFrame(src.frame(0)), y4mFrame(src.frame(1))])
    const video = readY4m(bytes)
    expect([video.width, video.height, video.frameRate]).toEqual([320, 240, 30])
    expect(video.frames).toHaveLength(2)
    expect(video.frames[1]?.data).toEqual(src.frame(1).data)
  })

  it('rejects other formats and truncation with Y4mFormatError', () => {
    expect(() => readY4m(Buffer.from('YUV4MPEG2 W16 H16 C444\n'))).toThrow(Y4mFormatError)
    expect(() => readY4m(Buffer.from('YUV4MPEG2 W0 H16\n'))).toThrow(Y4mFormatError)
    expect(() => readY4m(Buffer.from('RIFF'))).toThrow(Y4mFormatError)
    expect(() => readY4m(Buffer.from('YUV4MPEG2 W16 H16\nFRAME\n\u0001'))).toThrow(Y4mFormatError)
  })
})
