// Decoded call signals: a discriminated union on `body.kind`, one variant per CallSignal body.

export interface OpusParams {
  /** Target bitrate, MIN_OPUS_BITRATE_BPS..MAX_OPUS_BITRATE_BPS. */
  bitrateBps: number
  /** One of OPUS_FRAME_MS. */
  frameMs: number
  /** In-band forward error correction. */
  fec: boolean
  stereo: boolean
}

export interface Vp9Params {
  /** Even, 2..MAX_VIDEO_DIMENSION_PX. */
  width: number
  height: number
  /** MIN_VIDEO_FPS..MAX_VIDEO_FPS. */
  fps: number
  /** MIN_VIDEO_BITRATE_BPS..MAX_VIDEO_BITRATE_BPS. */
  bitrateBps: number
}

export const REJECT_REASON = {
  /** The user declined. */
  rejected: 'rejected',
  /** The caller is blocked; receivers show it like `rejected` so a block is not revealed by the UI. */
  blocked: 'blocked'
} as const

export type CallSignalBody =
  | {
    kind: 'offer'
    audio: boolean
    video: boolean
    /**
     * Reserved for future use: required and range-checked on the wire, but the callee ignores it;
     * senders fill it with their Opus encoder's start settings (docs/protocol.md §3.2).
     */
    opus: OpusParams
    /** Reserved for future use, like `opus`: the sender's VP9 encoder start settings, ignored by the callee. */
    vp9: Vp9Params
    /** CALL_KEY_SALT_BYTES random bytes mixed into the frame keys. */
    keySalt: Uint8Array
    /** Sender's clock; lets the callee drop offers that rang out long ago (≤ 2^53 − 1). */
    sentAtMs: number
  }
  | { kind: 'answer', video: boolean }
  /** `reason` is a token (SIGNAL_REASON_PATTERN); known values in REJECT_REASON, unknown ones read as `rejected`. */
  | { kind: 'reject', reason: string }
  | { kind: 'busy' }
  | { kind: 'cancel' }
  /** `reason` is a token (SIGNAL_REASON_PATTERN), usually an END_REASON value. */
  | { kind: 'end', reason: string }
  | { kind: 'hold' }
  | { kind: 'resume' }
  | { kind: 'mute', audio: boolean, video: boolean }
  | { kind: 'video', on: boolean }
  | { kind: 'keyframe_request' }
  /** `width` and `height` come together or not at all. */
  | { kind: 'renegotiate', video: boolean, width?: number, height?: number, fps?: number }

export type CallSignalKind = CallSignalBody['kind']

export interface CallSignal {
  /** 1..MAX_CALL_ID_LENGTH characters of [A-Za-z0-9_-] (CALL_ID_PATTERN). */
  callId: string
  body: CallSignalBody
}
