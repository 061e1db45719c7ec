import { MAX_VIDEO_HEIGHT_PX, MAX_VIDEO_PAYLOAD_BYTES, MAX_VIDEO_WIDTH_PX, VIDEO_HEADER_BYTES } from '../constants.js'
import { WireInvalidFieldError, WireOversizeError, WireTrailingBytesError, WireTruncatedError } from '../errors.js'
import {
  VIDEO_FLAGS_RESERVED_MASK, VideoFlag, assertTimestampUs, assertU32, frameReader, frameWriter, readTimestampUs,
  readVersionKind
} from './header.js'

/**
 * Video frame on the wire (big-endian), VIDEO_HEADER_BYTES (26) of header:
 *   [0]      version (high nibble) | kind = 2 (low nibble)
 *   [1..4]   seq            u32  (consecutive over sent frames)
 *   [5..12]  capture_ts_us  u64
 *   [13]     flags          u8   bit 0 keyframe, bits 1-2 temporal layer, bits 3-7 zero
 *   [14..15] width          u16  1 … MAX_VIDEO_WIDTH_PX
 *   [16..17] height         u16  1 … MAX_VIDEO_HEIGHT_PX
 *   [18..21] group_id       u32  increments at each keyframe
 *   [22..25] len            u32  1 … MAX_VIDEO_PAYLOAD_BYTES
 *   [26..]   VP9 packet
 */
export interface VideoFrame {
  seq: number
  captureTsUs: number
  keyframe: boolean
  /** 0 … 3. */
  temporalLayer: number
  width: number
  height: number
  groupId: number
  payload: Uint8Array
}

/** Where `len` sits: after version/kind, seq, capture_ts_us, flags, width, height and group_id. */
const LEN_OFFSET = 1 + 4 + 8 + 1 + 2 + 2 + 4

function checkDimensions (width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 ||
      width > MAX_VIDEO_WIDTH_PX || height > MAX_VIDEO_HEIGHT_PX) {
    throw new WireInvalidFieldError(`video dimensions ${width}x${height} outside 1…${MAX_VIDEO_WIDTH_PX}x${MAX_VIDEO_HEIGHT_PX}`)
  }
}

function checkLength (len: number): number {
  if (len === 0) throw new WireInvalidFieldError('video payload is empty')
  if (len > MAX_VIDEO_PAYLOAD_BYTES) {
    throw new WireOversizeError(`video payload of ${len} bytes exceeds ${MAX_VIDEO_PAYLOAD_BYTES}`)
  }
  return len
}

export function encodeVideoFrame (frame: VideoFrame): Uint8Array {
  assertU32('seq', frame.seq)
  assertU32('groupId', frame.groupId)
  assertTimestampUs(frame.captureTsUs)
  checkDimensions(frame.width, frame.height)
  if (!Number.isInteger(frame.temporalLayer) || frame.temporalLayer < 0 || frame.temporalLayer > 3) {
    throw new WireInvalidFieldError(`temporalLayer must be 0…3, got ${frame.temporalLayer}`)
  }
  const len = checkLength(frame.payload.byteLength)
  return frameWriter('video', VIDEO_HEADER_BYTES + len)
    .u32(frame.seq)
    .u64(frame.captureTsUs)
    .u8((frame.keyframe ? VideoFlag.keyframe : 0) | (frame.temporalLayer << VideoFlag.temporalLayerShift))
    .u16(frame.width)
    .u16(frame.height)
    .u32(frame.groupId)
    .u32(len)
    .bytes(frame.payload)
    .finish()
}

/** Total length of the video frame at `offset`, or undefined while its header is incomplete. */
export function videoFrameLength (bytes: Uint8Array, offset = 0): number | undefined {
  if (bytes.byteLength - offset < VIDEO_HEADER_BYTES) return undefined
  const r = frameReader('video frame', bytes, offset + LEN_OFFSET)
  return VIDEO_HEADER_BYTES + checkLength(r.u32())
}

/** Decodes the video frame at `offset`; the payload is a view into `bytes`. */
export function readVideoFrame (bytes: Uint8Array, offset = 0): { frame: VideoFrame, byteLength: number } {
  if (readVersionKind(bytes, offset) !== 'video') throw new WireInvalidFieldError('not a video frame')
  // the length is checked against the maximum before the payload is looked for
  const total = videoFrameLength(bytes, offset)
  if (total === undefined) throw new WireTruncatedError(`video frame header needs ${VIDEO_HEADER_BYTES} bytes`)
  if (bytes.byteLength - offset < total) {
    throw new WireTruncatedError(`video frame needs ${total} bytes, ${bytes.byteLength - offset} available`)
  }
  const r = frameReader('video frame', bytes.subarray(offset, offset + total))
  r.skip(1) // version/kind, checked above
  const seq = r.u32()
  const captureTsUs = readTimestampUs(r)
  const flags = r.u8()
  if ((flags & VIDEO_FLAGS_RESERVED_MASK) !== 0) {
    throw new WireInvalidFieldError(`reserved video flag bits set: 0x${flags.toString(16)}`)
  }
  const width = r.u16()
  const height = r.u16()
  checkDimensions(width, height)
  const groupId = r.u32()
  const payload = r.bytes(r.u32())
  r.done()
  const frame: VideoFrame = {
    seq,
    captureTsUs,
    keyframe: (flags & VideoFlag.keyframe) !== 0,
    temporalLayer: (flags & VideoFlag.temporalLayerMask) >> VideoFlag.temporalLayerShift,
    width,
    height,
    groupId,
    payload
  }
  return { frame, byteLength: total }
}

/** Decodes a buffer holding exactly one video frame. */
export function decodeVideoFrame (bytes: Uint8Array): VideoFrame {
  const { frame, byteLength } = readVideoFrame(bytes)
  if (byteLength !== bytes.byteLength) {
    throw new WireTrailingBytesError(`${bytes.byteLength - byteLength} bytes after the video frame`)
  }
  return frame
}
