import { assertI420Frame } from '../codec/i420.js'
import type { I420Frame } from '../codec/i420.js'

export function y4mHeader (width: number, height: number, frameRate: number): Uint8Array {
  return Buffer.from(`YUV4MPEG2 W${width} H${height} F${Math.round(frameRate * 1000)}:1000 Ip A1:1 C420jpeg\n`, 'latin1')
}

export function y4mFrame (frame: I420Frame): Uint8Array {
  assertI420Frame(frame)
  return Buffer.concat([Buffer.from('FRAME\n', 'latin1'), frame.data])
}
