// Headless media endpoints: sources from a spec string (tone, silence, WAV, pattern,
// Y4M) and recorders writing what a call received (WAV for audio, IVF for VP9).
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { IvfFileSink, SyntheticAudioSource, SyntheticVideoSource, WavFileSink, readWav, readY4m } from '@parley/media'
import type { I420Frame } from '@parley/media'
import type { AudioInput, MediaOutput, VideoInput } from './media-session.js'

const SAMPLES_PER_FRAME = 960

export async function audioInputFrom (spec: string | undefined): Promise<AudioInput> {
  const s = spec ?? 'tone:440'
  if (s === 'silence') return { frame: () => new Int16Array(SAMPLES_PER_FRAME) }
  if (s.startsWith('tone')) {
    const hz = s.includes(':') ? Number(s.split(':')[1]) : 440
    const src = new SyntheticAudioSource({ signals: [{ type: 'tone', frequencyHz: hz }] })
    return { frame: i => src.frame(i) }
  }
  if (s.startsWith('wav:')) {
    const wav = readWav(readFileSync(s.slice(4)))
    const mono = wav.samples
    const frames = Math.max(1, Math.floor(mono.length / (SAMPLES_PER_FRAME * wav.channels)))
    return {
      frame: (i) => {
        // loop the file; take the first channel
        const start = (i % frames) * SAMPLES_PER_FRAME * wav.channels
        const out = new Int16Array(SAMPLES_PER_FRAME)
        for (let k = 0; k < SAMPLES_PER_FRAME; k++) out[k] = mono[start + k * wav.channels] ?? 0
        return out
      }
    }
  }
  throw new Error(`unknown audio source "${s}"`)
}

export async function videoInputFrom (spec: string | undefined): Promise<VideoInput> {
  const s = spec ?? 'pattern'
  if (s === 'pattern') {
    const sources = new Map<string, SyntheticVideoSource>()
    return {
      frame: (i, width, height) => {
        const key = `${width}x${height}`
        let src = sources.get(key)
        if (src == null) { src = new SyntheticVideoSource({ width, height, frameRate: 30 }); sources.set(key, src) }
        return src.frame(i)
      }
    }
  }
  if (s.startsWith('y4m:')) {
    const y4m = readY4m(readFileSync(s.slice(4)))
    // the encoder runs at the ladder's size; a Y4M file of another size is used for
    // rungs matching it only (no scaler in the engine yet), otherwise the pattern
    const pattern = await videoInputFrom('pattern')
    return {
      frame: (i, width, height) => {
        const f = y4m.frames[i % y4m.frames.length] as I420Frame | undefined
        return f != null && f.width === width && f.height === height ? f : pattern.frame(i, width, height)
      }
    }
  }
  throw new Error(`unknown video source "${s}"`)
}

export interface Recorder {
  output: MediaOutput
  close: () => Promise<void>
  files: { audio?: string, video?: string }
}

/** Record received audio to <dir>/<callId>.wav and video to <dir>/<callId>.ivf. */
export async function createRecorder (dir: string, callId: string, video: boolean): Promise<Recorder> {
  mkdirSync(dir, { recursive: true })
  const audioFile = join(dir, `${callId}.wav`)
  const videoFile = join(dir, `${callId}.ivf`)
  const wav = await WavFileSink.open(audioFile, { sampleRate: 48_000, channels: 1 })
  let ivf: IvfFileSink | undefined
  let chain = Promise.resolve()
  const enqueue = (fn: () => Promise<void>): void => { chain = chain.then(fn).catch(() => {}) }
  return {
    files: { audio: audioFile, ...(video ? { video: videoFile } : {}) },
    output: {
      audio: (pcm) => { const p = pcm ?? new Int16Array(SAMPLES_PER_FRAME); enqueue(async () => { await wav.write(p) }) },
      video: (packet) => {
        if (!video) return
        enqueue(async () => {
          ivf ??= await IvfFileSink.open(videoFile, { width: packet.width, height: packet.height, frameRate: 30 })
          await ivf.write({ data: packet.data, ptsUs: packet.ptsUs })
        })
      }
    },
    close: async () => {
      await chain
      await wav.close()
      await ivf?.close()
    }
  }
}
