// Media endpoints: sources from a spec string (tone, silence, WAV, pattern, Y4M, or
// `live` = frames from the /media WebSocket) and recorders writing what a call received
// (WAV for audio, IVF for VP9).
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEFAULT_OPUS_FRAME_SAMPLES, IvfFileSink, OPUS_SAMPLE_RATE_HZ, WavFileSink, readWav, readY4m, scaleI420 } from '@parley/media'
import type { I420Frame } from '@parley/media'
import type { LiveMedia } from './live-media.js'
import { DIR_MODE_PRIVATE } from '../constants.js'
import type { AudioInput, MediaOutput, VideoInput } from './media-types.js'
import { EmptyMediaFileError, LiveMediaUnavailableError, UnknownMediaSourceError } from './media-source-errors.js'
import { patternInput, toneInput } from './synthetic-inputs.js'

/** The call's audio frames: 20 ms at 48 kHz, mono. */
const SAMPLES_PER_FRAME = DEFAULT_OPUS_FRAME_SAMPLES

export async function audioInputFrom (spec: string | undefined, live?: LiveMedia): Promise<AudioInput> {
  const s = spec ?? 'tone:440'
  if (s === 'live') {
    if (live == null) throw new LiveMediaUnavailableError()
    return live.audioInput()
  }
  if (s === 'silence') return { frame: () => new Int16Array(SAMPLES_PER_FRAME) }
  if (s.startsWith('tone')) return toneInput(s.includes(':') ? Number(s.split(':')[1]) : 440)
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
  throw new UnknownMediaSourceError('audio', s)
}

export async function videoInputFrom (spec: string | undefined, live?: LiveMedia): Promise<VideoInput> {
  const s = spec ?? 'pattern'
  if (s === 'live') {
    if (live == null) throw new LiveMediaUnavailableError()
    return live.videoInput()
  }
  if (s === 'pattern') return patternInput()
  if (s.startsWith('y4m:')) {
    const y4m = readY4m(readFileSync(s.slice(4)))
    if (y4m.frames.length === 0) throw new EmptyMediaFileError(s.slice(4))
    // the encoder runs at the ladder's size: scale the file's pictures to it
    return { frame: (i, width, height) => scaleI420(y4m.frames[i % y4m.frames.length] as I420Frame, width, height) }
  }
  throw new UnknownMediaSourceError('video', s)
}

/** Both outputs get every frame (a GUI watching a call that is also recorded). */
export function combineOutputs (...outs: Array<MediaOutput | undefined>): MediaOutput {
  const list = outs.filter((o): o is MediaOutput => o != null)
  return {
    audio: (pcm, info) => { for (const o of list) o.audio?.(pcm, info) },
    video: (packet, frame) => { for (const o of list) o.video?.(packet, frame) }
  }
}

export interface Recorder {
  output: MediaOutput
  close: () => Promise<void>
  files: { audio?: string, video?: string }
}

/** Record received audio to <dir>/<callId>.wav and video to <dir>/<callId>.ivf. */
export async function createRecorder (dir: string, callId: string, video: boolean): Promise<Recorder> {
  // Owner-only: recordings are decrypted call media. mkdir's mode covers every dir it creates;
  // an existing dir is the user's choice (it may be shared, like /tmp) and keeps its mode —
  // the files themselves are 0600 (the sinks open them so).
  mkdirSync(dir, { recursive: true, mode: DIR_MODE_PRIVATE })
  const audioFile = join(dir, `${callId}.wav`)
  const videoFile = join(dir, `${callId}.ivf`)
  const wav = await WavFileSink.open(audioFile, { sampleRate: OPUS_SAMPLE_RATE_HZ, channels: 1 })
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
          ivf ??= await IvfFileSink.open(videoFile, { width: packet.width, height: packet.height })
          await ivf.write({ data: packet.data, ptsUs: packet.ptsUs, width: packet.width, height: packet.height })
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
