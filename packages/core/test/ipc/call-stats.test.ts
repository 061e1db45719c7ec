import { describe, expect, it } from 'vitest'
import { ParleyError } from '../../src/errors.js'
import { emptyCallMediaStats, parseCallMediaStats, parseCallStats } from '../../src/ipc/call-stats.js'
import type { CallMediaStats, CallStatsResult } from '../../src/ipc/call-stats.js'
import { methods } from '../../src/ipc/methods.js'
import { InvalidResultError } from '../../src/ipc/result-check.js'

const media: CallMediaStats = {
  rttMs: 41.5,
  audio: {
    sent: 500, received: 498, decoded: 497, concealed: 3, late: 1, lost: 2, jitterBufferMs: 40, jitterTargetMs: 40, jitterMs: 3.2,
    bitrateSentBps: 33_000, bitrateReceivedBps: 32_500, latencyMs: 62, encodeMs: 0.2, transitMs: 21, decodeMs: 0.1
  },
  video: {
    sent: 300, dropped: 0, received: 299, decoded: 299, keyframeRequests: 1, width: 640, height: 360, fps: 30,
    bitrateSentBps: 600_000, bitrateReceivedBps: 590_000, latencyMs: null, encodeMs: 4, transitMs: null, decodeMs: 2
  },
  forgedFrames: 0,
  duplicateFrames: 12,
  abr: { audioBps: 32_000, videoRung: 3, fecLossPercent: 5, reason: 'clean', queuedBytes: 0 },
  transport: { rttMs: null, lossFraction: 0.01, sentPackets: 1000, lostPackets: 10, congestionEvents: 1 },
  remote: {
    type: 'report', atMs: 1000, audio: { received: 50, lost: 0, late: 0, concealed: 0, jitterMs: 2, playoutDelayMs: 40 },
    video: { received: 30, lost: 0, framesDecoded: 30, keyframeRequests: 0 }, owdTrendMsPerS: 0.5, frameLatencyMs: null, bytesReceived: 123_456
  }
}

const sample: CallStatsResult = {
  callId: 'c1', state: 'connected', durationMs: 12_000, ...media,
  live: { clients: 1, audioIn: 10, videoIn: 5, audioOut: 9, videoOut: 4, droppedOut: 0, badFrames: 0, ignoredIn: 0 }
}

/** The InvalidResultError parseCallStats throws for `value`. */
function failure (value: unknown): InvalidResultError {
  try {
    parseCallStats(value)
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidResultError)
    return err as InvalidResultError
  }
  return expect.fail('parsed a malformed call.stats result')
}

describe('call.stats result', () => {
  it('a full result parses to itself, and so do the media parts', () => {
    expect(parseCallStats(JSON.parse(JSON.stringify(sample)))).toEqual(sample)
    const { duplicateFrames: _d, ...noDuplicates } = sample
    expect(failure(noDuplicates).message).toBe('call.stats.duplicateFrames must be a finite number, got undefined')
    expect(parseCallMediaStats(JSON.parse(JSON.stringify(media)))).toEqual(media)
    const { live, ...withoutLive } = sample
    expect(parseCallStats({ ...withoutLive, transport: null })).toEqual({ ...withoutLive, transport: null })
    expect(methods['call.stats'].result.safeParse(sample).success).toBe(true)
  })

  it('the empty stats of a call without media are a valid result', () => {
    const empty = emptyCallMediaStats()
    expect(parseCallMediaStats(empty)).toEqual(empty)
    expect(parseCallStats({ callId: 'c2', state: 'connecting', durationMs: 0, ...empty }).audio.decoded).toBe(0)
  })

  it('a missing field is a typed error naming it', () => {
    const { decoded, ...audio } = sample.audio
    const err = failure({ ...sample, audio })
    expect([err.code, err.message]).toEqual(['IPC_INVALID_RESULT', 'call.stats.audio.decoded must be a finite number, got undefined'])
    expect(err).toBeInstanceOf(ParleyError)
    const { abr, ...noAbr } = sample
    expect(failure(noAbr).message).toBe('call.stats.abr must be an object, got undefined')
  })

  it('a field of the wrong type is a typed error naming it', () => {
    expect(failure({ ...sample, video: { ...sample.video, fps: '30' } }).message).toBe('call.stats.video.fps must be a finite number, got string')
    expect(failure({ ...sample, abr: { ...sample.abr, videoRung: 'top' } }).message).toBe('call.stats.abr.videoRung must be a finite number, got string')
    expect(failure({ ...sample, state: 'idle' }).message).toMatch(/^call\.stats\.state must be one of /)
    expect(failure({ ...sample, remote: { ...media.remote, type: 'ping' } }).message).toBe('call.stats.remote.type must be "report", got string')
    expect(failure({ ...sample, live: [] }).message).toBe('call.stats.live must be an object, got an array')
    expect(failure(null).message).toBe('call.stats must be an object, got null')
    expect(methods['call.stats'].result.safeParse({ ...sample, rttMs: 'slow' }).success).toBe(false)
  })

  it('fields the type does not declare are dropped', () => {
    const parsed = parseCallStats({ ...sample, extra: 1, audio: { ...sample.audio, renamedField: 3 } })
    expect(parsed).toEqual(sample)
  })
})
