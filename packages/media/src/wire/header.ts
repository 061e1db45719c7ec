import { WIRE_VERSION } from '../constants.js'
import {
  WireInvalidFieldError, WireTruncatedError, WireUnknownKindError, WireUnknownVersionError
} from '../errors.js'

/** Low nibble of the first byte. */
export const FrameKind = { audio: 1, video: 2 } as const
export type FrameKindName = keyof typeof FrameKind

/** Bits of the video `flags` byte; unlisted bits are reserved and must be zero. */
export const VideoFlag = {
  keyframe: 0x01,
  /** Two bits: the VP9 temporal layer (0 = base). */
  temporalLayerMask: 0x06,
  temporalLayerShift: 1
} as const
export const VIDEO_FLAGS_RESERVED_MASK = 0xf8

export function versionKindByte (kind: number): number {
  return (WIRE_VERSION << 4) | kind
}

/** Validates the first byte; returns the kind name. */
export function readVersionKind (bytes: Uint8Array, offset: number): FrameKindName {
  if (bytes.byteLength - offset < 1) throw new WireTruncatedError('media frame: empty input')
  const b = bytes[offset] ?? 0
  const version = b >> 4
  if (version !== WIRE_VERSION) throw new WireUnknownVersionError(`media frame: unknown version ${version}`)
  const kind = b & 0x0f
  if (kind === FrameKind.audio) return 'audio'
  if (kind === FrameKind.video) return 'video'
  throw new WireUnknownKindError(`media frame: unknown kind ${kind}`)
}

export function viewOf (bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

export function assertU32 (name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
    throw new WireInvalidFieldError(`${name} must be a u32, got ${value}`)
  }
}

export function assertTimestampUs (value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new WireInvalidFieldError(`captureTsUs must be a non-negative safe integer, got ${value}`)
  }
}

/** u64 → number, refusing values JavaScript cannot represent exactly. */
export function readTimestampUs (view: DataView, at: number): number {
  const v = view.getBigUint64(at)
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new WireInvalidFieldError('captureTsUs exceeds 2^53 - 1')
  return Number(v)
}
