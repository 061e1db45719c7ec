import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_REPLAY_WINDOW, FrameArgumentError, FrameAuthError, FrameCounterReuseError, FrameReplayError,
  createFrameOpener, createFrameSealer, deriveFrameKeys, extendFrameCounter, type MediaKind
} from '../../src/call/index.js'

const keys = deriveFrameKeys({ exporterSecret: new Uint8Array(32).fill(7), callId: 'call-1', role: 'caller', keySalt: new Uint8Array(32).fill(8) })
const peer = deriveFrameKeys({ exporterSecret: new Uint8Array(32).fill(7), callId: 'call-1', role: 'callee', keySalt: new Uint8Array(32).fill(8) })
const header = Uint8Array.of(0x01, 0, 0, 0, 1, 9, 9, 9, 9)
const payload = new TextEncoder().encode('opus frame bytes')

function pair (kind: MediaKind = 'audio', replayWindow?: number) {
  return {
    sealer: createFrameSealer({ key: keys.sendKey, kind }),
    opener: createFrameOpener({ key: peer.recvKey, kind, ...(replayWindow !== undefined ? { replayWindow } : {}) })
  }
}

function thrown (fn: () => unknown): unknown {
  try { fn() } catch (err) { return err }
  return undefined
}

describe('seal / open', () => {
  it('round-trips between the two sides of a call, for both kinds', () => {
    for (const kind of ['audio', 'video'] as const) {
      const { sealer, opener } = pair(kind)
      const sealed = sealer.seal(header, 1, payload)
      expect(sealed.length).toBe(payload.length + sealer.overheadBytes)
      expect(sealer.overheadBytes).toBe(16)
      expect(opener.open(header, 1, sealed)).toEqual(payload)
    }
  })

  it('round-trips any payload, header and counter', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), fc.uint8Array({ maxLength: 40 }), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (p, h, seq) => {
      const { sealer, opener } = pair('video')
      expect(opener.open(h, seq, sealer.seal(h, seq, p))).toEqual(p)
    }), { numRuns: 300 })
  })

  it('does not encrypt in place or keep views of its inputs', () => {
    const { sealer, opener } = pair()
    const p = payload.slice()
    const sealed = sealer.seal(header, 0, p)
    expect(p).toEqual(payload)
    const copy = sealed.slice()
    const opened = opener.open(header, 0, sealed)
    expect(sealed).toEqual(copy)
    sealed.fill(0)
    expect(opened).toEqual(payload)
  })

  it('a sealed frame does not contain the plaintext', () => {
    const { sealer } = pair()
    const p = new Uint8Array(64).fill(0x41)
    const sealed = sealer.seal(header, 0, p)
    expect(Buffer.from(sealed).includes(Buffer.from(p.subarray(0, 8)))).toBe(false)
  })

  it('the same payload at different counters seals differently (fresh nonce per frame)', () => {
    const { sealer } = pair()
    expect(sealer.seal(header, 1, payload)).not.toEqual(sealer.seal(header, 2, payload))
  })
})

describe('authentication', () => {
  it('rejects a flipped bit anywhere in the sealed bytes, the header or the counter', () => {
    const { sealer } = pair()
    const sealed = sealer.seal(header, 5, payload)
    for (let i = 0; i < sealed.length; i++) {
      const bad = sealed.slice()
      bad[i] = (bad[i] as number) ^ 0x01
      expect(thrown(() => pair().opener.open(header, 5, bad))).toBeInstanceOf(FrameAuthError)
    }
    for (let i = 0; i < header.length; i++) {
      const badHeader = header.slice()
      badHeader[i] = (badHeader[i] as number) ^ 0x80
      expect(thrown(() => pair().opener.open(badHeader, 5, sealed))).toBeInstanceOf(FrameAuthError)
    }
    expect(thrown(() => pair().opener.open(header, 6, sealed))).toBeInstanceOf(FrameAuthError)
    expect(pair().opener.open(header, 5, sealed)).toEqual(payload)
  })

  it('rejects truncated frames, including shorter than the tag', () => {
    const sealed = pair().sealer.seal(header, 0, payload)
    for (const n of [0, 1, 15, 16, sealed.length - 1]) {
      const err = thrown(() => pair().opener.open(header, 0, sealed.subarray(0, n)))
      expect(err).toBeInstanceOf(FrameAuthError)
      expect((err as FrameAuthError).code).toBe('CALL_FRAME_AUTH')
    }
  })

  it('audio and video keys differ: a frame of one kind does not open as the other', () => {
    const sealed = createFrameSealer({ key: keys.sendKey, kind: 'audio' }).seal(header, 3, payload)
    expect(thrown(() => createFrameOpener({ key: peer.recvKey, kind: 'video' }).open(header, 3, sealed))).toBeInstanceOf(FrameAuthError)
  })

  it('directions differ: a side cannot open its own frames (reflection)', () => {
    const sealed = createFrameSealer({ key: keys.sendKey, kind: 'audio' }).seal(header, 3, payload)
    expect(thrown(() => createFrameOpener({ key: keys.recvKey, kind: 'audio' }).open(header, 3, sealed))).toBeInstanceOf(FrameAuthError)
  })

  it('a forged frame does not move the replay window', () => {
    const { sealer, opener } = pair('audio', 16)
    opener.open(header, 1, sealer.seal(header, 1, payload))
    const genuine = sealer.seal(header, 2, payload)
    // A forgery far ahead would, if accepted into the window, make counter 2 "too old".
    expect(thrown(() => opener.open(header, 1_000_000, new Uint8Array(40)))).toBeInstanceOf(FrameAuthError)
    expect(opener.highestCounter).toBe(1n)
    // A forgery with the genuine frame's own counter must not mark that counter as seen either.
    expect(thrown(() => opener.open(header, 2, new Uint8Array(40)))).toBeInstanceOf(FrameAuthError)
    expect(opener.open(header, 2, genuine)).toEqual(payload)
    expect(opener.highestCounter).toBe(2n)
  })
})

describe('replay protection', () => {
  it('rejects a frame opened before, with the typed error', () => {
    const { sealer, opener } = pair()
    const sealed = sealer.seal(header, 10, payload)
    opener.open(header, 10, sealed)
    const err = thrown(() => opener.open(header, 10, sealed))
    expect(err).toBeInstanceOf(FrameReplayError)
    expect((err as FrameReplayError).code).toBe('CALL_FRAME_REPLAY')
  })

  it('accepts reordered frames within the window and rejects older ones', () => {
    const { sealer, opener } = pair('video', 8)
    const frames = Array.from({ length: 20 }, (_, i) => sealer.seal(header, i, payload))
    opener.open(header, 19, frames[19] as Uint8Array)
    opener.open(header, 12, frames[12] as Uint8Array) // 19 − 12 = 7 < 8
    expect(thrown(() => opener.open(header, 11, frames[11] as Uint8Array))).toBeInstanceOf(FrameReplayError)
    expect(thrown(() => opener.open(header, 12, frames[12] as Uint8Array))).toBeInstanceOf(FrameReplayError)
    opener.open(header, 15, frames[15] as Uint8Array)
  })

  it('defaults to a window of DEFAULT_REPLAY_WINDOW frames', () => {
    expect(DEFAULT_REPLAY_WINDOW).toBe(1024)
    const { sealer, opener } = pair()
    const old = sealer.seal(header, 0, payload)
    const edge = sealer.seal(header, 1, payload)
    const newest = sealer.seal(header, 1024, payload)
    opener.open(header, 1024, newest)
    expect(thrown(() => opener.open(header, 0, old))).toBeInstanceOf(FrameReplayError)
    expect(opener.open(header, 1, edge)).toEqual(payload)
  })

  it('works with counters extended from a wrapping u32 wire seq', () => {
    const { sealer, opener } = pair('audio')
    const start = 0xffff_fffen
    for (let i = 0n; i < 4n; i++) {
      const counter = start + i
      const wireSeq = Number(counter & 0xffff_ffffn)
      const sealed = sealer.seal(header, counter, payload)
      const extended = extendFrameCounter(wireSeq, opener.highestCounter ?? 0n)
      if (i === 0n) expect(extended).toBe(counter) // nothing received yet: reference 0 picks epoch 0
      expect(opener.open(header, extended, sealed)).toEqual(payload)
    }
    expect(opener.highestCounter).toBe(start + 3n)
  })

  it('rejects replay windows outside 1..MAX_REPLAY_WINDOW', () => {
    for (const replayWindow of [0, -1, 1.5, 65_537]) {
      expect(() => createFrameOpener({ key: peer.recvKey, kind: 'audio', replayWindow })).toThrow(FrameArgumentError)
    }
  })
})

describe('nonce-reuse guard', () => {
  it('refuses to seal with a counter not above the last one', () => {
    const { sealer } = pair()
    sealer.seal(header, 5, payload)
    const err = thrown(() => sealer.seal(header, 5, payload))
    expect(err).toBeInstanceOf(FrameCounterReuseError)
    expect((err as FrameCounterReuseError).code).toBe('CALL_FRAME_COUNTER_REUSE')
    expect(thrown(() => sealer.seal(header, 4n, payload))).toBeInstanceOf(FrameCounterReuseError)
    expect(() => sealer.seal(header, 6n, payload)).not.toThrow()
  })

  it('a refused or invalid seal does not consume the counter', () => {
    const { sealer } = pair()
    expect(thrown(() => sealer.seal(header, -1, payload))).toBeInstanceOf(FrameArgumentError)
    expect(thrown(() => sealer.seal('x' as unknown as Uint8Array, 0, payload))).toBeInstanceOf(FrameArgumentError)
    expect(() => sealer.seal(header, 0, payload)).not.toThrow()
  })

  it('rejects bad keys with FrameArgumentError', () => {
    expect(() => createFrameSealer({ key: new Uint8Array(16), kind: 'audio' })).toThrow(FrameArgumentError)
    expect(() => createFrameOpener({ key: new Uint8Array(33), kind: 'video' })).toThrow(FrameArgumentError)
  })
})
