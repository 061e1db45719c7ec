// The encoders accept exactly what a call's Offer may carry: both read core's bounds
// (docs/protocol.md §3.2), and this holds them to it at each edge, from both sides.
import { describe, expect, it } from 'vitest'
import { MalformedSignalError, encodeCallSignal } from '@parley/core'
import { MEDIA_AUDIO_SAMPLES, MEDIA_AUDIO_SAMPLE_RATE } from '@parley/core/ipc/media-socket'
import type { CallSignalBody, OpusParams, Vp9Params } from '@parley/core'
import {
  DEFAULT_OPUS_FRAME_SAMPLES, InvalidDimensionsError, InvalidOptionError, MAX_OPUS_BITRATE_BPS, MAX_VIDEO_BITRATE_BPS,
  MAX_VIDEO_DIMENSION_PX, MAX_VIDEO_FPS, MIN_OPUS_BITRATE_BPS, MIN_VIDEO_BITRATE_BPS, MIN_VIDEO_FPS, OPUS_FRAME_DURATIONS_MS,
  OPUS_SAMPLE_RATE_HZ, OpusEncoder, Vp9Encoder
} from '../../src/index.js'

const OPUS: OpusParams = { bitrateBps: 32_000, frameMs: 20, fec: true, stereo: false }
const VP9: Vp9Params = { width: 640, height: 360, fps: 30, bitrateBps: 600_000 }

function offerValid (opus: Partial<OpusParams>, vp9: Partial<Vp9Params>): boolean {
  const body: CallSignalBody = {
    kind: 'offer', audio: true, video: true, opus: { ...OPUS, ...opus }, vp9: { ...VP9, ...vp9 }, keySalt: new Uint8Array(32), sentAtMs: 0
  }
  try {
    encodeCallSignal({ callId: 'bounds', body })
    return true
  } catch (err) {
    if (err instanceof MalformedSignalError) return false
    throw err
  }
}

async function opusValid (o: { bitrateBps?: number, frameDurationMs?: number }): Promise<boolean> {
  try {
    await new OpusEncoder(o as ConstructorParameters<typeof OpusEncoder>[0]).close()
    return true
  } catch (err) {
    if (err instanceof InvalidOptionError) return false
    throw err
  }
}

async function vp9Valid (o: { width?: number, height?: number, frameRate?: number, bitrateBps?: number }): Promise<boolean> {
  try {
    await new Vp9Encoder({ width: 64, height: 8, ...o }).close()
    return true
  } catch (err) {
    if (err instanceof InvalidOptionError || err instanceof InvalidDimensionsError) return false
    throw err
  }
}

describe('the Offer validator and the encoders agree at every bound', () => {
  it('Opus bitrate and frame duration', async () => {
    for (const bps of [MIN_OPUS_BITRATE_BPS - 1, MIN_OPUS_BITRATE_BPS, MAX_OPUS_BITRATE_BPS, MAX_OPUS_BITRATE_BPS + 1]) {
      const inRange = bps >= MIN_OPUS_BITRATE_BPS && bps <= MAX_OPUS_BITRATE_BPS
      expect([bps, offerValid({ bitrateBps: bps }, {}), await opusValid({ bitrateBps: bps })]).toEqual([bps, inRange, inRange])
    }
    for (const ms of [5, ...OPUS_FRAME_DURATIONS_MS, 80]) {
      const allowed = (OPUS_FRAME_DURATIONS_MS as readonly number[]).includes(ms)
      expect([ms, offerValid({ frameMs: ms }, {}), await opusValid({ frameDurationMs: ms })]).toEqual([ms, allowed, allowed])
    }
  })

  it('VP9 bitrate, frame rate and picture size', async () => {
    for (const bps of [MIN_VIDEO_BITRATE_BPS - 1, MIN_VIDEO_BITRATE_BPS, MAX_VIDEO_BITRATE_BPS, MAX_VIDEO_BITRATE_BPS + 1]) {
      const inRange = bps >= MIN_VIDEO_BITRATE_BPS && bps <= MAX_VIDEO_BITRATE_BPS
      expect([bps, offerValid({}, { bitrateBps: bps }), await vp9Valid({ bitrateBps: bps })]).toEqual([bps, inRange, inRange])
    }
    for (const fps of [MIN_VIDEO_FPS - 1, MIN_VIDEO_FPS, MAX_VIDEO_FPS, MAX_VIDEO_FPS + 1]) {
      const inRange = fps >= MIN_VIDEO_FPS && fps <= MAX_VIDEO_FPS
      expect([fps, offerValid({}, { fps }), await vp9Valid({ frameRate: fps })]).toEqual([fps, inRange, inRange])
    }
    for (const side of [MAX_VIDEO_DIMENSION_PX, MAX_VIDEO_DIMENSION_PX + 2]) {
      const inRange = side <= MAX_VIDEO_DIMENSION_PX
      expect([side, offerValid({}, { width: side }), await vp9Valid({ width: side })]).toEqual([side, inRange, inRange])
      expect([side, offerValid({}, { height: side }), await vp9Valid({ width: 8, height: side })]).toEqual([side, inRange, inRange])
    }
  })

  it('a media-socket audio message is one default Opus frame (960 samples at 48 kHz)', () => {
    expect([MEDIA_AUDIO_SAMPLES, MEDIA_AUDIO_SAMPLE_RATE]).toEqual([DEFAULT_OPUS_FRAME_SAMPLES, OPUS_SAMPLE_RATE_HZ])
    expect(DEFAULT_OPUS_FRAME_SAMPLES).toBe(960)
  })
})
