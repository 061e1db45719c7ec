// AudioWorklet processor: plays the daemon's decoded 20 ms PCM frames from a small ring
// buffer. The daemon's jitter buffer already paced them, so this only absorbs the
// socket's and the event loop's jitter: it holds about PLAYBACK_TARGET_MS, drops the
// oldest audio when more piles up (latency over completeness) and plays silence when
// it runs dry (then waits to refill to the target, so one late frame is one gap, not a
// crackle of many).
import { MEDIA_AUDIO_SAMPLE_RATE } from '@parley/core/ipc/media-socket'
import { PLAYBACK_MAX_MS, PLAYBACK_PROCESSOR, PLAYBACK_TARGET_MS } from './worklet-constants.js'
import { LinearResampler } from './resampler.js'
import { worklet } from './worklet-scope.js'
import type { AudioWorkletProcessorLike } from './worklet-scope.js'

const S16_SCALE = 1 / 0x8000

class PlaybackProcessor extends worklet.AudioWorkletProcessor implements AudioWorkletProcessorLike {
  /** Output-rate samples, a ring of PLAYBACK_MAX_MS. */
  private readonly ring: Float32Array
  private read = 0
  private size = 0
  private readonly target: number
  private priming = true
  private readonly resampler = new LinearResampler(MEDIA_AUDIO_SAMPLE_RATE, worklet.sampleRate)

  constructor () {
    super()
    this.ring = new Float32Array(Math.ceil(worklet.sampleRate * PLAYBACK_MAX_MS / 1000))
    this.target = Math.round(worklet.sampleRate * PLAYBACK_TARGET_MS / 1000)
    this.port.onmessage = (ev: MessageEvent<Int16Array>) => { this.enqueue(ev.data) }
  }

  private enqueue (pcm: Int16Array): void {
    const f = new Float32Array(pcm.length)
    for (let i = 0; i < pcm.length; i++) f[i] = (pcm[i] ?? 0) * S16_SCALE
    this.resampler.push(f, this.write)
  }

  private readonly write = (s: number): void => {
    if (this.size === this.ring.length) {
      this.read = (this.read + 1) % this.ring.length
      this.size--
    }
    this.ring[(this.read + this.size) % this.ring.length] = s
    this.size++
  }

  process (_inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    const out = outputs[0]?.[0]
    if (out == null) return true
    if (this.priming && this.size >= this.target) this.priming = false
    // steady state above target (a burst arrived): skip ahead so latency stays bounded
    if (!this.priming && this.size > 2 * this.target) {
      const skip = this.size - this.target
      this.read = (this.read + skip) % this.ring.length
      this.size -= skip
    }
    for (let i = 0; i < out.length; i++) {
      if (this.priming || this.size === 0) {
        this.priming = true
        out[i] = 0
        continue
      }
      out[i] = this.ring[this.read] ?? 0
      this.read = (this.read + 1) % this.ring.length
      this.size--
    }
    for (let c = 1; c < (outputs[0]?.length ?? 0); c++) outputs[0]?.[c]?.set(out)
    return true
  }
}

worklet.registerProcessor(PLAYBACK_PROCESSOR, PlaybackProcessor)
