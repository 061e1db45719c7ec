// The remote side's decoded audio → the playback worklet's ring buffer → the speaker.
import { PLAYBACK_PROCESSOR } from './worklet-constants.js'

export interface Speaker {
  push: (pcm: Int16Array) => void
  stop: () => void
}

export function openSpeaker (ctx: AudioContext): Speaker {
  const node = new AudioWorkletNode(ctx, PLAYBACK_PROCESSOR, { numberOfInputs: 0, numberOfOutputs: 1, outputChannelCount: [1] })
  node.connect(ctx.destination)
  return {
    // transferred: the frame was decoded for us alone
    push: (pcm) => { node.port.postMessage(pcm, [pcm.buffer]) },
    stop: () => { node.disconnect() }
  }
}

/** Route the context to the speaker chosen in Settings, where the browser can. */
export async function chooseSpeaker (ctx: AudioContext, deviceId: string): Promise<void> {
  if (deviceId === '' || ctx.setSinkId == null) return
  try { await ctx.setSinkId(deviceId) } catch {
    // the device is gone: the system default keeps playing
  }
}
