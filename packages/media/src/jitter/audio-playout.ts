import type { OpusDecoder } from '../codec/opus-decoder.js'
import { CorruptBitstreamError } from '../errors.js'
import { AudioJitterBuffer } from './audio-jitter-buffer.js'
import type { AudioJitterBufferOptions, PlayoutDecision, PushResult } from './audio-jitter-buffer.js'
import type { AudioFrame } from '../wire/audio-frame.js'

export interface PlayoutFrame {
  decision: PlayoutDecision['type']
  /** Interleaved PCM for one tick, or null while not playing (render silence). */
  pcm: Int16Array | null
  /** Capture time of the frame played (decode), for glass-to-glass latency; else null. */
  captureTsUs: number | null
}

/**
 * Jitter buffer + Opus decoder: one tick() per frame duration yields the PCM
 * to play. A corrupt packet is concealed rather than surfaced.
 */
export class AudioPlayout {
  readonly buffer: AudioJitterBuffer

  constructor (private readonly decoder: OpusDecoder, options: AudioJitterBufferOptions = {}) {
    this.buffer = new AudioJitterBuffer({ frameDurationMs: decoder.frameDurationMs, ...options })
  }

  push (frame: AudioFrame, arrivalTimeMs: number): PushResult {
    return this.buffer.push(frame, arrivalTimeMs)
  }

  async tick (nowMs: number, signal?: AbortSignal): Promise<PlayoutFrame> {
    const d = this.buffer.pop(nowMs)
    try {
      switch (d.type) {
        case 'silence': return { decision: d.type, pcm: null, captureTsUs: null }
        case 'plc': return { decision: d.type, pcm: await this.decoder.decode(null, { signal }), captureTsUs: null }
        case 'fec': return { decision: d.type, pcm: await this.decoder.decodeFec(d.nextFrame.payload, { signal }), captureTsUs: null }
        case 'decode': return { decision: d.type, pcm: await this.decoder.decode(d.frame.payload, { signal }), captureTsUs: d.frame.captureTsUs }
      }
    } catch (err) {
      if (!(err instanceof CorruptBitstreamError)) throw err
      return { decision: 'plc', pcm: await this.decoder.decode(null, { signal }), captureTsUs: null }
    }
  }
}
