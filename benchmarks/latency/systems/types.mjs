// The contract between the latency harness (run.mjs) and each system module
// (systems/webrtc.mjs, systems/parley.mjs). Types only; nothing runs here.
//
// A system module exports `run(options): Promise<SystemResult>` and, for Parley, may take
// `options.system` to pick 'parley' or 'parley-single-stream' (the module is shared).
//
// Clock: every `atMs` is `performance.timeOrigin + performance.now()` in the process that
// observed the event (ms since the epoch, sub-ms resolution). All processes run on one
// machine, so these are comparable across processes.
//
// Content ids (see ../content.mjs): the harness matches by what the media *carries*, not by
// the engine's sequence numbers.
//  - video sent id  = frame index i (0, 1, 2, …) of videoFrame(i); received id = what
//    readVideoId() returned for the decoded picture (i mod VIDEO_ID_MODULUS, or the frame is
//    not reported when the read fails its checksum).
//  - audio sent id  = marker index m (marker m starts at sample 0 of content frame
//    m × MARKER_EVERY_FRAMES); received id = the detector's class (m mod AUDIO_ID_MODULUS).
// measure.mjs unwraps the modular received ids against the sent ones.

/**
 * @typedef {object} VideoParams
 * @property {number} width   source width, px (1280; 640 with --quick)
 * @property {number} height  source height, px (720; 360 with --quick)
 * @property {number} fps     source frame rate (30)
 * @property {number} startBitrateBps  encoder start bitrate (600 000)
 */

/**
 * @typedef {object} RunOptions
 * @property {'libwebrtc'|'parley'|'parley-single-stream'|'gui-parley'|'gui-webrtc'} system
 * @property {import('../../link/scenarios.mjs').LinkScenario} scenario
 * @property {number} seed          relay seed (the scenario's)
 * @property {number} durationMs    media time to send, after the connection is up
 * @property {number} warmupMs      the harness ignores frames sent earlier than this (the system just reports everything)
 * @property {VideoParams} video
 * @property {(msg: string) => void} progress   one line, no newline; goes to stderr
 * @property {(targetPort: number) => Promise<import('../../link/relay.mjs').Relay>} makeRelay
 *   creates the scenario's relay in front of `targetPort` (UDP on 127.0.0.1); the harness
 *   closes it after run() returns. Call it exactly once: the result's `relay` must be its stats.
 */

/**
 * @typedef {object} SentRecord
 * @property {number} id    full content index (never wraps)
 * @property {number} atMs  when the frame/marker entered the sender's engine (encoder input)
 *
 * @typedef {object} ReceivedVideoRecord
 * @property {number} id     content id read from the picture (modular)
 * @property {number} atMs   when the decoded picture left the receiver's engine
 * @property {number} width  received picture size
 * @property {number} height
 * @property {number} [psnrDb]  luma PSNR against the source (../quality.mjs), on kept frames
 * @property {number|null} [ssim]
 *
 * @typedef {object} ReceivedAudioRecord
 * @property {number} id     detected marker class (modular)
 * @property {number|null} [similarity]  waveform correlation with the source block (../quality.mjs)
 * @property {number} atMs   time the PCM buffer holding the onset left the engine + onset offset in it
 */

/**
 * @typedef {object} TimelinePoint   receiver side, one every 500 ms
 * @property {number} tMs        ms since the first media was sent
 * @property {number|null} videoBps  received video bitrate over the last interval (payload bits/s as the engine counts them)
 * @property {number|null} audioBps
 * @property {number|null} width     last received picture size
 * @property {number|null} height
 */

/**
 * @typedef {object} Stages   medians in ms, null where the engine does not expose a stage
 * @property {number|null} encodeMs
 * @property {number|null} sendQueueMs
 * @property {number|null} networkMs
 * @property {number|null} jitterBufferMs
 * @property {number|null} decodeMs
 *
 * @typedef {object} StagesByKind
 * @property {Stages|null} audio
 * @property {Stages|null} video
 */

/**
 * @typedef {object} EndpointStats   from /proc (see ../proc-stats.mjs), over the media period
 * @property {number|null} cpuPercent  100 = one core fully busy
 * @property {number|null} rssMiB      peak resident set size seen while sampling
 * @property {number|null} [pid]
 */

/**
 * @typedef {object} SystemResult
 * @property {'libwebrtc'|'parley'|'parley-single-stream'|'gui-parley'|'gui-webrtc'} system
 * @property {{ sent: SentRecord[], received: ReceivedVideoRecord[] }} video
 * @property {{ sent: SentRecord[], received: ReceivedAudioRecord[], concealedFrames: number|null, concealment?: { concealedMs: number|null, stretchedMs: number|null } | null }} audio
 *   concealedFrames: 20 ms frames the receiver's engine concealed (PLC), null if unknown;
 *   concealment: ms of concealed and of time-stretched audio over the measured window
 * @property {TimelinePoint[]} timeline
 * @property {StagesByKind|null} stages
 * @property {{ sender: EndpointStats, receiver: EndpointStats }} endpoints
 * @property {import('../../link/relay.mjs').RelayStats} relay   relay.stats() at the end
 * @property {{ viaRelay: boolean, [k: string]: unknown }} path  viaRelay: media went through the relay (checked, not assumed)
 * @property {Record<string, unknown>} [extra]  anything system-specific worth keeping (codec, ABR trace, …)
 */

export {}
