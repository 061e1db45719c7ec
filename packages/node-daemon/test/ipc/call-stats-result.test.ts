import { describe, expect, it } from 'vitest'
import { emptyCallMediaStats, parseCallStats } from '@parley/core/ipc'
import { toCallStatsResult } from '../../src/ipc/call-stats-result.js'

const base = {
  callId: 'c1', state: 'connecting', durationMs: 0, rttMs: null, forgedFrames: 0,
  abr: { audioBps: 0, videoRung: null, fecLossPercent: 0, reason: 'no media yet', queuedBytes: 0 }, transport: null
}

describe('call.stats from the call service', () => {
  it('before media, its empty audio and video become the empty stats, and the result checks', () => {
    const r = toCallStatsResult({ ...base, audio: {}, video: {} })
    expect(r.audio).toEqual(emptyCallMediaStats().audio)
    expect(r.video).toEqual(emptyCallMediaStats().video)
    expect(parseCallStats(JSON.parse(JSON.stringify(r)))).toEqual(r)
  })

  it('with media, the media session\'s numbers pass unchanged', () => {
    const m = emptyCallMediaStats()
    const audio = { ...m.audio, decoded: 42, latencyMs: 60 }
    const live = { clients: 1, audioIn: 1, videoIn: 0, audioOut: 1, videoOut: 0, droppedOut: 0, badFrames: 0, ignoredIn: 0 }
    const r = toCallStatsResult({ ...base, state: 'connected', audio, video: { ...m.video }, live })
    expect(parseCallStats(r)).toEqual({ ...base, state: 'connected', audio, video: m.video, live })
  })
})
