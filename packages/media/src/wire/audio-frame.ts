import { AUDIO_HEADER_BYTES, MAX_AUDIO_PAYLOAD_BYTES } from '../constants.js'
import { WireInvalidFieldError, WireOversizeError, WireTrailingBytesError, WireTruncatedError } from '../errors.js'
import {
  assertTimestampUs, assertU32, frameReader, frameWriter, readTimestampUs, readVersionKind
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

/** Where `len` sits: after version/kind, seq and capture_ts_us. */
const LEN_OFFSET = 1 + 4 + 8

function checkLength (len: number): number {
  if (len === 0) throw new WireInvalidFieldError('audio payload is empty')
  if (len > MAX_AUDIO_PAYLOAD_BYTES) {
    throw new WireOversizeError(`audio payload of ${len} bytes exceeds ${MAX_AUDIO_PAYLOAD_BYTES}`)
  }
  return len
}

export function encodeAudioFrame (frame: AudioFrame): Uint8Array {
  assertU32('seq', frame.seq)
  assertTimestampUs(frame.captureTsUs)
  const len = checkLength(frame.payload.byteLength)
  return frameWriter('audio', AUDIO_HEADER_BYTES + len)
    .u32(frame.seq)
    .u64(frame.captureTsUs)
    .u16(len)
    .bytes(frame.payload)
    .finish()
}

/** Total length of the audio frame at `offset`, or undefined while its header is incomplete. */
export function audioFrameLength (bytes: Uint8Array, offset = 0): number | undefined {
  if (bytes.byteLength - offset < AUDIO_HEADER_BYTES) return undefined
  const r = frameReader('audio frame', bytes, offset + LEN_OFFSET)
  return AUDIO_HEADER_BYTES + checkLength(r.u16())
}

/**
 * Decodes the audio frame at `offset`; returns it and the bytes consumed.
 * The payload is a view into `bytes` (no copy).
 */
export function readAudioFrame (bytes: Uint8Array, offset = 0): { frame: AudioFrame, byteLength: number } {
  if (readVersionKind(bytes, offset) !== 'audio') throw new WireInvalidFieldError('not an audio frame')
  // the length is checked against the maximum before the payload is looked for
  const total = audioFrameLength(bytes, offset)
  if (total === undefined) throw new WireTruncatedError(`audio frame header needs ${AUDIO_HEADER_BYTES} bytes`)
  if (bytes.byteLength - offset < total) {
    throw new WireTruncatedError(`audio frame needs ${total} bytes, ${bytes.byteLength - offset} available`)
  }
  const r = frameReader('audio frame', bytes.subarray(offset, offset + total))
  r.skip(1) // version/kind, checked above
  const seq = r.u32()
  const captureTsUs = readTimestampUs(r)
  const payload = r.bytes(r.u16())
  r.done()
  return { frame: { seq, captureTsUs, payload }, byteLength: total }
}

/** Decodes a buffer holding exactly one audio frame. */
export function decodeAudioFrame (bytes: Uint8Array): AudioFrame {
  const { frame, byteLength } = readAudioFrame(bytes)
  if (byteLength !== bytes.byteLength) {
    throw new WireTrailingBytesError(`${bytes.byteLength - byteLength} bytes after the audio frame`)
  }
  return frame
}
