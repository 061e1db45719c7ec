// The codec parameters an Offer carries, from the same constants the encoders start with.
// The callee does not read them (the schema marks them reserved, docs/protocol.md §2):
// both sides start from these settings and the ABR takes over.
import type { CallSignalBody } from '@parley/core/call/index'
import { DEFAULT_OPUS_CHANNELS } from '@parley/media'
import { DEFAULT_START_RUNG, VIDEO_LADDER } from './abr.js'
import { CALL_OPUS_START } from './audio-send.js'
import { AUDIO_FRAME_MS } from './constants.js'

type Offer = Extract<CallSignalBody, { kind: 'offer' }>

export function offerCodecs (): Pick<Offer, 'opus' | 'vp9'> {
  const rung = VIDEO_LADDER[DEFAULT_START_RUNG]
  if (rung == null) throw new Error('the default start rung is not on the video ladder')
  return {
    opus: { bitrateBps: CALL_OPUS_START.bitrateBps, frameMs: AUDIO_FRAME_MS, fec: CALL_OPUS_START.fec, stereo: (DEFAULT_OPUS_CHANNELS as number) > 1 },
    vp9: { width: rung.width, height: rung.height, fps: rung.fps, bitrateBps: rung.bitrateBps }
  }
}
