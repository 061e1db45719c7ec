// Deterministic generator of vectors/frame-v1.json. Every secret input is
// SHA-256("Parley-Frame-v1 test vector " ‖ name ‖ " " ‖ what), so anyone can re-derive the inputs.
import { sha256 } from '@noble/hashes/sha2.js'
import { deriveCallKeys } from '../../src/crypto/call-keys.js'
import { toHex } from '../../src/crypto/bytes.js'
import { createFrameSealer, deriveFrameKeys, deriveFrameSubkeys, frameNonce, type MediaKind } from '../../src/call/index.js'

export type Hex = string

export interface FrameVector {
  name: string
  input: {
    exporterSecret: Hex
    callId: string
    keySalt: Hex
    /** Role of the side that seals this frame. */
    role: 'caller' | 'callee'
    kind: MediaKind
    /** 64-bit frame counter, decimal. */
    seq: string
    header: Hex
    payload: Hex
  }
  expect: {
    /** deriveCallKeys (§1.9) */
    callerToCallee: Hex
    calleeToCaller: Hex
    /** deriveFrameKeys for the sealing side: sendKey (= the other side's recvKey) */
    sendFrameKey: Hex
    recvFrameKey: Hex
    /** deriveFrameSubkeys(sendFrameKey, kind) */
    aeadKey: Hex
    nonceSalt: Hex
    nonce: Hex
    /** ciphertext ‖ tag */
    sealed: Hex
  }
}

export interface FrameV1Vectors {
  description: string
  vectors: FrameVector[]
}

const enc = new TextEncoder()
function secret (name: string, what: string, length = 32): Uint8Array {
  const out = new Uint8Array(length)
  for (let off = 0, i = 0; off < length; i++) {
    const block = sha256(enc.encode(`Parley-Frame-v1 test vector ${name} ${what}${i === 0 ? '' : ` ${i}`}`))
    out.set(block.subarray(0, Math.min(32, length - off)), off)
    off += 32
  }
  return out
}

interface Case { name: string, callId: string, role: 'caller' | 'callee', kind: MediaKind, seq: bigint, header: Uint8Array, payloadBytes: number }

// Headers shaped like the media wire headers (version/flags, u32 seq, …) but the frame crypto treats them as opaque bytes.
const CASES: Case[] = [
  { name: 'caller-audio-first-frame', callId: 'call-1', role: 'caller', kind: 'audio', seq: 0n, header: Uint8Array.of(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), payloadBytes: 60 },
  { name: 'callee-video-frame', callId: 'call-1', role: 'callee', kind: 'video', seq: 1n, header: Uint8Array.of(2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0x30, 0x39, 0x80, 0, 0, 0, 1), payloadBytes: 300 },
  { name: 'caller-audio-after-u32-wrap', callId: 'X_y-9', role: 'caller', kind: 'audio', seq: (1n << 32n) + 5n, header: Uint8Array.of(1, 0, 0, 0, 5), payloadBytes: 20 },
  { name: 'callee-video-max-counter', callId: 'call-1', role: 'callee', kind: 'video', seq: (1n << 64n) - 1n, header: Uint8Array.of(0xff), payloadBytes: 33 },
  { name: 'caller-video-empty', callId: 'c', role: 'caller', kind: 'video', seq: 7n, header: new Uint8Array(0), payloadBytes: 0 }
]

export function generateFrameV1Vectors (): FrameV1Vectors {
  return {
    description: 'Parley frame E2EE v1 (docs/protocol.md §3.4, vectors §3.5). Byte strings are lowercase hex, except callId, which is text (its UTF-8 bytes are the input); seq is a decimal u64.',
    vectors: CASES.map((c): FrameVector => {
      const exporterSecret = secret(c.name, 'exporter secret')
      const keySalt = secret(c.name, 'key salt')
      const payload = secret(c.name, 'payload', c.payloadBytes)
      const call = deriveCallKeys(exporterSecret, c.callId, c.role)
      const frame = deriveFrameKeys({ exporterSecret, callId: c.callId, role: c.role, keySalt })
      const sub = deriveFrameSubkeys(frame.sendKey, c.kind)
      const sealed = createFrameSealer({ key: frame.sendKey, kind: c.kind }).seal(c.header, c.seq, payload)
      return {
        name: c.name,
        input: {
          exporterSecret: toHex(exporterSecret),
          callId: c.callId,
          keySalt: toHex(keySalt),
          role: c.role,
          kind: c.kind,
          seq: c.seq.toString(),
          header: toHex(c.header),
          payload: toHex(payload)
        },
        expect: {
          callerToCallee: toHex(call.callerToCallee),
          calleeToCaller: toHex(call.calleeToCaller),
          sendFrameKey: toHex(frame.sendKey),
          recvFrameKey: toHex(frame.recvKey),
          aeadKey: toHex(sub.aeadKey),
          nonceSalt: toHex(sub.nonceSalt),
          nonce: toHex(frameNonce(sub.nonceSalt, c.seq)),
          sealed: toHex(sealed)
        }
      }
    })
  }
}
