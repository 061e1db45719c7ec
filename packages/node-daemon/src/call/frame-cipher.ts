// Builds and opens encrypted media frames: the media wire header travels in clear and is
// the AEAD's associated data; the codec payload is sealed. The cipher itself (keys per
// call, direction and kind; nonce from seq; replay window) is in @parley/core.
import { AUDIO_HEADER_BYTES, VIDEO_HEADER_BYTES, encodeAudioFrame, encodeVideoFrame } from '@parley/media'
import type { AudioFrame, VideoFrame } from '@parley/media'

export type MediaKind = 'audio' | 'video'

/** Per-call frame encryption, one instance per call (both directions). */
export interface FrameCipher {
  /** Bytes the sealed payload adds (the AEAD tag). */
  readonly overheadBytes: number
  seal: (kind: MediaKind, header: Uint8Array, seq: number, payload: Uint8Array) => Uint8Array
  /** Throws on a forged, tampered or replayed frame. */
  open: (kind: MediaKind, header: Uint8Array, seq: number, sealed: Uint8Array) => Uint8Array
}

export function sealAudioFrame (cipher: FrameCipher, frame: AudioFrame): Uint8Array {
  const out = encodeAudioFrame({ ...frame, payload: new Uint8Array(frame.payload.length + cipher.overheadBytes) })
  out.set(cipher.seal('audio', out.subarray(0, AUDIO_HEADER_BYTES), frame.seq, frame.payload), AUDIO_HEADER_BYTES)
  return out
}

export function sealVideoFrame (cipher: FrameCipher, frame: VideoFrame): Uint8Array {
  const out = encodeVideoFrame({ ...frame, payload: new Uint8Array(frame.payload.length + cipher.overheadBytes) })
  out.set(cipher.seal('video', out.subarray(0, VIDEO_HEADER_BYTES), frame.seq, frame.payload), VIDEO_HEADER_BYTES)
  return out
}

/** The received frame with its payload decrypted. */
export function openAudioFrame (cipher: FrameCipher, frame: AudioFrame): AudioFrame {
  const header = encodeAudioFrame(frame).subarray(0, AUDIO_HEADER_BYTES)
  return { ...frame, payload: cipher.open('audio', header, frame.seq, frame.payload) }
}

export function openVideoFrame (cipher: FrameCipher, frame: VideoFrame): VideoFrame {
  const header = encodeVideoFrame(frame).subarray(0, VIDEO_HEADER_BYTES)
  return { ...frame, payload: cipher.open('video', header, frame.seq, frame.payload) }
}
