// What the audio and video frame share: the version/kind byte, field checks, and the byte
// reader/writer. Both come from @parley/core (wire/), the one reader/writer of every Parley format;
// media depends on core for it (core is the lowest package, so no cycle). The reader's own errors
// surface as this package's wire errors, so the decoders throw only MediaError.
import { ByteReader, ByteWriter, MediaKind, ReadPastEndError, mediaKindOf } from '@parley/core/wire/index'
import type { WireError } from '@parley/core/wire/index'
import { WIRE_VERSION } from '../constants.js'
import {
  WireInvalidFieldError, WireTrailingBytesError, WireTruncatedError, WireUnknownKindError, WireUnknownVersionError
} from '../errors.js'

/** Low nibble of the first byte: the one media kind table of core (wire/media-kind.ts). */
export const FrameKind = MediaKind
export type FrameKindName = MediaKind

/** Bits of the video `flags` byte; unlisted bits are reserved and must be zero. */
export const VideoFlag = {
  keyframe: 0x01,
  /** Two bits: the VP9 temporal layer (0 = base). */
  temporalLayerMask: 0x06,
  temporalLayerShift: 1
} as const
export const VIDEO_FLAGS_RESERVED_MASK = 0xf8

/** A reader over `bytes` from `offset` whose errors are this package's wire errors, prefixed with `what`. */
export function frameReader (what: string, bytes: Uint8Array, offset = 0): ByteReader {
  return new ByteReader(bytes, {
    offset,
    mapError: (err: WireError) => err instanceof ReadPastEndError
      ? new WireTruncatedError(`${what}: ${err.message}`, { cause: err })
      : new WireTrailingBytesError(`${what}: ${err.message}`, { cause: err })
  })
}

/** A writer for a frame of `header + payload` bytes, starting with the version/kind byte. */
export function frameWriter (kind: FrameKindName, totalBytes: number): ByteWriter {
  return new ByteWriter({ size: totalBytes }).u8((WIRE_VERSION << 4) | FrameKind[kind])
}

/** Validates the first byte at `offset`; returns the kind name. */
export function readVersionKind (bytes: Uint8Array, offset: number): FrameKindName {
  if (bytes.byteLength - offset < 1) throw new WireTruncatedError('media frame: empty input')
  const b = frameReader('media frame', bytes, offset).u8()
  const version = b >> 4
  if (version !== WIRE_VERSION) throw new WireUnknownVersionError(`media frame: unknown version ${version}`)
  const kind = mediaKindOf(b & 0x0f)
  if (kind === undefined) throw new WireUnknownKindError(`media frame: unknown kind ${b & 0x0f}`)
  return kind
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
export function readTimestampUs (r: ByteReader): number {
  const v = r.u64()
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new WireInvalidFieldError('captureTsUs exceeds 2^53 - 1')
  return Number(v)
}
