// Built-in synthetic sources: a tone and the counted test pattern, at whatever size the
// encoder currently runs.
import { SyntheticAudioSource, SyntheticVideoSource } from '@parley/media'
import type { PullAudioInput, PullVideoInput } from './media-types.js'

export function toneInput (frequencyHz: number): PullAudioInput {
  const src = new SyntheticAudioSource({ signals: [{ type: 'tone', frequencyHz }] })
  return { frame: i => src.frame(i) }
}

export function patternInput (): PullVideoInput {
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
