import { AUDIO_HEADER_BYTES, MAX_AUDIO_PAYLOAD_BYTES } from '../constants.js'
import { WireInvalidFieldError, WireOversizeError, WireTrailingBytesError, WireTruncatedError } from '../errors.js'
import {
  FrameKind, assertTimestampUs, assertU32, readTimestampUs, readVersionKind, versionKindByte, viewOf
} from './header.js'

/**
 * Audio frame on the wire (big-endian), AUDIO_HEADER_BYTES (15) of header:
 *   [0]      version (high nibble) | kind = 1 (low nibble)
 *   [1..4]   seq            u32
 *   [5..12]  capture_ts_us  u64
 *   [13..14] len            u16, 1 … MAX_AUDIO_PAYLOAD_BYTES
 *   [15..]   Opus packet
 */
export interface AudioFrame {
  seq: number
  captureTsUs: number
  payload: Uint8Array
}

export function encodeAudioFrame (frame: AudioFrame): Uint8Array {
  assertU32('seq', frame.seq)
  assertTimestampUs(frame.captureTsUs)
  const len = frame.payload.byteLength
  if (len === 0) throw new WireInvalidFieldError('audio payload is empty')
  if (len > MAX_AUDIO_PAYLOAD_BYTES) {
    throw new WireOversizeError(`audio payload of ${len} bytes exceeds ${MAX_AUDIO_PAYLOAD_BYTES}`)
  }
  const out = new Uint8Array(AUDIO_HEADER_BYTES + len)
  const view = viewOf(out)
  out[0] = versionKindByte(FrameKind.audio)
  view.setUint32(1, frame.seq)
  view.setBigUint64(5, BigInt(frame.captureTsUs))
  view.setUint16(13, len)
  out.set(frame.payload, AUDIO_HEADER_BYTES)
  return out
}

/** Total length of the audio frame at `offset`, or undefined while its header is incomplete. */
export function audioFrameLength (bytes: Uint8Array, offset = 0): number | undefined {
  if (bytes.byteLength - offset < AUDIO_HEADER_BYTES) return undefined
  const len = viewOf(bytes).getUint16(offset + 13)
  if (len === 0) throw new WireInvalidFieldError('audio payload is empty')
  if (len > MAX_AUDIO_PAYLOAD_BYTES) {
    throw new WireOversizeError(`audio payload of ${len} bytes exceeds ${MAX_AUDIO_PAYLOAD_BYTES}`)
  }
  return AUDIO_HEADER_BYTES + len
}

/**
 * Decodes the audio frame at `offset`; returns it and the bytes consumed.
 * The payload is a view into `bytes` (no copy).
 */
export function readAudioFrame (bytes: Uint8Array, offset = 0): { frame: AudioFrame, byteLength: number } {
  if (readVersionKind(bytes, offset) !== 'audio') throw new WireInvalidFieldError('not an audio frame')
  const total = audioFrameLength(bytes, offset)
  if (total === undefined) throw new WireTruncatedError(`audio frame header needs ${AUDIO_HEADER_BYTES} bytes`)
  if (bytes.byteLength - offset < total) {
    throw new WireTruncatedError(`audio frame needs ${total} bytes, ${bytes.byteLength - offset} available`)
  }
  const view = viewOf(bytes)
  const frame: AudioFrame = {
    seq: view.getUint32(offset + 1),
    captureTsUs: readTimestampUs(view, offset + 5),
    payload: bytes.subarray(offset + AUDIO_HEADER_BYTES, offset + total)
  }
  return { frame, byteLength: total }
}

/** Decodes a buffer holding exactly one audio frame. */
export function decodeAudioFrame (bytes: Uint8Array): AudioFrame {
  const { frame, byteLength } = readAudioFrame(bytes)
  if (byteLength !== bytes.byteLength) {
    throw new WireTrailingBytesError(`${bytes.byteLength - byteLength} bytes after the audio frame`)
  }
  return frame
}
