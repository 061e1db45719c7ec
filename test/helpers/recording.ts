// What a daemon's --record dir holds for one call: the tone's frequency in the WAV and the
// frame counters of the IVF's pictures, which the call tests check.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Vp9Decoder, readFrameCounter, readIvf, readWav } from '@parley/media'

/** Median frequency (zero crossings) of the 20 ms blocks that carry sound (mute and hold are silent). */
export function toneHz (samples: Int16Array, rate: number): number {
  const block = rate / 50
  const freqs: number[] = []
  for (let start = 0; start + block <= samples.length; start += block) {
    const b = samples.subarray(start, start + block)
    let energy = 0
    let crossings = 0
    for (let i = 0; i < b.length; i++) {
      energy += (b[i] ?? 0) ** 2
      if (i > 0 && ((b[i - 1] ?? 0) < 0) !== ((b[i] ?? 0) < 0)) crossings++
    }
    if (Math.sqrt(energy / b.length) > 1000) freqs.push(crossings / 2 / (block / rate))
  }
  freqs.sort((x, y) => x - y)
  if (freqs.length < 50) return 0 // under a second of sound: not a tone worth measuring
  return freqs[Math.floor(freqs.length / 2)] ?? 0
}

export interface RecordedCall {
  toneHz: number
  videoFrames: number
  /** Frame counters of the decoded pictures, in file order. */
  counters: number[]
}

export async function readRecording (recordDir: string, callId: string): Promise<RecordedCall> {
  const wav = readWav(readFileSync(join(recordDir, `${callId}.wav`)))
  const ivf = readIvf(readFileSync(join(recordDir, `${callId}.ivf`)))
  const dec = new Vp9Decoder()
  const counters: number[] = []
  try {
    for (const f of ivf.frames) {
      const img = await dec.decode(f.data)
      if (img != null) counters.push(readFrameCounter(img))
    }
  } finally {
    await dec.close()
  }
  return { toneHz: toneHz(wav.samples, wav.sampleRate), videoFrames: ivf.frames.length, counters }
}
