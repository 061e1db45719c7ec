import { InvalidOptionError } from '../errors.js'
import type { PcmAudio } from '../sources/wav-reader.js'

export const WAV_HEADER_BYTES = 44

/** 44-byte RIFF/WAVE header for 16-bit PCM with `dataBytes` of samples. */
export function wavHeader (sampleRate: number, channels: number, dataBytes: number): Uint8Array {
  if (!Number.isInteger(sampleRate) || sampleRate < 1 || !Number.isInteger(channels) || channels < 1 || channels > 255) {
    throw new InvalidOptionError(`invalid WAV format ${sampleRate} Hz × ${channels} channels`)
  }
  const out = new Uint8Array(WAV_HEADER_BYTES)
  const view = new DataView(out.buffer)
  const ascii = (at: number, s: string): void => { for (let i = 0; i < 4; i++) out[at + i] = s.charCodeAt(i) }
  ascii(0, 'RIFF')
  view.setUint32(4, 36 + dataBytes, true)
  ascii(8, 'WAVE')
  ascii(12, 'fmt ')
  view.setUint32(16, 16, true)
  view.setUint16(20, 1, true)
  view.setUint16(22, channels, true)
  view.setUint32(24, sampleRate, true)
  view.setUint32(28, sampleRate * channels * 2, true)
  view.setUint16(32, channels * 2, true)
  view.setUint16(34, 16, true)
  ascii(36, 'data')
  view.setUint32(40, dataBytes, true)
  return out
}

export function pcmBytes (samples: Int16Array): Uint8Array {
  const out = new Uint8Array(samples.length * 2)
  const view = new DataView(out.buffer)
  for (let i = 0; i < samples.length; i++) view.setInt16(i * 2, samples[i] ?? 0, true)
  return out
}

export function writeWav (audio: PcmAudio): Uint8Array {
  const data = pcmBytes(audio.samples)
  const out = new Uint8Array(WAV_HEADER_BYTES + data.byteLength)
  out.set(wavHeader(audio.sampleRate, audio.channels, data.byteLength), 0)
  out.set(data, WAV_HEADER_BYTES)
  return out
}
