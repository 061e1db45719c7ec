// One AudioContext for capture and playback, at 48 kHz (Opus's rate, which Chromium
// honours) so neither worklet has to resample, with both processor modules loaded.
import { MEDIA_AUDIO_SAMPLE_RATE } from '@parley/core/ipc/media-socket'
// Vite bundles each worklet (with its imports) as a separate file and gives its URL
import captureWorkletUrl from './capture-worklet.ts?worker&url'
import playbackWorkletUrl from './playback-worklet.ts?worker&url'

let shared: { ctx: AudioContext, ready: Promise<void> } | null = null

/**
 * The shared context. Call it first from a click handler: a context created (or resumed)
 * in a user gesture is allowed to play sound.
 */
export function audioContext (): { ctx: AudioContext, ready: Promise<void> } {
  if (shared == null || shared.ctx.state === 'closed') {
    const ctx = new AudioContext({ sampleRate: MEDIA_AUDIO_SAMPLE_RATE, latencyHint: 'interactive' })
    const ready = Promise.all([ctx.audioWorklet.addModule(captureWorkletUrl), ctx.audioWorklet.addModule(playbackWorkletUrl)]).then(() => {})
    shared = { ctx, ready }
  }
  if (shared.ctx.state === 'suspended') void shared.ctx.resume().catch(() => {})
  return shared
}
