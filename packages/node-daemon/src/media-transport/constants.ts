// Media transport constants. Numbers come from the probes in PLATFORM-FACTS.md
// (50 ms RTT, 1–3 % loss over @chainsafe/libp2p-quic).

/** One libp2p protocol for every media stream; the stream header says which call and kind. */
export const MEDIA_PROTOCOL = '/parley/media/1.0.0'
export const MEDIA_STREAM_VERSION = 1

/**
 * Audio streams opened at call start and used round-robin: a lost packet then delays
 * one frame, not the next seven (pool of 8 cut runs of late frames to length 1).
 */
export const AUDIO_POOL_SIZE = 8
/** Each audio frame is sent again on another pooled stream this much later (p99 97 → 37–47 ms at 1–3 % loss). */
export const AUDIO_DUPLICATE_DELAY_MS = 10
/**
 * An audio stream with more than this queued (≈ 0.5 s of 32 kbit/s audio) is skipped;
 * when every stream is that far behind, frames are dropped: a peer that stops reading
 * must not make the daemon buffer without bound.
 */
export const AUDIO_MAX_QUEUED_BYTES_PER_STREAM = 4 * 1024
/** Spare video streams kept open so a new group of pictures never waits a round trip. */
export const VIDEO_SPARE_STREAMS = 1
/** Frames of a group still queued after this long are abandoned and a keyframe is forced. */
export const VIDEO_GROUP_DEADLINE_MS = 400
/** Bytes queued on a video stream beyond which frames are dropped instead of queued. */
export const VIDEO_MAX_QUEUED_BYTES = 256 * 1024
/** Largest control message (receiver report, keyframe request). */
export const MAX_CONTROL_MESSAGE_BYTES = 4 * 1024
/** Largest stream header (version, kind, call id). */
export const MAX_STREAM_HEADER_BYTES = 2 + 1 + 64
/** Inbound media streams per connection (pool + video groups + control, with headroom). */
export const MAX_INBOUND_MEDIA_STREAMS = 64
/**
 * A media stream we close waits at most this long for its queued bytes to go out before it
 * is aborted: a stalled peer must not keep streams (and its per-protocol stream slots) open.
 */
export const MEDIA_STREAM_CLOSE_TIMEOUT_MS = 2_000
/** An opened stream that has not sent its header within this time is reset. */
export const STREAM_HEADER_TIMEOUT_MS = 5_000
