// Encoder and strict decoder of CallSignal. The decoder checks every named limit and throws only
// MalformedSignalError; the encoder applies the same rules, so we never send what a peer rejects.
import { countFieldsInRange } from '../wire/oneof.js'
import { CALL_ID_RULE, isCallId } from './call-id.js'
import {
  CALL_KEY_SALT_BYTES, MAX_OPUS_BITRATE_BPS, MAX_SIGNAL_BYTES, MAX_VIDEO_BITRATE_BPS, MAX_VIDEO_DIMENSION_PX,
  MAX_VIDEO_FPS, MIN_OPUS_BITRATE_BPS, MIN_VIDEO_BITRATE_BPS, MIN_VIDEO_FPS, OPUS_FRAME_MS, SIGNAL_REASON_PATTERN
} from './constants.js'
import { MalformedSignalError } from './errors.js'
import { CallSignal as WireSignal } from './signal.pb.js'
import type { CallSignal, CallSignalBody, OpusParams, Vp9Params } from './signal-types.js'

/** Runs a protons call; anything it throws (RangeError, protons errors) becomes MalformedSignalError. */
function guard<T> (what: string, fn: () => T): T {
  try {
    return fn()
  } catch (err) {
    if (err instanceof MalformedSignalError) throw err
    throw new MalformedSignalError(`${what}: ${err instanceof Error ? err.message : String(err)}`, { cause: err })
  }
}

function fail (message: string): never {
  throw new MalformedSignalError(message)
}

/** Field numbers of the `body` oneof in signal.proto. */
const BODY_FIELD_FIRST = 10
const BODY_FIELD_LAST = 21

function countBodyFields (bytes: Uint8Array): number {
  return countFieldsInRange(bytes, BODY_FIELD_FIRST, BODY_FIELD_LAST)
}

function isUint (v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
}

function isBool (v: unknown): v is boolean {
  return typeof v === 'boolean'
}

function checkDimension (what: string, v: unknown): void {
  if (!isUint(v, 2, MAX_VIDEO_DIMENSION_PX) || v % 2 !== 0) fail(`${what} must be an even number in 2..${MAX_VIDEO_DIMENSION_PX}, got ${String(v)}`)
}

function checkFps (v: unknown): void {
  if (!isUint(v, MIN_VIDEO_FPS, MAX_VIDEO_FPS)) fail(`fps must be ${MIN_VIDEO_FPS}..${MAX_VIDEO_FPS}, got ${String(v)}`)
}

function checkOpus (p: OpusParams | undefined): void {
  if (p === undefined || p === null || typeof p !== 'object') fail('offer has no opus parameters')
  if (!isUint(p.bitrateBps, MIN_OPUS_BITRATE_BPS, MAX_OPUS_BITRATE_BPS)) fail(`opus bitrate must be ${MIN_OPUS_BITRATE_BPS}..${MAX_OPUS_BITRATE_BPS} bps, got ${String(p.bitrateBps)}`)
  if (!(OPUS_FRAME_MS as readonly unknown[]).includes(p.frameMs)) fail(`opus frame duration must be one of ${OPUS_FRAME_MS.join(', ')} ms, got ${String(p.frameMs)}`)
  if (!isBool(p.fec) || !isBool(p.stereo)) fail('opus fec / stereo must be booleans')
}

function checkVp9 (p: Vp9Params | undefined): void {
  if (p === undefined || p === null || typeof p !== 'object') fail('offer has no vp9 parameters')
  checkDimension('width', p.width)
  checkDimension('height', p.height)
  checkFps(p.fps)
  if (!isUint(p.bitrateBps, MIN_VIDEO_BITRATE_BPS, MAX_VIDEO_BITRATE_BPS)) fail(`vp9 bitrate must be ${MIN_VIDEO_BITRATE_BPS}..${MAX_VIDEO_BITRATE_BPS} bps, got ${String(p.bitrateBps)}`)
}

function checkReason (what: string, r: unknown): void {
  if (typeof r !== 'string' || !SIGNAL_REASON_PATTERN.test(r)) fail(`${what} reason must match ${String(SIGNAL_REASON_PATTERN)}`)
}

function checkSignal (s: CallSignal): void {
  if (!isCallId(s.callId)) fail(CALL_ID_RULE)
  const b = s.body
  switch (b.kind) {
    case 'offer':
      if (!isBool(b.audio) || !isBool(b.video)) fail('offer audio / video must be booleans')
      checkOpus(b.opus)
      checkVp9(b.vp9)
      if (!(b.keySalt instanceof Uint8Array) || b.keySalt.length !== CALL_KEY_SALT_BYTES) fail(`key salt must be exactly ${CALL_KEY_SALT_BYTES} bytes`)
      if (!isUint(b.sentAtMs, 0, Number.MAX_SAFE_INTEGER)) fail(`sentAtMs ${String(b.sentAtMs)} is not a non-negative safe integer`)
      return
    case 'answer':
      if (!isBool(b.video)) fail('answer video must be a boolean')
      return
    case 'reject':
    case 'end':
      checkReason(b.kind, b.reason)
      return
    case 'busy':
    case 'cancel':
    case 'hold':
    case 'resume':
    case 'keyframe_request':
      return
    case 'mute':
      if (!isBool(b.audio) || !isBool(b.video)) fail('mute audio / video must be booleans')
      return
    case 'video':
      if (!isBool(b.on)) fail('video.on must be a boolean')
      return
    case 'renegotiate':
      if (!isBool(b.video)) fail('renegotiate video must be a boolean')
      if ((b.width === undefined) !== (b.height === undefined)) fail('renegotiate width and height come together')
      if (b.width !== undefined) checkDimension('width', b.width)
      if (b.height !== undefined) checkDimension('height', b.height)
      if (b.fps !== undefined) checkFps(b.fps)
      return
    default:
      fail(`unknown signal kind ${String((b as { kind?: unknown }).kind)}`)
  }
}

function bodyToWire (b: CallSignalBody): Partial<WireSignal> {
  switch (b.kind) {
    case 'offer': return {
      offer: {
        audio: b.audio,
        video: b.video,
        opus: { bitrateBps: b.opus.bitrateBps, frameMs: b.opus.frameMs, fec: b.opus.fec, stereo: b.opus.stereo },
        vp9: { width: b.vp9.width, height: b.vp9.height, fps: b.vp9.fps, bitrateBps: b.vp9.bitrateBps },
        keySalt: b.keySalt as Uint8Array<ArrayBuffer>,
        sentAtMs: BigInt(b.sentAtMs)
      }
    }
    case 'answer': return { answer: { video: b.video } }
    case 'reject': return { reject: { reason: b.reason } }
    case 'busy': return { busy: {} }
    case 'cancel': return { cancel: {} }
    case 'end': return { end: { reason: b.reason } }
    case 'hold': return { hold: {} }
    case 'resume': return { resume: {} }
    case 'mute': return { mute: { audio: b.audio, video: b.video } }
    case 'video': return { video: { on: b.on } }
    case 'keyframe_request': return { keyframeRequest: {} }
    case 'renegotiate': return {
      renegotiate: {
        video: b.video,
        ...(b.width !== undefined ? { width: b.width } : {}),
        ...(b.height !== undefined ? { height: b.height } : {}),
        ...(b.fps !== undefined ? { fps: b.fps } : {})
      }
    }
  }
}

function bodyFromWire (raw: WireSignal): CallSignalBody {
  if (raw.offer !== undefined) {
    const o = raw.offer
    if (o.sentAtMs > BigInt(Number.MAX_SAFE_INTEGER)) fail(`sentAtMs ${o.sentAtMs} is out of range`)
    if (o.opus === undefined) fail('offer has no opus parameters')
    if (o.vp9 === undefined) fail('offer has no vp9 parameters')
    return {
      kind: 'offer',
      audio: o.audio,
      video: o.video,
      opus: { bitrateBps: o.opus.bitrateBps, frameMs: o.opus.frameMs, fec: o.opus.fec, stereo: o.opus.stereo },
      vp9: { width: o.vp9.width, height: o.vp9.height, fps: o.vp9.fps, bitrateBps: o.vp9.bitrateBps },
      // protons returns views into the input; a copy stays valid if the caller reuses its buffer.
      keySalt: o.keySalt.slice(),
      sentAtMs: Number(o.sentAtMs)
    }
  }
  if (raw.answer !== undefined) return { kind: 'answer', video: raw.answer.video }
  if (raw.reject !== undefined) return { kind: 'reject', reason: raw.reject.reason }
  if (raw.busy !== undefined) return { kind: 'busy' }
  if (raw.cancel !== undefined) return { kind: 'cancel' }
  if (raw.end !== undefined) return { kind: 'end', reason: raw.end.reason }
  if (raw.hold !== undefined) return { kind: 'hold' }
  if (raw.resume !== undefined) return { kind: 'resume' }
  if (raw.mute !== undefined) return { kind: 'mute', audio: raw.mute.audio, video: raw.mute.video }
  if (raw.video !== undefined) return { kind: 'video', on: raw.video.on }
  if (raw.keyframeRequest !== undefined) return { kind: 'keyframe_request' }
  if (raw.renegotiate !== undefined) {
    const r = raw.renegotiate
    return {
      kind: 'renegotiate',
      video: r.video,
      ...(r.width !== undefined ? { width: r.width } : {}),
      ...(r.height !== undefined ? { height: r.height } : {}),
      ...(r.fps !== undefined ? { fps: r.fps } : {})
    }
  }
  return fail('signal has no body')
}

export function encodeCallSignal (signal: CallSignal): Uint8Array {
  if (signal === null || typeof signal !== 'object' || signal.body === null || typeof signal.body !== 'object') fail('signal must be an object with a body')
  checkSignal(signal)
  const bytes = guard('cannot encode signal', () => WireSignal.encode({ callId: signal.callId, ...bodyToWire(signal.body) }))
  if (bytes.length > MAX_SIGNAL_BYTES) fail(`signal is ${bytes.length} bytes, limit ${MAX_SIGNAL_BYTES}`)
  return bytes
}

export function decodeCallSignal (bytes: Uint8Array): CallSignal {
  if (!(bytes instanceof Uint8Array)) fail('signal must be a Uint8Array')
  if (bytes.length > MAX_SIGNAL_BYTES) fail(`signal is ${bytes.length} bytes, limit ${MAX_SIGNAL_BYTES}`)
  const bodies = guard('malformed signal', () => countBodyFields(bytes))
  if (bodies !== 1) fail(`signal must have exactly one body, found ${bodies}`)
  const raw = guard('malformed signal', () => WireSignal.decode(bytes))
  const signal: CallSignal = { callId: raw.callId, body: bodyFromWire(raw) }
  checkSignal(signal)
  return signal
}
