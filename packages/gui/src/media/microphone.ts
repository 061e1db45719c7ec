// Microphone track → 20 ms s16 frames from the capture worklet.
import { CAPTURE_PROCESSOR } from './worklet-constants.js'

export interface Microphone { stop: () => void }

export function readMicrophone (ctx: AudioContext, track: MediaStreamTrack, onFrame: (pcm: Int16Array) => void): Microphone {
  const source = ctx.createMediaStreamSource(new MediaStream([track]))
  const node = new AudioWorkletNode(ctx, CAPTURE_PROCESSOR, { numberOfInputs: 1, numberOfOutputs: 1, channelCount: 1, channelCountMode: 'explicit' })
  node.port.onmessage = (ev: MessageEvent<Int16Array>) => { onFrame(ev.data) }
  source.connect(node)
  // a node the destination does not pull may never run; its output is silence
  node.connect(ctx.destination)
  return {
    stop: () => {
      node.port.onmessage = null
      source.disconnect()
      node.disconnect()
    }
  }
}
