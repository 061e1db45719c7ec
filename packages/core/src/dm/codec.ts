// Encoders and strict decoders of the DM wire messages. Decoders check every named limit and throw
// only the typed errors of errors.ts; encoders apply the same rules, so we never send what a peer
// running this code would reject.
import { countFieldsInRange } from '../wire/oneof.js'
import {
  DM_ENVELOPE_VERSION, ENVELOPE_HEADER_BYTES, MAX_ACK_BYTES, MAX_ACK_REASON_BYTES, MAX_ENVELOPE_BYTES,
  MAX_MESSAGE_ID_LENGTH, MAX_RECEIPT_IDS, MAX_TEXT_BODY_BYTES, MIN_CIPHERTEXT_BYTES, SESSION_INIT_BYTES
} from './constants.js'
import { Ack, Envelope, Payload } from './dm.pb.js'
import {
  DmWireError, MalformedAckError, MalformedEnvelopeError, MalformedPayloadError, OversizedEnvelopeError,
  UnsupportedVersionError
} from './errors.js'
import { DM_ACK_STATUS, type DmAck, type DmAckStatus, type DmEnvelope, type DmEnvelopeInit, type DmPayload, type DmPayloadBody } from './types.js'

type ErrorClass = new (message: string, options?: ErrorOptions) => DmWireError

/** Runs a protons call; anything it throws (RangeError, protons errors) becomes `Err`. */
function guard<T> (Err: ErrorClass, what: string, fn: () => T): T {
  try {
    return fn()
  } catch (err) {
    if (err instanceof DmWireError) throw err
    throw new Err(`${what}: ${err instanceof Error ? err.message : String(err)}`, { cause: err })
  }
}

const utf8 = new TextEncoder()
function utf8Length (s: string): number {
  return utf8.encode(s).length
}

// ---- Envelope ----

function checkEnvelope (env: { version: number, sessionInit: Uint8Array | null, header: Uint8Array, ciphertext: Uint8Array }): void {
  if (env.version !== DM_ENVELOPE_VERSION) throw new UnsupportedVersionError(`unsupported envelope version ${env.version}`)
  if (env.header.length !== ENVELOPE_HEADER_BYTES) throw new MalformedEnvelopeError(`header must be ${ENVELOPE_HEADER_BYTES} bytes, got ${env.header.length}`)
  if (env.sessionInit !== null && !(SESSION_INIT_BYTES as readonly number[]).includes(env.sessionInit.length)) {
    throw new MalformedEnvelopeError(`session_init must be ${SESSION_INIT_BYTES.join(' or ')} bytes, got ${env.sessionInit.length}`)
  }
  if (env.ciphertext.length < MIN_CIPHERTEXT_BYTES) throw new MalformedEnvelopeError(`ciphertext shorter than the ${MIN_CIPHERTEXT_BYTES}-byte AEAD tag`)
}

export function encodeEnvelope (env: DmEnvelopeInit): Uint8Array {
  const sessionInit = env.sessionInit ?? null
  checkEnvelope({ version: DM_ENVELOPE_VERSION, sessionInit, header: env.header, ciphertext: env.ciphertext })
  const bytes = guard(MalformedEnvelopeError, 'cannot encode envelope', () => Envelope.encode({
    version: DM_ENVELOPE_VERSION,
    ...(sessionInit !== null ? { sessionInit: sessionInit as Uint8Array<ArrayBuffer> } : {}),
    header: env.header as Uint8Array<ArrayBuffer>,
    ciphertext: env.ciphertext as Uint8Array<ArrayBuffer>
  }))
  if (bytes.length > MAX_ENVELOPE_BYTES) throw new OversizedEnvelopeError(`envelope is ${bytes.length} bytes, limit ${MAX_ENVELOPE_BYTES}`)
  return bytes
}

export function decodeEnvelope (bytes: Uint8Array): DmEnvelope {
  if (!(bytes instanceof Uint8Array)) throw new MalformedEnvelopeError('envelope must be a Uint8Array')
  if (bytes.length > MAX_ENVELOPE_BYTES) throw new OversizedEnvelopeError(`envelope is ${bytes.length} bytes, limit ${MAX_ENVELOPE_BYTES}`)
  const raw = guard(MalformedEnvelopeError, 'malformed envelope', () => Envelope.decode(bytes))
  // protons returns views into `bytes`; copies keep the result valid if the caller reuses its buffer.
  const env: DmEnvelope = {
    version: raw.version,
    sessionInit: raw.sessionInit?.slice() ?? null,
    header: raw.header.slice(),
    ciphertext: raw.ciphertext.slice()
  }
  checkEnvelope(env)
  return env
}

// ---- Payload ----

/** Field numbers of the `body` oneof in dm.proto. */
const BODY_FIELD_FIRST = 10
const BODY_FIELD_LAST = 15

function countBodyFields (bytes: Uint8Array): number {
  return countFieldsInRange(bytes, BODY_FIELD_FIRST, BODY_FIELD_LAST)
}

function checkId (id: string, what: string): void {
  if (id.length === 0) throw new MalformedPayloadError(`${what} is empty`)
  if (id.length > MAX_MESSAGE_ID_LENGTH) throw new MalformedPayloadError(`${what} is longer than ${MAX_MESSAGE_ID_LENGTH}`)
}

function checkIds (ids: readonly string[], kind: string): void {
  if (ids.length === 0) throw new MalformedPayloadError(`${kind} lists no ids`)
  if (ids.length > MAX_RECEIPT_IDS) throw new MalformedPayloadError(`${kind} lists ${ids.length} ids, limit ${MAX_RECEIPT_IDS}`)
  for (const id of ids) checkId(id, `${kind} id`)
}

function checkPayload (p: DmPayload): void {
  checkId(p.id, 'message id')
  if (!Number.isSafeInteger(p.sentAtMs) || p.sentAtMs < 0) throw new MalformedPayloadError(`sentAtMs ${p.sentAtMs} is not a non-negative safe integer`)
  const b = p.body
  switch (b.kind) {
    case 'text':
      if (utf8Length(b.body) > MAX_TEXT_BODY_BYTES) throw new MalformedPayloadError(`text body is longer than ${MAX_TEXT_BODY_BYTES} UTF-8 bytes`)
      if (b.replyTo !== undefined) checkId(b.replyTo, 'replyTo')
      return
    case 'delivered':
    case 'read':
    case 'delete':
      checkIds(b.ids, b.kind)
      return
    case 'typing':
      if (typeof b.active !== 'boolean') throw new MalformedPayloadError('typing.active must be a boolean')
      return
    case 'call':
      if (!(b.signal instanceof Uint8Array)) throw new MalformedPayloadError('call signal must be a Uint8Array')
      return
    default:
      throw new MalformedPayloadError(`unknown payload kind ${String((b as { kind?: unknown }).kind)}`)
  }
}

function bodyToWire (b: DmPayloadBody): Partial<Payload> {
  switch (b.kind) {
    case 'text': return { text: b.replyTo !== undefined ? { body: b.body, replyTo: b.replyTo } : { body: b.body } }
    case 'delivered': return { delivered: { ids: [...b.ids] } }
    case 'read': return { read: { ids: [...b.ids] } }
    case 'typing': return { typing: { active: b.active } }
    case 'delete': return { delete: { ids: [...b.ids] } }
    case 'call': return { callSignal: b.signal as Uint8Array<ArrayBuffer> }
  }
}

function bodyFromWire (raw: Payload): DmPayloadBody {
  if (raw.text !== undefined) return raw.text.replyTo !== undefined ? { kind: 'text', body: raw.text.body, replyTo: raw.text.replyTo } : { kind: 'text', body: raw.text.body }
  if (raw.delivered !== undefined) return { kind: 'delivered', ids: raw.delivered.ids }
  if (raw.read !== undefined) return { kind: 'read', ids: raw.read.ids }
  if (raw.typing !== undefined) return { kind: 'typing', active: raw.typing.active }
  if (raw.delete !== undefined) return { kind: 'delete', ids: raw.delete.ids }
  if (raw.callSignal !== undefined) return { kind: 'call', signal: raw.callSignal.slice() }
  throw new MalformedPayloadError('payload has no body')
}

export function encodePayload (payload: DmPayload): Uint8Array {
  checkPayload(payload)
  return guard(MalformedPayloadError, 'cannot encode payload', () => Payload.encode({
    id: payload.id,
    sentAtMs: BigInt(payload.sentAtMs),
    ...bodyToWire(payload.body)
  }))
}

export function decodePayload (bytes: Uint8Array): DmPayload {
  if (!(bytes instanceof Uint8Array)) throw new MalformedPayloadError('payload must be a Uint8Array')
  // A payload travels inside an envelope's ciphertext, so it can never legitimately be larger.
  if (bytes.length > MAX_ENVELOPE_BYTES) throw new MalformedPayloadError(`payload is ${bytes.length} bytes, limit ${MAX_ENVELOPE_BYTES}`)
  const bodies = guard(MalformedPayloadError, 'malformed payload', () => countBodyFields(bytes))
  if (bodies !== 1) throw new MalformedPayloadError(`payload must have exactly one body, found ${bodies}`)
  const raw = guard(MalformedPayloadError, 'malformed payload', () => Payload.decode(bytes, {
    // Stops decoding as soon as a list is too long instead of materialising it first.
    limits: { delivered: { ids: MAX_RECEIPT_IDS }, read: { ids: MAX_RECEIPT_IDS }, delete: { ids: MAX_RECEIPT_IDS } }
  }))
  if (raw.sentAtMs > BigInt(Number.MAX_SAFE_INTEGER)) throw new MalformedPayloadError(`sentAtMs ${raw.sentAtMs} is out of range`)
  const payload: DmPayload = { id: raw.id, sentAtMs: Number(raw.sentAtMs), body: bodyFromWire(raw) }
  checkPayload(payload)
  return payload
}

// ---- Ack ----

const ACK_STATUSES: readonly string[] = Object.values(DM_ACK_STATUS)
const MAX_U32 = 0xffff_ffff

function checkAck (ack: DmAck): void {
  if (!Number.isInteger(ack.seq) || ack.seq < 0 || ack.seq > MAX_U32) throw new MalformedAckError(`ack seq ${ack.seq} is not a u32`)
  if (!ACK_STATUSES.includes(ack.status)) throw new MalformedAckError(`unknown ack status ${String(ack.status)}`)
  if (utf8Length(ack.reason) > MAX_ACK_REASON_BYTES) throw new MalformedAckError(`ack reason is longer than ${MAX_ACK_REASON_BYTES} UTF-8 bytes`)
}

export function encodeAck (ack: DmAck): Uint8Array {
  checkAck(ack)
  return guard(MalformedAckError, 'cannot encode ack', () => Ack.encode({
    seq: ack.seq,
    // DmAckStatus values equal the generated enum's member names by construction (checked above).
    status: ack.status as Ack.Status,
    reason: ack.reason
  }))
}

export function decodeAck (bytes: Uint8Array): DmAck {
  if (!(bytes instanceof Uint8Array)) throw new MalformedAckError('ack must be a Uint8Array')
  if (bytes.length > MAX_ACK_BYTES) throw new MalformedAckError(`ack is ${bytes.length} bytes, limit ${MAX_ACK_BYTES}`)
  const raw = guard(MalformedAckError, 'malformed ack', () => Ack.decode(bytes))
  const ack: DmAck = { seq: raw.seq, status: raw.status as string as DmAckStatus, reason: raw.reason }
  checkAck(ack)
  return ack
}
