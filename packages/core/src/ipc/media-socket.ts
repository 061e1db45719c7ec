// The binary media WebSocket between the daemon and a local media client (the GUI page,
// or a benchmark harness): raw captured frames in, decoded frames out. Raw, because the
// codecs, the jitter buffer and the frame E2EE all live in the daemon; the socket only
// crosses loopback. Declared once here for the daemon, the GUI and the benchmarks; no
// zod, so the GUI bundle stays small.
//
// One message = one frame, little-endian (Parley's network formats are big-endian; this one never
// leaves the machine), read and written with core's ByteReader/ByteWriter (wire/):
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

import { FixedCodeError } from '../errors.js'
import { ByteReader } from '../wire/byte-reader.js'
import { ByteWriter } from '../wire/byte-writer.js'
import { MediaKind, mediaKindOf } from '../wire/media-kind.js'

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

/** Kind byte: the one media kind table (wire/media-kind.ts). */
export { MediaKind }

export type MediaSocketFrame =
  | { kind: 'audio', seq: number, tsUs: number, flags: number, pcm: Int16Array }
  | { kind: 'video', seq: number, tsUs: number, flags: number, width: number, height: number, data: Uint8Array }

export class MediaSocketFrameError extends FixedCodeError {
  static override readonly name = 'MediaSocketFrameError'
  static readonly code = 'MEDIA_SOCKET_BAD_FRAME'
}

export function i420Bytes (width: number, height: number): number {
  return width * height + 2 * Math.ceil(width / 2) * Math.ceil(height / 2)
}

export function encodeMediaSocketFrame (f: MediaSocketFrame): Uint8Array {
  if (f.kind === 'audio' && f.pcm.length !== MEDIA_AUDIO_SAMPLES) throw new MediaSocketFrameError(`audio frames hold ${MEDIA_AUDIO_SAMPLES} samples, got ${f.pcm.length}`)
  if (f.kind === 'video') checkVideoSize(f.width, f.height, f.data.length)
  const payloadBytes = f.kind === 'audio' ? f.pcm.length * 2 : f.data.length
  const w = new ByteWriter({ size: MEDIA_HEADER_BYTES + payloadBytes, littleEndian: true })
  w.u8(MEDIA_SOCKET_VERSION)
  w.u8(MediaKind[f.kind])
  w.u16(f.kind === 'video' ? f.width : 0)
  w.u16(f.kind === 'video' ? f.height : 0)
  // flags and seq are informational: wrapped to their width rather than refused
  w.u16(f.flags & 0xffff)
  w.u32(f.seq >>> 0)
  w.f64(f.tsUs)
  if (f.kind === 'audio') {
    for (const sample of f.pcm) w.i16(sample)
  } else {
    w.bytes(f.data)
  }
  return w.finish()
}

/** Throws MediaSocketFrameError on anything but a well-formed frame; returns copies. */
export function decodeMediaSocketFrame (bytes: Uint8Array): MediaSocketFrame {
  if (bytes.length < MEDIA_HEADER_BYTES) throw new MediaSocketFrameError(`frame of ${bytes.length} bytes is shorter than its ${MEDIA_HEADER_BYTES}-byte header`)
  if (bytes.length > MEDIA_MAX_MESSAGE_BYTES) throw new MediaSocketFrameError(`frame of ${bytes.length} bytes exceeds ${MEDIA_MAX_MESSAGE_BYTES}`)
  const r = new ByteReader(bytes, { littleEndian: true, mapError: err => new MediaSocketFrameError(`media frame: ${err.message}`) })
  const version = r.u8()
  if (version !== MEDIA_SOCKET_VERSION) throw new MediaSocketFrameError(`unknown media frame version ${version}`)
  const code = r.u8()
  const width = r.u16()
  const height = r.u16()
  const flags = r.u16()
  const seq = r.u32()
  const tsUs = r.f64()
  if (!Number.isFinite(tsUs)) throw new MediaSocketFrameError('timestamp is not a finite number')
  const kind = mediaKindOf(code)
  if (kind === 'audio') {
    if (r.remaining !== MEDIA_AUDIO_SAMPLES * 2) throw new MediaSocketFrameError(`audio payload must be ${MEDIA_AUDIO_SAMPLES * 2} bytes (20 ms, s16 mono 48 kHz), got ${r.remaining}`)
    const pcm = new Int16Array(MEDIA_AUDIO_SAMPLES)
    for (let i = 0; i < pcm.length; i++) pcm[i] = r.i16()
    r.done()
    return { kind: 'audio', seq, tsUs, flags, pcm }
  }
  if (kind === 'video') {
    checkVideoSize(width, height, r.remaining)
    const data = r.bytes(r.remaining).slice()
    r.done()
    return { kind: 'video', seq, tsUs, flags, width, height, data }
  }
  throw new MediaSocketFrameError(`unknown media kind ${code}`)
}

function checkVideoSize (width: number, height: number, bytes: number): void {
  if (width < 2 || height < 2 || width % 2 !== 0 || height % 2 !== 0) throw new MediaSocketFrameError(`video size ${width}×${height} must be even and at least 2×2`)
  if (width > MEDIA_MAX_VIDEO_SIDE_PX || height > MEDIA_MAX_VIDEO_SIDE_PX) throw new MediaSocketFrameError(`video size ${width}×${height} exceeds ${MEDIA_MAX_VIDEO_SIDE_PX} px a side`)
  const want = i420Bytes(width, height)
  if (bytes !== want) throw new MediaSocketFrameError(`I420 ${width}×${height} needs ${want} bytes, got ${bytes}`)
}
