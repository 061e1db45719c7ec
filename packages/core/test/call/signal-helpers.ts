// Shared arbitraries and samples for the signal codec tests.
import fc from 'fast-check'
import type { CallSignal, CallSignalBody } from '../../src/call/index.js'

export const sampleOffer = (): CallSignalBody => ({
  kind: 'offer',
  audio: true,
  video: false,
  opus: { bitrateBps: 24_000, frameMs: 20, fec: true, stereo: false },
  vp9: { width: 640, height: 360, fps: 30, bitrateBps: 500_000 },
  keySalt: new Uint8Array(32).fill(9),
  sentAtMs: 1_700_000_000_123
})

const callId = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/)
const reason = fc.stringMatching(/^[a-z][a-z0-9_]{0,63}$/)
const evenDim = fc.integer({ min: 1, max: 2048 }).map(n => n * 2)
const fps = fc.integer({ min: 1, max: 60 })

export const bodyArb: fc.Arbitrary<CallSignalBody> = fc.oneof(
  fc.record({
    kind: fc.constant('offer' as const),
    audio: fc.boolean(),
    video: fc.boolean(),
    opus: fc.record({ bitrateBps: fc.integer({ min: 6000, max: 510_000 }), frameMs: fc.constantFrom(10, 20, 40, 60), fec: fc.boolean(), stereo: fc.boolean() }),
    vp9: fc.record({ width: evenDim, height: evenDim, fps, bitrateBps: fc.integer({ min: 30_000, max: 20_000_000 }) }),
    keySalt: fc.uint8Array({ minLength: 32, maxLength: 32 }),
    sentAtMs: fc.maxSafeNat()
  }),
  fc.record({ kind: fc.constant('answer' as const), video: fc.boolean() }),
  fc.record({ kind: fc.constant('reject' as const), reason }),
  fc.constant({ kind: 'busy' as const }),
  fc.constant({ kind: 'cancel' as const }),
  fc.record({ kind: fc.constant('end' as const), reason }),
  fc.constant({ kind: 'hold' as const }),
  fc.constant({ kind: 'resume' as const }),
  fc.record({ kind: fc.constant('mute' as const), audio: fc.boolean(), video: fc.boolean() }),
  fc.record({ kind: fc.constant('video' as const), on: fc.boolean() }),
  fc.constant({ kind: 'keyframe_request' as const }),
  fc.tuple(fc.boolean(), fc.option(fc.tuple(evenDim, evenDim), { nil: undefined }), fc.option(fps, { nil: undefined }))
    .map(([video, dims, f]): CallSignalBody => ({
      kind: 'renegotiate',
      video,
      ...(dims !== undefined ? { width: dims[0], height: dims[1] } : {}),
      ...(f !== undefined ? { fps: f } : {})
    }))
)

export const signalArb: fc.Arbitrary<CallSignal> = fc.record({ callId, body: bodyArb })
