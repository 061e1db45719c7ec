// Every decoder of peer or client input, as a fuzz target: how to build valid encodings
// (the corpus mutations start from), how to run the decoder the way the daemon does, and
// which errors are the decoder's own typed errors (anything else thrown is a crash).
// Imports the built packages (dist/), so run `npx tsc -b` first.
import {
  DM_ACK_STATUS, DM_PROTOCOL_VERSION, DmCryptoError, RATCHET_STATE_VERSION, deserializeRatchetState, serializeRatchetState, MAX_ACK_BYTES, MAX_ACK_REASON_BYTES, MAX_ENVELOPE_BYTES,
  MAX_MESSAGE_ID_LENGTH, MAX_RECEIPT_IDS, MAX_SIGNAL_BYTES, MAX_TEXT_BODY_BYTES, DmWireError, MalformedSignalError,
  decodeAck, decodeCallSignal, decodeEnvelope, decodeHeader, decodePayload, decodeSessionInit,
  encodeAck, encodeCallSignal, encodeEnvelope, encodeHeader, encodePayload, encodeSessionInit
} from '@parley/core'
import {
  JSONRPC_VERSION, MEDIA_AUDIO_SAMPLES, MEDIA_HEADER_BYTES, MediaSocketFrameError, RpcErrorCode, decodeMediaSocketFrame,
  encodeMediaSocketFrame, methods
} from '@parley/core/ipc'
import { INVITE_SECRET_BYTES, InviteLinkError, decodeInviteLink, encodeInviteLink } from '@parley/core/invite/index'
import { MediaError } from '@parley/media/errors'
import { MAX_AUDIO_FRAME_BYTES, MAX_VIDEO_HEIGHT_PX, MAX_VIDEO_WIDTH_PX } from '@parley/media/constants'
import { MediaFrameReader, decodeMediaFrame, encodeAudioFrame, encodeVideoFrame } from '@parley/media/wire/index'
import { ivfFrame, ivfHeader, readIvf } from '@parley/media/sinks/ivf-writer'
import { writeWav } from '@parley/media/sinks/wav-writer'
import { y4mFrame, y4mHeader } from '@parley/media/sinks/y4m-writer'
import { readWav } from '@parley/media/sources/wav-reader'
import { readY4m } from '@parley/media/sources/y4m-reader'
import { MAX_CONTROL_MESSAGE_BYTES, MAX_STREAM_HEADER_BYTES } from '@parley/node-daemon/media-transport/constants'
import { BadControlMessageError, ControlReader } from '@parley/node-daemon/media-transport/control'
import { BadStreamHeaderError, decodeStreamHeader, encodeStreamHeader, streamHeaderLength } from '@parley/node-daemon/media-transport/stream-header'
import { decodeBook, encodeBook } from '@parley/node-daemon/dm/session-book'
import { dispatch } from '@parley/node-daemon/ipc/dispatch'
import { silentLogger } from '@parley/node-daemon/logger'
import { concat, pick, randInt, randomBytes } from './mutate.mjs'

const utf8 = new TextEncoder()
const utf8Decoder = new TextDecoder()

/** Splits at a third and two thirds: stream readers must carry partial frames across chunks. */
function thirds (bytes) {
  const a = Math.floor(bytes.length / 3)
  const b = Math.floor(2 * bytes.length / 3)
  return [bytes.subarray(0, a), bytes.subarray(a, b), bytes.subarray(b)]
}

function callId (rng) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'
  return Array.from({ length: pick(rng, [1, 8, 21, 64]) }, () => alphabet[randInt(rng, alphabet.length)]).join('')
}

const codeOf = (Class) => (err) => (err instanceof Class ? err.code : undefined)

// ---- media (packages/media wire format) ----

function mediaFrames (rng) {
  const out = []
  for (const len of [1, 2, 20, 160, 1275]) {
    out.push(encodeAudioFrame({ seq: pick(rng, [0, 1, 0xffff_ffff, randInt(rng, 2 ** 32)]), captureTsUs: pick(rng, [0, 1_700_000_000_000_000, Number.MAX_SAFE_INTEGER]), payload: randomBytes(rng, len) }))
  }
  for (const [width, height, len] of [[1, 1, 1], [640, 360, 700], [1280, 720, 3000], [MAX_VIDEO_WIDTH_PX, MAX_VIDEO_HEIGHT_PX, 40]]) {
    out.push(encodeVideoFrame({
      seq: randInt(rng, 2 ** 32),
      captureTsUs: randInt(rng, 2 ** 48),
      keyframe: rng() < 0.5,
      temporalLayer: randInt(rng, 4),
      width,
      height,
      groupId: pick(rng, [0, 0xffff_ffff, randInt(rng, 1000)]),
      payload: randomBytes(rng, len)
    }))
  }
  return out
}

/** @type {import('./driver.d.mts').FuzzTarget} */
const mediaFrame = {
  name: 'media-frame',
  description: 'decodeMediaFrame (packages/media/src/wire)',
  seeds: mediaFrames,
  // the video limit (4 MiB) is reached through the length field, not by allocating it
  sizeLimits: [MAX_AUDIO_FRAME_BYTES],
  run: bytes => decodeMediaFrame(bytes),
  typedCode: codeOf(MediaError)
}

/** @type {import('./driver.d.mts').FuzzTarget} */
const mediaFrameStream = {
  name: 'media-frame-stream',
  description: 'MediaFrameReader.push, in three chunks (packages/media/src/wire)',
  seeds: rng => {
    const frames = mediaFrames(rng)
    return [...frames, ...Array.from({ length: 6 }, () => concat(...Array.from({ length: 1 + randInt(rng, 3) }, () => pick(rng, frames))))]
  },
  run: bytes => {
    const reader = new MediaFrameReader()
    let frames = 0
    for (const chunk of thirds(bytes)) frames += reader.push(chunk).length
    return frames
  },
  typedCode: codeOf(MediaError)
}

// ---- media socket (daemon ⇄ local media client) ----

/** @type {import('./driver.d.mts').FuzzTarget} */
const mediaSocket = {
  name: 'media-socket',
  description: 'decodeMediaSocketFrame (packages/core/src/ipc/media-socket.ts)',
  seeds: rng => {
    const pcm = new Int16Array(MEDIA_AUDIO_SAMPLES).map(() => randInt(rng, 65_536) - 32_768)
    const out = [encodeMediaSocketFrame({ kind: 'audio', seq: randInt(rng, 2 ** 32), tsUs: Date.UTC(2026, 0, 1) * 1000, flags: 1, pcm })]
    for (const [width, height] of [[2, 2], [4, 2], [16, 16], [64, 36]]) {
      const data = randomBytes(rng, width * height + 2 * Math.ceil(width / 2) * Math.ceil(height / 2))
      out.push(encodeMediaSocketFrame({ kind: 'video', seq: randInt(rng, 1000), tsUs: rng() * 1e15, flags: randInt(rng, 2), width, height, data }))
    }
    return out
  },
  sizeLimits: [MEDIA_HEADER_BYTES + 2 * MEDIA_AUDIO_SAMPLES],
  run: bytes => decodeMediaSocketFrame(bytes),
  typedCode: codeOf(MediaSocketFrameError)
}

// ---- media stream header and control stream (node-daemon call/) ----

/** @type {import('./driver.d.mts').FuzzTarget} */
const streamHeader = {
  name: 'stream-header',
  description: 'streamHeaderLength + decodeStreamHeader as the media router calls them (node-daemon media-transport/stream-header.ts)',
  seeds: rng => ['audio', 'video', 'control'].flatMap(kind => [1, 2].map(() => {
    const header = encodeStreamHeader({ kind, callId: callId(rng) })
    // the router receives the header and the stream's first media bytes in one chunk
    return rng() < 0.5 ? header : concat(header, randomBytes(rng, 1 + randInt(rng, 40)))
  })),
  sizeLimits: [MAX_STREAM_HEADER_BYTES],
  run: bytes => {
    const len = streamHeaderLength(bytes)
    return len === undefined ? undefined : decodeStreamHeader(bytes.subarray(0, len))
  },
  typedCode: codeOf(BadStreamHeaderError)
}

function controlFrame (value) {
  const json = utf8.encode(JSON.stringify(value))
  const out = new Uint8Array(2 + json.length)
  new DataView(out.buffer).setUint16(0, json.length & 0xffff)
  out.set(json, 2)
  return out
}

/** @type {import('./driver.d.mts').FuzzTarget} */
const control = {
  name: 'control',
  description: 'ControlReader.push, in three chunks (node-daemon media-transport/control.ts)',
  jsonSeeds: rng => [
    {
      type: 'report',
      atMs: randInt(rng, 1e9),
      audio: { received: 50, lost: 1, late: 0, concealed: 1, jitterMs: 3.5, playoutDelayMs: 60 },
      video: { received: 30, lost: 0, framesDecoded: 30, keyframeRequests: 0 },
      owdTrendMsPerS: -0.25,
      owdExcessMs: 4,
      frameLatencyMs: 85.5,
      bytesReceived: 123_456
    },
    {
      type: 'report',
      atMs: 0,
      audio: { received: 0, lost: 0, late: 0, concealed: 0, jitterMs: 0, playoutDelayMs: 0 },
      video: { received: 0, lost: 0, framesDecoded: 0, keyframeRequests: 0 },
      owdTrendMsPerS: 0,
      frameLatencyMs: null,
      bytesReceived: 0
    },
    { type: 'keyframe', reason: 'loss' },
    { type: 'ping', t: 1234.5 },
    { type: 'pong', t: 1234.5, peerNowMs: Date.UTC(2026, 0, 1) }
  ],
  encodeJson: controlFrame,
  sizeLimits: [2 + MAX_CONTROL_MESSAGE_BYTES],
  run: bytes => {
    const reader = new ControlReader()
    return thirds(bytes).flatMap(chunk => reader.push(chunk))
  },
  typedCode: codeOf(BadControlMessageError)
}

// ---- DM (packages/core dm/ and crypto/) ----

function sessionInit (rng, withPrekey) {
  return encodeSessionInit({
    version: DM_PROTOCOL_VERSION,
    initiatorIdentity: randomBytes(rng, 32),
    ephemeralKey: randomBytes(rng, 32),
    signedPrekey: withPrekey ? randomBytes(rng, 32) : null
  })
}

function ratchetHeader (rng) {
  return encodeHeader({ dh: randomBytes(rng, 32), pn: randInt(rng, 2 ** 32), n: pick(rng, [0, 1, randInt(rng, 2 ** 32)]) })
}

/** @type {import('./driver.d.mts').FuzzTarget} */
const dmEnvelope = {
  name: 'dm-envelope',
  description: 'decodeEnvelope (packages/core/src/dm/codec.ts, protons)',
  seeds: rng => [null, false, true, null].map(init => encodeEnvelope({
    ...(init === null ? {} : { sessionInit: sessionInit(rng, init) }),
    header: ratchetHeader(rng),
    ciphertext: randomBytes(rng, pick(rng, [16, 17, 100, 400]))
  })),
  sizeLimits: [MAX_ENVELOPE_BYTES],
  run: bytes => decodeEnvelope(bytes),
  typedCode: codeOf(DmWireError)
}

function signals (rng) {
  const id = callId(rng)
  const bodies = [
    {
      kind: 'offer',
      audio: true,
      video: rng() < 0.5,
      opus: { bitrateBps: 32_000, frameMs: 20, fec: true, stereo: false },
      vp9: { width: 640, height: 360, fps: 30, bitrateBps: 600_000 },
      keySalt: randomBytes(rng, 32),
      sentAtMs: Date.UTC(2026, 0, 1)
    },
    { kind: 'answer', video: true },
    { kind: 'reject', reason: 'blocked' },
    { kind: 'busy' },
    { kind: 'cancel' },
    { kind: 'end', reason: 'hangup' },
    { kind: 'hold' },
    { kind: 'resume' },
    { kind: 'mute', audio: true, video: false },
    { kind: 'video', on: false },
    { kind: 'keyframe_request' },
    { kind: 'renegotiate', video: true, width: 1280, height: 720, fps: 30 },
    { kind: 'renegotiate', video: false }
  ]
  const atLimits = encodeCallSignal({ callId: 'c'.repeat(64), body: { ...bodies[0], sentAtMs: Number.MAX_SAFE_INTEGER } })
  return [...bodies.map(body => encodeCallSignal({ callId: id, body })), atLimits]
}

/** @type {import('./driver.d.mts').FuzzTarget} */
const dmPayload = {
  name: 'dm-payload',
  description: 'decodePayload, the decrypted DM body (packages/core/src/dm/codec.ts, protons)',
  seeds: rng => [
    { kind: 'text', body: 'hello 😀' },
    { kind: 'text', body: 'x'.repeat(300), replyTo: 'm-1' },
    { kind: 'delivered', ids: ['a', 'b'] },
    { kind: 'read', ids: Array.from({ length: 20 }, (_, i) => `id-${i}`) },
    { kind: 'typing', active: true },
    { kind: 'delete', ids: ['m-9'] },
    { kind: 'call', signal: pick(rng, signals(rng)) }
  ].map(body => encodePayload({ id: `m-${randInt(rng, 1e6)}`, sentAtMs: Date.UTC(2026, 0, 1) + randInt(rng, 1e6), body })).concat(
    // every limit exactly reached, so that a few mutations cross it
    encodePayload({ id: 'i'.repeat(MAX_MESSAGE_ID_LENGTH), sentAtMs: Number.MAX_SAFE_INTEGER, body: { kind: 'text', body: 'a'.repeat(MAX_TEXT_BODY_BYTES) } }),
    encodePayload({ id: 'r', sentAtMs: 0, body: { kind: 'read', ids: Array.from({ length: MAX_RECEIPT_IDS }, (_, i) => i.toString(36)) } })
  ),
  sizeLimits: [MAX_ENVELOPE_BYTES],
  run: bytes => decodePayload(bytes),
  typedCode: codeOf(DmWireError)
}

/** @type {import('./driver.d.mts').FuzzTarget} */
const dmAck = {
  name: 'dm-ack',
  description: 'decodeAck (packages/core/src/dm/codec.ts, protons)',
  seeds: rng => Object.values(DM_ACK_STATUS).map(status => encodeAck({ seq: randInt(rng, 2 ** 32), status, reason: status === 'REJECTED' ? 'DM_DECRYPT_FAILED' : '' }))
    .concat(encodeAck({ seq: 0xffff_ffff, status: 'REJECTED', reason: 'x'.repeat(MAX_ACK_REASON_BYTES) })),
  sizeLimits: [MAX_ACK_BYTES],
  run: bytes => decodeAck(bytes),
  typedCode: codeOf(DmWireError)
}

/** @type {import('./driver.d.mts').FuzzTarget} */
const dmSessionInit = {
  name: 'dm-session-init',
  description: 'decodeSessionInit, the X3DH first flight (packages/core/src/crypto/session-init.ts)',
  seeds: rng => [sessionInit(rng, false), sessionInit(rng, true)],
  maxRandomBytes: 256,
  run: bytes => decodeSessionInit(bytes),
  typedCode: codeOf(DmCryptoError)
}

/** @type {import('./driver.d.mts').FuzzTarget} */
const dmRatchetHeader = {
  name: 'dm-ratchet-header',
  description: 'decodeHeader, the Double Ratchet header (packages/core/src/crypto/header.ts)',
  seeds: rng => [ratchetHeader(rng), ratchetHeader(rng)],
  maxRandomBytes: 256,
  run: bytes => decodeHeader(bytes),
  typedCode: codeOf(DmCryptoError)
}

// ---- stored state: what a damaged database hands the daemon (node-daemon dm/session-book.ts) ----

function ratchetState (rng, role) {
  const key = () => randomBytes(rng, 32)
  return {
    version: RATCHET_STATE_VERSION,
    role,
    localIdentity: key(),
    remoteIdentity: key(),
    initId: key(),
    rootKey: key(),
    dhSelf: { secretKey: key(), publicKey: key() },
    dhRemote: role === 'responder' ? key() : null,
    send: { key: key(), n: randInt(rng, 100) },
    recv: role === 'responder' ? { key: key(), n: randInt(rng, 100) } : null,
    pn: randInt(rng, 100),
    skipped: Array.from({ length: randInt(rng, 4) }, () => ({ dh: key(), n: randInt(rng, 1000), messageKey: key(), storedAt: Date.UTC(2026, 0, 1) })),
    retiredRemoteKeys: Array.from({ length: randInt(rng, 3) }, key),
    pendingInit: role === 'initiator' ? sessionInit(rng, false) : null
  }
}

/** @type {import('./driver.d.mts').FuzzTarget} */
const ratchetStateTarget = {
  name: 'ratchet-state',
  description: 'deserializeRatchetState, a stored session (packages/core/src/crypto/ratchet-state.ts)',
  seeds: rng => [serializeRatchetState(ratchetState(rng, 'initiator')), serializeRatchetState(ratchetState(rng, 'responder'))],
  run: bytes => deserializeRatchetState(bytes),
  typedCode: codeOf(DmCryptoError)
}

/** @type {import('./driver.d.mts').FuzzTarget} */
const sessionBook = {
  name: 'session-book',
  description: 'decodeBook, the stored sessions of one peer (node-daemon dm/session-book.ts)',
  seeds: rng => [
    encodeBook({ active: ratchetState(rng, 'initiator'), previous: null }),
    encodeBook({ active: ratchetState(rng, 'responder'), previous: ratchetState(rng, 'initiator') }),
    encodeBook({ active: null, previous: null })
  ],
  run: bytes => decodeBook(bytes),
  typedCode: codeOf(DmCryptoError)
}

// ---- media files named over IPC (wav:<file>, y4m:<file>) and recordings (IVF) ----

/** @type {import('./driver.d.mts').FuzzTarget} */
const wav = {
  name: 'wav',
  description: 'readWav, an audio source file (packages/media/src/sources/wav-reader.ts)',
  seeds: rng => [1, 2].map(channels => writeWav({ sampleRate: pick(rng, [8000, 48_000]), channels, samples: new Int16Array(channels * (1 + randInt(rng, 200))).map(() => randInt(rng, 65_536) - 32_768) })),
  run: bytes => readWav(bytes),
  typedCode: codeOf(MediaError)
}

/** @type {import('./driver.d.mts').FuzzTarget} */
const y4m = {
  name: 'y4m',
  description: 'readY4m, a video source file (packages/media/src/sources/y4m-reader.ts)',
  seeds: rng => [[16, 16], [6, 4], [64, 36]].map(([width, height]) => {
    const frame = () => y4mFrame({ width, height, data: randomBytes(rng, width * height * 3 / 2) })
    return concat(y4mHeader(width, height, pick(rng, [30, 29.97])), ...Array.from({ length: 1 + randInt(rng, 2) }, frame))
  }),
  run: bytes => readY4m(bytes),
  typedCode: codeOf(MediaError)
}

/** @type {import('./driver.d.mts').FuzzTarget} */
const ivf = {
  name: 'ivf',
  description: 'readIvf, a recorded VP9 stream (packages/media/src/sinks/ivf-writer.ts)',
  seeds: rng => [1, 3].map(n => concat(ivfHeader(640, 360, n), ...Array.from({ length: n }, (_, i) => ivfFrame(randomBytes(rng, 1 + randInt(rng, 300)), i)))),
  run: bytes => readIvf(bytes),
  typedCode: codeOf(MediaError)
}

// ---- call signalling (inside the ratchet) ----

/** @type {import('./driver.d.mts').FuzzTarget} */
const callSignal = {
  name: 'call-signal',
  description: 'decodeCallSignal (packages/core/src/call/signal-codec.ts, protons)',
  seeds: signals,
  sizeLimits: [MAX_SIGNAL_BYTES],
  run: bytes => decodeCallSignal(bytes),
  typedCode: codeOf(MalformedSignalError)
}

// ---- IPC JSON-RPC (node-daemon ipc/dispatch.ts, in-process) ----

const PEER_ID = '12D3KooWNVZHrH9SHG1e4qhBRYqBP2gwEt2py1ym7dqYtbBpraVc'

/** Valid params per method of the shared method table (packages/core/src/ipc/methods.ts). */
const VALID_PARAMS = {
  status: {},
  'peer.dial': { peerId: PEER_ID, timeoutMs: 5000, forceLookup: true },
  'peer.find': { peerId: PEER_ID, timeoutMs: 100 },
  'peer.hangup': { peerId: PEER_ID },
  'dm.send': { peerId: PEER_ID, body: 'hi', replyTo: 'm-1' },
  'dm.list': {},
  'dm.show': { peerId: PEER_ID, limit: 50, beforeTs: 1_700_000_000_000 },
  'dm.markRead': { peerId: PEER_ID },
  'dm.delete': { peerId: PEER_ID, ids: ['m-1', 'm-2'] },
  'dm.typing': { peerId: PEER_ID, active: true },
  'dm.stats': {},
  'contacts.add': { peerId: PEER_ID, nickname: 'Ann' },
  'contacts.list': {},
  'contacts.block': { peerId: PEER_ID, blocked: true },
  'contacts.verify': { peerId: PEER_ID, verified: false },
  'contacts.safetyNumber': { peerId: PEER_ID },
  'call.start': { peerId: PEER_ID, video: true, audioSource: 'tone:440', videoSource: 'pattern', durationS: 5 },
  'call.answer': { callId: 'c1', video: true, audioSource: 'live', videoSource: 'y4m:/tmp/a.y4m' },
  'call.reject': { callId: 'c1' },
  'call.hangup': {},
  'call.mute': { muted: true },
  'call.video': { on: false },
  'call.hold': { hold: true },
  'call.renegotiate': { video: true, maxWidth: 640, maxHeight: 360 },
  'call.current': {},
  'call.stats': {},
  'call.history': { limit: 10 },
  'gui.handoffCode': {},
  'config.get': {},
  'config.set': { unknownCallers: 'reject' }
}

/** Stub handlers: the target is the parse/validate path, not the daemon behind it. */
const stubHandlers = new Proxy({}, { get: () => async () => null })

const RPC_CODE_NAMES = Object.fromEntries(Object.entries(RpcErrorCode).map(([name, code]) => [code, name]))

/** A response the transports would send: JSON-RPC 2.0 shape, no internal errors. */
function checkResponse (r) {
  if (r === null || typeof r !== 'object' || Array.isArray(r)) return { crash: 'response is not an object' }
  if (r.jsonrpc !== JSONRPC_VERSION) return { crash: 'response without jsonrpc "2.0"' }
  if (!('id' in r)) return { crash: 'response without id' }
  if (('result' in r) === ('error' in r)) return { crash: 'response must hold exactly one of result and error' }
  if (!('error' in r)) return undefined
  const name = RPC_CODE_NAMES[r.error?.code]
  if (name === undefined || typeof r.error.message !== 'string') return { crash: `malformed error object ${JSON.stringify(r.error)?.slice(0, 200)}` }
  if (name === 'INTERNAL_ERROR') return { crash: `internal error: ${r.error.message}` }
  return { typed: name }
}

/** @type {import('./driver.d.mts').FuzzTarget} */
const ipcJson = {
  name: 'ipc-json',
  description: 'dispatch(): JSON-RPC parse, envelope and params validation (node-daemon ipc/dispatch.ts)',
  jsonSeeds: rng => {
    // A method added to the table later still gets a seed: without params (valid for every
    // method whose params are optional, and an INVALID_PARAMS path for the others).
    const requests = Object.keys(methods).map((method, i) => ({
      jsonrpc: '2.0', id: rng() < 0.5 ? i + 1 : `r${i}`, method, ...(method in VALID_PARAMS ? { params: VALID_PARAMS[method] } : {})
    }))
    return [
      ...requests,
      { jsonrpc: '2.0', method: 'dm.typing', params: { peerId: PEER_ID, active: false } },
      { jsonrpc: '2.0', id: null, method: 'status' },
      [pick(rng, requests), pick(rng, requests)]
    ]
  },
  encodeJson: value => utf8.encode(JSON.stringify(value)),
  run: async bytes => {
    const response = await dispatch(stubHandlers, utf8Decoder.decode(bytes), silentLogger)
    // the transports send JSON.stringify(response): that must not throw either
    JSON.stringify(response)
    return response
  },
  check: response => {
    if (response === undefined) return undefined
    if (!Array.isArray(response)) return checkResponse(response)
    if (response.length === 0) return { crash: 'empty batch response (must be no response)' }
    const verdicts = response.map(checkResponse)
    return verdicts.find(v => v?.crash !== undefined) ?? verdicts.find(v => v?.typed !== undefined)
  },
  // dispatch never throws by contract: every exception is a crash
  typedCode: () => undefined
}

/** Every target, in the order `npm run fuzz` runs them. */
// ---- invite links (pasted by the user, from anyone) ----

/** @type {import('./driver.d.mts').FuzzTarget} */
const inviteLink = {
  name: 'invite-link',
  description: 'decodeInviteLink on the text after the prefix, as bytes (packages/core/src/invite/invite-link.ts)',
  seeds: rng => [0, 1, 3, 8].map(n => utf8.encode(encodeInviteLink({
    peerId: '12D3KooWGRUVh2F6Sn1zKTeS5w2ToLn7ZmxShmhJJyNQJTxBwe5u',
    addrs: Array.from({ length: n }, (_, i) => `/ip4/10.0.${i}.${randInt(rng, 256)}/udp/${1 + randInt(rng, 65535)}/quic-v1`),
    expiresAt: randInt(rng, 2 ** 32) * 1000,
    secret: randomBytes(rng, INVITE_SECRET_BYTES)
  }))),
  run: bytes => decodeInviteLink(utf8Decoder.decode(bytes)),
  typedCode: codeOf(InviteLinkError)
}

export const targets = [
  mediaFrame, mediaFrameStream, mediaSocket, streamHeader, control,
  dmEnvelope, dmPayload, dmAck, dmSessionInit, dmRatchetHeader, callSignal, ipcJson,
  ratchetStateTarget, sessionBook, wav, y4m, ivf, inviteLink
]
