// The FrameCipher of a call, built from @parley/core's frame E2EE (docs/protocol.md §3):
// keys per direction from the Offer's exporter secret and key salt, one sealer/opener per
// media kind. Wire sequence numbers are 32 bits; the AEAD counter is their 64-bit
// extension, so a wrap never reuses a nonce.
import { FRAME_TAG_BYTES, createFrameOpener, createFrameSealer, deriveFrameKeys, extendFrameCounter } from '@parley/core/call/index'
import type { FrameCipher, MediaKind } from './frame-cipher.js'

export function makeFrameCipher (exporterSecret: Uint8Array, callId: string, role: 'caller' | 'callee', keySalt: Uint8Array): FrameCipher {
  const keys = deriveFrameKeys({ exporterSecret, callId, role, keySalt })
  const sealers = { audio: createFrameSealer({ key: keys.sendKey, kind: 'audio' }), video: createFrameSealer({ key: keys.sendKey, kind: 'video' }) }
  const openers = { audio: createFrameOpener({ key: keys.recvKey, kind: 'audio' }), video: createFrameOpener({ key: keys.recvKey, kind: 'video' }) }
  const sent: Record<MediaKind, bigint | null> = { audio: null, video: null }
  return {
    overheadBytes: FRAME_TAG_BYTES,
    seal: (kind, header, seq, payload) => {
      const counter = extendFrameCounter(seq, sent[kind] ?? 0n)
      sent[kind] = counter
      return sealers[kind].seal(header, counter, payload)
    },
    open: (kind, header, seq, sealed) => {
      const o = openers[kind]
      return o.open(header, extendFrameCounter(seq, o.highestCounter ?? 0n), sealed)
    }
  }
}
