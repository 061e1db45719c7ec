// The binary media WebSocket between the daemon and a local media client (the GUI page,
// or a benchmark harness): raw captured frames in, decoded frames out. Raw, because the
// codecs, the jitter buffer and the frame E2EE all live in the daemon; the socket only
// crosses loopback. Declared once here for the daemon, the GUI and the benchmarks; no
// zod, so the GUI bundle stays small.
//
// One message = one frame, little-endian:
//   0  u8   version (MEDIA_SOCKET_VERSION)
//   1  u8   kind: 1 = audio (s16 mono 48 kHz, MEDIA_AUDIO_SAMPLES samples), 2 = video (I420)
//   2  u16  width   (video; 0 for audio)
//   4  u16  height  (video; 0 for audio)
//   6  u16  flags   (daemon → client: bit 0 = concealed audio / keyframe video)
//   8  u32  seq     (sender's frame counter; informational)
//  12  f64  tsUs    client → daemon: capture time (informational; the daemon stamps frames
//                   as they reach it); daemon → client: the remote capture time in µs since
//                   the epoch — audio corrected to this daemon's clock by the call's
//                   ping/pong offset, video on the sender's clock — for latency display
//  20  payload: audio 2·MEDIA_AUDIO_SAMPLES bytes; video w·h + 2·⌈w/2⌉·⌈h/2⌉ bytes

/** Path of the media WebSocket (upgrade only; authenticated like /rpc). */
export const MEDIA_PATH = '/media'
/** Subprotocol a media client offers, next to the token subprotocol. */
export const MEDIA_SUBPROTOCOL = 'parley-media.v1'
export const MEDIA_SOCKET_VERSION = 1
export const MEDIA_HEADER_BYTES = 20
/** 20 ms at 48 kHz, mono. */
export const MEDIA_AUDIO_SAMPLES = 960
export const MEDIA_AUDIO_SAMPLE_RATE = 48_000
/** Largest picture side accepted from a client (1080p either way up). */
export const MEDIA_MAX_VIDEO_SIDE_PX = 1920
export const MEDIA_MAX_MESSAGE_BYTES = MEDIA_HEADER_BYTES + MEDIA_MAX_VIDEO_SIDE_PX * MEDIA_MAX_VIDEO_SIDE_PX * 3 / 2
export const MEDIA_FLAG_CONCEALED = 1
export const MEDIA_FLAG_KEYFRAME = 1

export const MediaKind = { audio: 1, video: 2 } as const

export type MediaSocketFrame =
  | { kind: 'audio', seq: number, tsUs: number, flags: number, pcm: Int16Array }
  | { kind: 'video', seq: number, tsUs: number, flags: number, width: number, height: number, data: Uint8Array }

export class MediaSocketFrameError extends Error {
  static readonly code = 'media.badFrame'
  readonly code = MediaSocketFrameError.code
  constructor (message: string) {
    super(message)
    this.name = 'MediaSocketFrameError'
  }
}

export function i420Bytes (width: number, height: number): number {
  return width * height + 2 * Math.ceil(width / 2) * Math.ceil(height / 2)
}

export function encodeMediaSocketFrame (f: MediaSocketFrame): Uint8Array {
  const payloadBytes = f.kind === 'audio' ? f.pcm.length * 2 : f.data.length
  const out = new Uint8Array(MEDIA_HEADER_BYTES + payloadBytes)
  const v = new DataView(out.buffer)
  v.setUint8(0, MEDIA_SOCKET_VERSION)
  v.setUint8(1, MediaKind[f.kind])
  v.setUint16(2, f.kind === 'video' ? f.width : 0, true)
  v.setUint16(4, f.kind === 'video' ? f.height : 0, true)
  v.setUint16(6, f.flags & 0xffff, true)
  v.setUint32(8, f.seq >>> 0, true)
  v.setFloat64(12, f.tsUs, true)
  if (f.kind === 'audio') {
    if (f.pcm.length !== MEDIA_AUDIO_SAMPLES) throw new MediaSocketFrameError(`audio frames hold ${MEDIA_AUDIO_SAMPLES} samples, got ${f.pcm.length}`)
    for (let i = 0; i < f.pcm.length; i++) v.setInt16(MEDIA_HEADER_BYTES + 2 * i, f.pcm[i] ?? 0, true)
  } else {
    checkVideoSize(f.width, f.height, f.data.length)
    out.set(f.data, MEDIA_HEADER_BYTES)
  }
  return out
}

/** Throws MediaSocketFrameError on anything but a well-formed frame; returns copies. */
export function decodeMediaSocketFrame (bytes: Uint8Array): MediaSocketFrame {
  if (bytes.length < MEDIA_HEADER_BYTES) throw new MediaSocketFrameError(`frame of ${bytes.length} bytes is shorter than its ${MEDIA_HEADER_BYTES}-byte header`)
  if (bytes.length > MEDIA_MAX_MESSAGE_BYTES) throw new MediaSocketFrameError(`frame of ${bytes.length} bytes exceeds ${MEDIA_MAX_MESSAGE_BYTES}`)
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const version = v.getUint8(0)
  if (version !== MEDIA_SOCKET_VERSION) throw new MediaSocketFrameError(`unknown media frame version ${version}`)
  const kind = v.getUint8(1)
  const width = v.getUint16(2, true)
  const height = v.getUint16(4, true)
  const flags = v.getUint16(6, true)
  const seq = v.getUint32(8, true)
  const tsUs = v.getFloat64(12, true)
  if (!Number.isFinite(tsUs)) throw new MediaSocketFrameError('timestamp is not a finite number')
  const payload = bytes.subarray(MEDIA_HEADER_BYTES)
  if (kind === MediaKind.audio) {
    if (payload.length !== MEDIA_AUDIO_SAMPLES * 2) throw new MediaSocketFrameError(`audio payload must be ${MEDIA_AUDIO_SAMPLES * 2} bytes (20 ms, s16 mono 48 kHz), got ${payload.length}`)
    const pcm = new Int16Array(MEDIA_AUDIO_SAMPLES)
    for (let i = 0; i < pcm.length; i++) pcm[i] = v.getInt16(MEDIA_HEADER_BYTES + 2 * i, true)
    return { kind: 'audio', seq, tsUs, flags, pcm }
  }
  if (kind === MediaKind.video) {
    checkVideoSize(width, height, payload.length)
    return { kind: 'video', seq, tsUs, flags, width, height, data: payload.slice() }
  }
  throw new MediaSocketFrameError(`unknown media kind ${kind}`)
}

function checkVideoSize (width: number, height: number, bytes: number): void {
  if (width < 2 || height < 2 || width % 2 !== 0 || height % 2 !== 0) throw new MediaSocketFrameError(`video size ${width}×${height} must be even and at least 2×2`)
  if (width > MEDIA_MAX_VIDEO_SIDE_PX || height > MEDIA_MAX_VIDEO_SIDE_PX) throw new MediaSocketFrameError(`video size ${width}×${height} exceeds ${MEDIA_MAX_VIDEO_SIDE_PX} px a side`)
  const want = i420Bytes(width, height)
  if (bytes !== want) throw new MediaSocketFrameError(`I420 ${width}×${height} needs ${want} bytes, got ${bytes}`)
}
