// Media transport constants. Numbers come from probes at 50 ms RTT and 1–3 % loss over
// @chainsafe/libp2p-quic (docs/protocol.md §4 "Transport measurements").
import { DEFAULT_OPUS_FRAME_DURATION_MS } from '@parley/media'
import { MAX_CALL_ID_LENGTH } from '@parley/core/call/constants'

/** One libp2p protocol for every media stream; the stream header says which call and kind. */
export const MEDIA_PROTOCOL = '/parley/media/1.0.0'
export const MEDIA_STREAM_VERSION = 1

/**
 * Audio streams opened at call start and used round-robin: a lost packet then delays
 * one frame, not the next seven (pool of 8 cut runs of late frames to length 1).
 */
export const AUDIO_POOL_SIZE = 8
/** Each audio frame is sent again on another pooled stream this much later (p99 97 → 37–47 ms at 1–3 % loss, docs/protocol.md §4 "Transport measurements"). */
export const AUDIO_DUPLICATE_DELAY_MS = 10
/**
 * An audio stream with more than this queued (≈ 1 s of 32 kbit/s audio) is skipped;
 * when every stream is that far behind, frames are dropped: a peer that stops reading
 * must not make the daemon buffer without bound.
 */
export const AUDIO_MAX_QUEUED_BYTES_PER_STREAM = 4 * 1024
/** A pooled audio stream that closed sooner than this after opening is replaced only after AUDIO_STREAM_REFILL_BACKOFF_MS. */
export const AUDIO_STREAM_MIN_LIFETIME_MS = 1_000
export const AUDIO_STREAM_REFILL_BACKOFF_MS = 500
/** Spare video streams kept open so a new group of pictures never waits a round trip. */
export const VIDEO_SPARE_STREAMS = 1
/** Frames of a group still queued after this long are abandoned and a keyframe is forced. */
export const VIDEO_GROUP_DEADLINE_MS = 400
/** Bytes queued on a video stream beyond which frames are dropped instead of queued. */
export const VIDEO_MAX_QUEUED_BYTES = 256 * 1024
/** Largest control message (receiver report, keyframe request). */
export const MAX_CONTROL_MESSAGE_BYTES = 4 * 1024
/**
 * Version of the control stream's format (u16 length ‖ JSON, and the message schema in control.ts).
 * It has no byte of its own, so the wire stays as it is: a control stream opens with a stream header
 * (kind control), and a change an older peer would reject must bump MEDIA_STREAM_VERSION with it.
 */
export const CONTROL_VERSION = 1
/** Stream header bytes before the call id: version, kind, call id length. */
export const STREAM_HEADER_FIXED_BYTES = 3
/** Largest stream header: the fixed bytes and the longest call id (core call/call-id.ts). */
export const MAX_STREAM_HEADER_BYTES = STREAM_HEADER_FIXED_BYTES + MAX_CALL_ID_LENGTH
/** Inbound media streams per connection (pool + video groups + control, with headroom). */
export const MAX_INBOUND_MEDIA_STREAMS = 64
/**
 * A media stream we close waits at most this long for its queued bytes to go out before it
 * is aborted: a stalled peer must not keep streams (and its per-protocol stream slots) open.
 */
export const MEDIA_STREAM_CLOSE_TIMEOUT_MS = 2_000
/** An opened stream that has not sent its header within this time is reset. */
export const STREAM_HEADER_TIMEOUT_MS = 5_000

// ---- One call's media session (docs/protocol.md §4) ----

/** Audio frame duration of a call: the Opus encoder's (20 ms, 960 samples at 48 kHz). */
export const AUDIO_FRAME_MS = DEFAULT_OPUS_FRAME_DURATION_MS
/** How often each side sends a receiver report on its control stream. */
export const REPORT_INTERVAL_MS = 500
/** How often each side pings on its control stream (RTT and clock offset). */
export const PING_INTERVAL_MS = 1000
/** How often the video assembler is asked for frames whose wait is over. */
export const ASSEMBLER_TICK_MS = 50
/** Frame interval of the synthetic (pulled) video source. */
export const PULL_VIDEO_INTERVAL_MS = 1000 / 30
/** A pulled audio source more than this many frames behind the wall clock skips ahead (old audio is useless). */
export const AUDIO_CATCH_UP_MAX_FRAMES = 5
/** One-way delay above the call's minimum before its trend counts as congestion. */
export const OWD_QUEUE_MIN_EXCESS_MS = 20
/** A frame this many frames behind the newest one and still missing is lost (300 ms of audio). */
export const NETWORK_LOSS_GRACE_FRAMES = 15
/** Frames the video frame-rate budget can save up (a burst of this many passes). */
export const VIDEO_BURST_FRAMES = 2
/** Budget needed to encode a frame: a little under one, for timer jitter. */
export const VIDEO_CREDIT_MIN = 0.8
/** Recent samples per stage kept for the stats' medians. */
export const STAGE_SAMPLES = 200
/** Recent end-to-end latencies kept for the stats' medians, per kind. */
export const AUDIO_LATENCY_SAMPLES = 200
export const VIDEO_LATENCY_SAMPLES = 100
/** Opus is always told to expect at least this much loss, so in-band FEC stays on. */
export const MIN_EXPECTED_LOSS_PERCENT = 5
/** Opening one media stream (a dial of the media protocol on the call's connection) gives up after this. */
export const MEDIA_STREAM_OPEN_TIMEOUT_MS = 10_000
/** VP9 speed for live calls: fastest preset, two threads, error-resilient (a lost group must not corrupt the next). */
export const LIVE_VP9_CPU_USED = 8
export const LIVE_VP9_THREADS = 2
