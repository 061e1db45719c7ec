// Every limit, default and timing of the media engine, with units in the names. The bounds a call's
// signalling also checks (Opus and VP9 bitrates, frame durations, frame rates, picture size) are
// core's (docs/protocol.md §3.2), read here so the encoder accepts exactly what an Offer may carry.
import {
  MAX_OPUS_BITRATE_BPS, MAX_VIDEO_BITRATE_BPS, MAX_VIDEO_DIMENSION_PX, MAX_VIDEO_FPS, MIN_OPUS_BITRATE_BPS,
  MIN_VIDEO_BITRATE_BPS, MIN_VIDEO_FPS, OPUS_FRAME_MS
} from '@parley/core/call/constants'

export {
  MAX_OPUS_BITRATE_BPS, MAX_VIDEO_BITRATE_BPS, MAX_VIDEO_DIMENSION_PX, MAX_VIDEO_FPS, MIN_OPUS_BITRATE_BPS,
  MIN_VIDEO_BITRATE_BPS, MIN_VIDEO_FPS
}

// --- Audio (Opus) ---
export const OPUS_SAMPLE_RATE_HZ = 48_000
export const OPUS_FRAME_DURATIONS_MS = OPUS_FRAME_MS
export const DEFAULT_OPUS_FRAME_DURATION_MS = 20
/** Samples per channel in one default (20 ms) frame at 48 kHz: 960. */
export const DEFAULT_OPUS_FRAME_SAMPLES = OPUS_SAMPLE_RATE_HZ * DEFAULT_OPUS_FRAME_DURATION_MS / 1000
export const DEFAULT_OPUS_CHANNELS = 1
export const DEFAULT_OPUS_BITRATE_BPS = 32_000
/** 0 (fastest) … 10 (best); 9 is what desktop VoIP stacks use (its cost: docs/media.md "Measured numbers"). */
export const DEFAULT_OPUS_COMPLEXITY = 9
export const DEFAULT_OPUS_FEC = true
export const DEFAULT_OPUS_EXPECTED_LOSS_PERCENT = 10
export const DEFAULT_OPUS_DTX = false

// --- Video (VP9) ---
export const DEFAULT_VIDEO_WIDTH_PX = 640
export const DEFAULT_VIDEO_HEIGHT_PX = 480
export const DEFAULT_VIDEO_FRAME_RATE_FPS = 30
export const DEFAULT_VP9_BITRATE_BPS = 1_000_000
/** libvpx realtime speed: 5 (slower, better) … 9 (fastest). */
export const DEFAULT_VP9_CPU_USED = 8
export const DEFAULT_VP9_THREADS = 1
export const DEFAULT_VP9_MIN_QUANTIZER = 2
export const DEFAULT_VP9_MAX_QUANTIZER = 56
export const DEFAULT_VP9_KEYFRAME_INTERVAL_FRAMES = 300
export const DEFAULT_VP9_ERROR_RESILIENT = false
export const DEFAULT_VP9_TEMPORAL_LAYERS = 1
export const MAX_VP9_TEMPORAL_LAYERS = 3
/** 0 = never drop frames in the encoder (the ABR decides what to drop). */
export const DEFAULT_VP9_DROP_FRAME_THRESHOLD_PERCENT = 0
export const DEFAULT_VP9_DECODER_THREADS = 1
/** VP9 timestamps use the RTP video clock. */
export const VP9_TIMEBASE_HZ = 90_000
/**
 * Clock of recorded IVF files (IvfFileSink): milliseconds, fine enough that frames captured a few ms
 * apart get distinct timestamps, and coarse enough that the header's u32 length (in these ticks)
 * covers 49 days.
 */
export const IVF_TIMEBASE_HZ = 1_000
export const MAX_CODEC_THREADS = 16

// --- Wire format ---
export const WIRE_VERSION = 1
export const AUDIO_HEADER_BYTES = 15
export const VIDEO_HEADER_BYTES = 26
/** The encoder caps its packets at this size, so a valid sender never exceeds it. */
export const MAX_AUDIO_PAYLOAD_BYTES = 1_500
export const MAX_VIDEO_PAYLOAD_BYTES = 4 * 1024 * 1024
export const MAX_VIDEO_WIDTH_PX = MAX_VIDEO_DIMENSION_PX
export const MAX_VIDEO_HEIGHT_PX = MAX_VIDEO_DIMENSION_PX
export const MAX_AUDIO_FRAME_BYTES = AUDIO_HEADER_BYTES + MAX_AUDIO_PAYLOAD_BYTES
export const MAX_VIDEO_FRAME_BYTES = VIDEO_HEADER_BYTES + MAX_VIDEO_PAYLOAD_BYTES

// --- Audio jitter buffer ---
export const JITTER_FLOOR_MS = 20
export const JITTER_CEILING_MS = 250
export const JITTER_INITIAL_TARGET_MS = 40
/** Transit samples kept for the jitter estimate (10 s of 20 ms frames). */
export const JITTER_WINDOW_FRAMES = 500
/** Transit samples needed before the target follows measured jitter. */
export const JITTER_MIN_SAMPLES = 10
/** Share of transit samples the target delay must cover. */
export const JITTER_TARGET_PERCENTILE = 0.9
/** Buffered audio beyond target + this margin is trimmed by skipping a frame. */
export const JITTER_TRIM_MARGIN_MS = 20
/** At most one trim per this many ticks, so trimming never becomes audible chopping. */
export const JITTER_TRIM_INTERVAL_TICKS = 10
/** At most one inserted concealment per this many ticks while building delay. */
export const JITTER_STRETCH_INTERVAL_TICKS = 5
/** After this much continuous concealment playout stops and rebuffers. */
export const JITTER_MAX_CONCEALMENT_MS = 200
/** A sequence jump larger than this is a sender restart, not loss. */
export const JITTER_MAX_SEQ_JUMP_FRAMES = 1_000

// --- Video assembler ---
/** How long a missing video frame is waited for before the group is given up. */
export const VIDEO_GAP_TIMEOUT_MS = 150
export const VIDEO_MAX_PENDING_FRAMES = 120
export const KEYFRAME_REQUEST_INTERVAL_MS = 500

// --- Synthetic sources ---
export const FRAME_COUNTER_BITS = 16
/** Side of one counter block in pixels: big enough to survive heavy VP9 quantisation. */
export const FRAME_COUNTER_BLOCK_PX = 16

// --- File sinks ---
/** Mode of every file a sink writes (WAV, IVF, Ogg, Y4M): owner-only, recordings are decrypted call media. */
export const SINK_FILE_MODE = 0o600
