import { WireTrailingBytesError } from '../errors.js'
import { audioFrameLength, readAudioFrame } from './audio-frame.js'
import type { AudioFrame } from './audio-frame.js'
import { readVersionKind } from './header.js'
import { readVideoFrame, videoFrameLength } from './video-frame.js'
import type { VideoFrame } from './video-frame.js'

export type MediaFrame =
  | { kind: 'audio', frame: AudioFrame }
  | { kind: 'video', frame: VideoFrame }

/**
 * Bytes the frame starting at `offset` occupies, or undefined until enough of
 * its header is present. Throws the typed wire errors on a bad header, so a
 * stream reader can fail before buffering an oversize frame.
 */
export function mediaFrameLength (bytes: Uint8Array, offset = 0): number | undefined {
  if (bytes.byteLength - offset < 1) return undefined
  return readVersionKind(bytes, offset) === 'audio' ? audioFrameLength(bytes, offset) : videoFrameLength(bytes, offset)
}

export function readMediaFrame (bytes: Uint8Array, offset = 0): { frame: MediaFrame, byteLength: number } {
  if (readVersionKind(bytes, offset) === 'audio') {
    const { frame, byteLength } = readAudioFrame(bytes, offset)
    return { frame: { kind: 'audio', frame }, byteLength }
  }
  const { frame, byteLength } = readVideoFrame(bytes, offset)
  return { frame: { kind: 'video', frame }, byteLength }
}

/** Decodes a buffer holding exactly one frame of either kind. */
export function decodeMediaFrame (bytes: Uint8Array): MediaFrame {
  const { frame, byteLength } = readMediaFrame(bytes)
  if (byteLength !== bytes.byteLength) {
    throw new WireTrailingBytesError(`${bytes.byteLength - byteLength} bytes after the media frame`)
  }
  return frame
}
