// One class per failure; `code` is stable, UPPER_SNAKE (MEDIA_…) and safe to send across IPC.
import { FixedCodeError } from '@parley/core/errors'

export abstract class MediaError extends FixedCodeError {}

export class NativeAddonNotBuiltError extends MediaError {
  static override readonly name = 'NativeAddonNotBuiltError'
  static readonly code = 'MEDIA_ADDON_NOT_BUILT'
}

/** Wrong-sized PCM: not a whole Opus frame for the configured channels and duration. */
export class InvalidPcmSizeError extends MediaError {
  static override readonly name = 'InvalidPcmSizeError'
  static readonly code = 'MEDIA_INVALID_PCM_SIZE'
}

/** Zero, odd, or too large picture dimensions. */
export class InvalidDimensionsError extends MediaError {
  static override readonly name = 'InvalidDimensionsError'
  static readonly code = 'MEDIA_INVALID_DIMENSIONS'
}

/** An I420 buffer whose length does not match its width and height. */
export class InvalidI420SizeError extends MediaError {
  static override readonly name = 'InvalidI420SizeError'
  static readonly code = 'MEDIA_INVALID_I420_SIZE'
}

/** An option or runtime setting outside its documented range. */
export class InvalidOptionError extends MediaError {
  static override readonly name = 'InvalidOptionError'
  static readonly code = 'MEDIA_INVALID_OPTION'
}

/** An argument the native layer refused (normally caught earlier by the TypeScript checks). */
export class InvalidArgumentError extends MediaError {
  static override readonly name = 'InvalidArgumentError'
  static readonly code = 'MEDIA_INVALID_ARGUMENT'
}

/** libopus/libvpx reported an internal failure. */
export class CodecError extends MediaError {
  static override readonly name = 'CodecError'
  static readonly code = 'MEDIA_CODEC'
}

/** A packet the decoder cannot parse. */
export class CorruptBitstreamError extends MediaError {
  static override readonly name = 'CorruptBitstreamError'
  static readonly code = 'MEDIA_CORRUPT_BITSTREAM'
}

/** A valid stream in a format we do not output (e.g. VP9 profile 1-3). */
export class UnsupportedFormatError extends MediaError {
  static override readonly name = 'UnsupportedFormatError'
  static readonly code = 'MEDIA_UNSUPPORTED_FORMAT'
}

/** A bitstream declaring a picture above MAX_VIDEO_WIDTH_PX × MAX_VIDEO_HEIGHT_PX. */
export class FrameTooLargeError extends MediaError {
  static override readonly name = 'FrameTooLargeError'
  static readonly code = 'MEDIA_FRAME_TOO_LARGE'
}

export class CodecClosedError extends MediaError {
  static override readonly name = 'CodecClosedError'
  static readonly code = 'MEDIA_CODEC_CLOSED'
}

export class CodecBusyError extends MediaError {
  static override readonly name = 'CodecBusyError'
  static readonly code = 'MEDIA_CODEC_BUSY'
}

// --- Wire format ---

export class WireTruncatedError extends MediaError {
  static override readonly name = 'WireTruncatedError'
  static readonly code = 'MEDIA_WIRE_TRUNCATED'
}

export class WireOversizeError extends MediaError {
  static override readonly name = 'WireOversizeError'
  static readonly code = 'MEDIA_WIRE_OVERSIZE'
}

export class WireUnknownVersionError extends MediaError {
  static override readonly name = 'WireUnknownVersionError'
  static readonly code = 'MEDIA_WIRE_UNKNOWN_VERSION'
}

export class WireUnknownKindError extends MediaError {
  static override readonly name = 'WireUnknownKindError'
  static readonly code = 'MEDIA_WIRE_UNKNOWN_KIND'
}

/** A header field outside its allowed values (zero/odd dimensions, reserved flag bits). */
export class WireInvalidFieldError extends MediaError {
  static override readonly name = 'WireInvalidFieldError'
  static readonly code = 'MEDIA_WIRE_INVALID_FIELD'
}

export class WireTrailingBytesError extends MediaError {
  static override readonly name = 'WireTrailingBytesError'
  static readonly code = 'MEDIA_WIRE_TRAILING_BYTES'
}

// --- Containers ---

export class WavFormatError extends MediaError {
  static override readonly name = 'WavFormatError'
  static readonly code = 'MEDIA_WAV_FORMAT'
}

export class Y4mFormatError extends MediaError {
  static override readonly name = 'Y4mFormatError'
  static readonly code = 'MEDIA_Y4M_FORMAT'
}

export class IvfFormatError extends MediaError {
  static override readonly name = 'IvfFormatError'
  static readonly code = 'MEDIA_IVF_FORMAT'
}

/**
 * The addon throws plain Errors with its own codes (native/common.h, still ERR_MEDIA_…); mapped here
 * to the typed classes, so a public code can be renamed without rebuilding the addon.
 */
const NATIVE_ERRORS: Readonly<Record<string, new (message: string, options?: ErrorOptions) => MediaError>> = {
  ERR_MEDIA_INVALID_ARGUMENT: InvalidArgumentError,
  ERR_MEDIA_CODEC: CodecError,
  ERR_MEDIA_CORRUPT_BITSTREAM: CorruptBitstreamError,
  ERR_MEDIA_UNSUPPORTED_FORMAT: UnsupportedFormatError,
  ERR_MEDIA_FRAME_TOO_LARGE: FrameTooLargeError,
  ERR_MEDIA_CODEC_CLOSED: CodecClosedError,
  ERR_MEDIA_CODEC_BUSY: CodecBusyError
}

/** Turns an error thrown by the addon (plain Error + `code`) into its typed class. */
export function fromNativeError (err: unknown): unknown {
  if (err instanceof MediaError || !(err instanceof Error)) return err
  const code = (err as { code?: unknown }).code
  const Ctor = typeof code === 'string' ? NATIVE_ERRORS[code] : undefined
  return Ctor === undefined ? err : new Ctor(err.message, { cause: err })
}
