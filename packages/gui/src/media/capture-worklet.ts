// AudioWorklet processor: the microphone, as 20 ms frames of s16 mono 48 kHz for the
// daemon's Opus encoder. Runs on the audio thread, so it only cuts and converts; the
// main thread sends the frames over the media socket.
import { MEDIA_AUDIO_SAMPLES, MEDIA_AUDIO_SAMPLE_RATE } from '@parley/core/ipc/media-socket'
import { LinearResampler } from './resampler.js'
import { CAPTURE_PROCESSOR } from './worklet-constants.js'
import { worklet } from './worklet-scope.js'
import type { AudioWorkletProcessorLike } from './worklet-scope.js'

class CaptureProcessor extends worklet.AudioWorkletProcessor implements AudioWorkletProcessorLike {
  private frame = new Int16Array(MEDIA_AUDIO_SAMPLES)
  private filled = 0
  private readonly resampler = new LinearResampler(worklet.sampleRate, MEDIA_AUDIO_SAMPLE_RATE)

  process (inputs: Float32Array[][]): boolean {
    // channel 0 only: the stream is mono (the constraint asks for one channel)
    const input = inputs[0]?.[0]
    if (input != null) this.resampler.push(input, this.add)
    return true
  }

  private readonly add = (s: number): void => {
    const v = s < -1 ? -1 : s > 1 ? 1 : s
    this.frame[this.filled++] = v < 0 ? v * 0x8000 : v * 0x7fff
    if (this.filled < MEDIA_AUDIO_SAMPLES) return
    // transfer, not copy: a fresh buffer per frame is cheaper than a structured clone
    this.port.postMessage(this.frame, [this.frame.buffer])
    this.frame = new Int16Array(MEDIA_AUDIO_SAMPLES)
    this.filled = 0
  }
}

worklet.registerProcessor(CAPTURE_PROCESSOR, CaptureProcessor)
