// The first bytes of every media stream: which call it belongs to and what it carries.
//   [0] version  [1] kind (1 audio, 2 video, 3 control)  [2] call id length n  [3..3+n) call id (ASCII)
import { MAX_STREAM_HEADER_BYTES, MEDIA_STREAM_VERSION } from './constants.js'
import { ParleyError } from '../errors.js'

export const StreamKind = { audio: 1, video: 2, control: 3 } as const
export type StreamKindName = keyof typeof StreamKind

export class BadStreamHeaderError extends ParleyError {
  static override readonly name = 'BadStreamHeaderError'
  constructor (message: string) { super('MEDIA_BAD_STREAM_HEADER', message) }
}

export interface StreamHeader { kind: StreamKindName, callId: string }

const CALL_ID = /^[A-Za-z0-9_-]{1,64}$/

export function encodeStreamHeader (h: StreamHeader): Uint8Array {
  if (!CALL_ID.test(h.callId)) throw new BadStreamHeaderError(`bad call id "${h.callId}"`)
  const id = new TextEncoder().encode(h.callId)
  const out = new Uint8Array(3 + id.length)
  out[0] = MEDIA_STREAM_VERSION
  out[1] = StreamKind[h.kind]
  out[2] = id.length
  out.set(id, 3)
  return out
}

/** Length of the header at the start of `bytes`, or undefined while incomplete. */
export function streamHeaderLength (bytes: Uint8Array): number | undefined {
  // fail on the first wrong byte rather than wait for a length that may never come
  if (bytes.length >= 1 && bytes[0] !== MEDIA_STREAM_VERSION) throw new BadStreamHeaderError(`unsupported media stream version ${bytes[0] ?? '-'}`)
  if (bytes.length >= 2 && !Object.values(StreamKind).includes(bytes[1] as 1 | 2 | 3)) throw new BadStreamHeaderError(`unknown stream kind ${bytes[1] ?? '-'}`)
  if (bytes.length < 3) return undefined
  const n = bytes[2] ?? 0
  if (3 + n > MAX_STREAM_HEADER_BYTES || n === 0) throw new BadStreamHeaderError(`call id length ${n} out of range`)
  return bytes.length >= 3 + n ? 3 + n : undefined
}

export function decodeStreamHeader (bytes: Uint8Array): StreamHeader {
  if (bytes[0] !== MEDIA_STREAM_VERSION) throw new BadStreamHeaderError(`unsupported media stream version ${bytes[0] ?? '-'}`)
  const kind = (Object.keys(StreamKind) as StreamKindName[]).find(k => StreamKind[k] === bytes[1])
  if (kind == null) throw new BadStreamHeaderError(`unknown stream kind ${bytes[1] ?? '-'}`)
  const len = streamHeaderLength(bytes)
  if (len == null || len !== bytes.length) throw new BadStreamHeaderError('truncated stream header')
  const callId = new TextDecoder().decode(bytes.subarray(3, len))
  if (!CALL_ID.test(callId)) throw new BadStreamHeaderError('bad call id')
  return { kind, callId }
}
