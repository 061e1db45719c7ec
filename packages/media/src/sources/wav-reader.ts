import { WavFormatError } from '../errors.js'

export interface PcmAudio {
  sampleRate: number
  channels: number
  /** Interleaved 16-bit samples. */
  samples: Int16Array
}

/** Reads a RIFF/WAVE file of 16-bit PCM (format 1, or WAVE_FORMAT_EXTENSIBLE carrying PCM). */
export function readWav (bytes: Uint8Array): PcmAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const tag = (at: number): string => String.fromCharCode(...bytes.subarray(at, at + 4))
  if (bytes.byteLength < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new WavFormatError('not a RIFF/WAVE file')
  let fmt: { channels: number, sampleRate: number, bits: number, format: number } | undefined
  let offset = 12
  while (offset + 8 <= bytes.byteLength) {
    const id = tag(offset)
    const size = view.getUint32(offset + 4, true)
    const body = offset + 8
    if (size > bytes.byteLength - body) throw new WavFormatError(`chunk "${id}" runs past the end of the file`)
    if (id === 'fmt ') {
      if (size < 16) throw new WavFormatError('fmt chunk too short')
      let format = view.getUint16(body, true)
      if (format === 0xfffe && size >= 26) format = view.getUint16(body + 24, true)
      fmt = {
        format,
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true)
      }
    } else if (id === 'data') {
      if (fmt === undefined) throw new WavFormatError('data chunk before fmt chunk')
      if (fmt.format !== 1 || fmt.bits !== 16) throw new WavFormatError(`only 16-bit PCM is supported (format ${fmt.format}, ${fmt.bits} bits)`)
      if (fmt.channels < 1 || fmt.sampleRate < 1) throw new WavFormatError('invalid channel count or sample rate')
      const count = Math.floor(size / 2 / fmt.channels) * fmt.channels
      const samples = new Int16Array(count)
      for (let i = 0; i < count; i++) samples[i] = view.getInt16(body + i * 2, true)
      return { sampleRate: fmt.sampleRate, channels: fmt.channels, samples }
    }
    offset = body + size + (size & 1)
  }
  throw new WavFormatError('no data chunk')
}
