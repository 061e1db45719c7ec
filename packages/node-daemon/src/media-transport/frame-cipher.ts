// Frame encryption of a call's media (docs/protocol.md §3). The FrameCipher holds the keys
// per direction, derived from the Offer's exporter secret and key salt, with one sealer and
// opener per media kind; wire sequence numbers are 32 bits and the AEAD counter is their
// 64-bit extension, so a wrap never reuses a nonce. The media wire header travels in
// clear as the AEAD's associated data; the codec payload is sealed.
import { FRAME_TAG_BYTES, createFrameOpener, createFrameSealer, deriveFrameKeys, extendFrameCounter } from '@parley/core/call/index'
import { AUDIO_HEADER_BYTES, VIDEO_HEADER_BYTES, encodeAudioFrame, encodeVideoFrame } from '@parley/media'
import type { AudioFrame, VideoFrame } from '@parley/media'
import type { MediaKind } from '@parley/core/wire/media-kind'

export type { MediaKind }

/** Per-call frame encryption, one instance per call (both directions). */
export interface FrameCipher {
  /** Bytes the sealed payload adds (the AEAD tag). */
  readonly overheadBytes: number
  seal: (kind: MediaKind, header: Uint8Array, seq: number, payload: Uint8Array) => Uint8Array
  /** Throws on a forged, tampered or replayed frame. */
  open: (kind: MediaKind, header: Uint8Array, seq: number, sealed: Uint8Array) => Uint8Array
}

export function makeFrameCipher (exporterSecret: Uint8Array, callId: string, role: 'caller' | 'callee', keySalt: Uint8Array): FrameCipher {
  const keys = deriveFrameKeys({ exporterSecret, callId, role, keySalt })
  const sealers = { audio: createFrameSealer({ key: keys.sendKey, kind: 'audio' }), video: createFrameSealer({ key: keys.sendKey, kind: 'video' }) }
  const openers = { audio: createFrameOpener({ key: keys.recvKey, kind: 'audio' }), video: createFrameOpener({ key: keys.recvKey, kind: 'video' }) }
  const sent: Record<MediaKind, bigint | null> = { audio: null, video: null }
  return {
    overheadBytes: FRAME_TAG_BYTES,
    seal: (kind, header, seq, payload) => {
      const counter = extendFrameCounter(seq, sent[kind] ?? 0n)
      sent[kind] = counter
      return sealers[kind].seal(header, counter, payload)
    },
    open: (kind, header, seq, sealed) => {
      const o = openers[kind]
      return o.open(header, extendFrameCounter(seq, o.highestCounter ?? 0n), sealed)
    }
  }
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
