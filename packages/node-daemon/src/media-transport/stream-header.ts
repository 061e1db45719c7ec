// The first bytes of every media stream: which call it belongs to and what it carries.
//   [0] version  [1] kind (1 audio, 2 video, 3 control)  [2] call id length n  [3..3+n) call id (ASCII)
// Read and written with core's ByteReader/ByteWriter; the call id follows core's one call-ID rule
// (call/call-id.ts), whose longest id gives MAX_STREAM_HEADER_BYTES.
import { isCallId } from '@parley/core/call/call-id'
import { MIN_CALL_ID_LENGTH } from '@parley/core/call/constants'
import { ByteReader, ByteWriter, MediaKind } from '@parley/core/wire/index'
import type { WireError } from '@parley/core/wire/index'
import { MAX_STREAM_HEADER_BYTES, MEDIA_STREAM_VERSION, STREAM_HEADER_FIXED_BYTES } from './constants.js'
import { ParleyError } from '../errors.js'

/** The media kinds (core wire/media-kind.ts, same codes) and the control stream. */
export const StreamKind = { ...MediaKind, control: 3 } as const
export type StreamKindName = keyof typeof StreamKind
const STREAM_KINDS = Object.keys(StreamKind) as StreamKindName[]

export class BadStreamHeaderError extends ParleyError {
  static override readonly name = 'BadStreamHeaderError'
  constructor (message: string) { super('MEDIA_BAD_STREAM_HEADER', message) }
}

export interface StreamHeader { kind: StreamKindName, callId: string }

function reader (bytes: Uint8Array): ByteReader {
  return new ByteReader(bytes, { mapError: (err: WireError) => new BadStreamHeaderError(`stream header: ${err.message}`) })
}

function readVersion (r: ByteReader): void {
  const version = r.u8()
  if (version !== MEDIA_STREAM_VERSION) throw new BadStreamHeaderError(`unsupported media stream version ${version}`)
}

function readKind (r: ByteReader): StreamKindName {
  const code = r.u8()
  const kind = STREAM_KINDS.find(k => StreamKind[k] === code)
  if (kind === undefined) throw new BadStreamHeaderError(`unknown stream kind ${code}`)
  return kind
}

function readCallIdLength (r: ByteReader): number {
  const n = r.u8()
  if (n < MIN_CALL_ID_LENGTH || STREAM_HEADER_FIXED_BYTES + n > MAX_STREAM_HEADER_BYTES) throw new BadStreamHeaderError(`call id length ${n} out of range`)
  return n
}

export function encodeStreamHeader (h: StreamHeader): Uint8Array {
  if (!isCallId(h.callId)) throw new BadStreamHeaderError(`bad call id "${h.callId}"`)
  // ASCII (the call-ID rule), so one byte per character
  const id = new TextEncoder().encode(h.callId)
  return new ByteWriter({ size: STREAM_HEADER_FIXED_BYTES + id.length })
    .u8(MEDIA_STREAM_VERSION)
    .u8(StreamKind[h.kind])
    .u8(id.length)
    .bytes(id)
    .finish()
}

/** Length of the header at the start of `bytes`, or undefined while incomplete. */
export function streamHeaderLength (bytes: Uint8Array): number | undefined {
  const r = reader(bytes)
  // fail on the first wrong byte rather than wait for a length that may never come
  if (r.remaining > 0) readVersion(r)
  if (r.remaining > 0) readKind(r)
  if (r.remaining === 0) return undefined
  const n = readCallIdLength(r)
  return r.remaining >= n ? STREAM_HEADER_FIXED_BYTES + n : undefined
}

/** Decodes a buffer holding exactly one header (streamHeaderLength says how long it is). */
export function decodeStreamHeader (bytes: Uint8Array): StreamHeader {
  const r = reader(bytes)
  readVersion(r)
  const kind = readKind(r)
  const callId = new TextDecoder().decode(r.bytes(readCallIdLength(r)))
  r.done()
  if (!isCallId(callId)) throw new BadStreamHeaderError('bad call id')
  return { kind, callId }
}
