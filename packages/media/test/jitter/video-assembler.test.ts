import { describe, expect, it } from 'vitest'
import { VideoAssembler } from '../../src/index.js'
import type { KeyframeRequestReason, VideoFrame } from '../../src/index.js'

/** Frames 0..n-1 in groups of `gop` (each group starts with a keyframe). */
function frame (seq: number, gop = 10): VideoFrame {
  return {
    seq,
    captureTsUs: seq * 33_333,
    keyframe: seq % gop === 0,
    temporalLayer: 0,
    width: 320,
    height: 240,
    groupId: Math.floor(seq / gop),
    payload: Uint8Array.from([seq & 0xff])
  }
}

function setup (): { va: VideoAssembler, requests: KeyframeRequestReason[] } {
  const requests: KeyframeRequestReason[] = []
  const va = new VideoAssembler({ gapTimeoutMs: 100, keyframeRequestIntervalMs: 300, onKeyframeRequest: r => requests.push(r) })
  return { va, requests }
}

const seqs = (fs: VideoFrame[]): number[] => fs.map(f => f.seq)

describe('VideoAssembler', () => {
  it('releases in-order frames immediately', () => {
    const { va, requests } = setup()
    const out: number[] = []
    for (let i = 0; i < 25; i++) out.push(...seqs(va.push(frame(i), i * 33)))
    expect(out).toEqual(Array.from({ length: 25 }, (_, i) => i))
    expect(requests).toEqual([])
    expect(va.stats()).toMatchObject({ released: 25, gaps: 0, waitingForKeyframe: false })
  })

  it('reorders within a group while the missing frame arrives in time', () => {
    const { va } = setup()
    expect(seqs(va.push(frame(0), 0))).toEqual([0])
    expect(seqs(va.push(frame(2), 60))).toEqual([])
    expect(seqs(va.push(frame(3), 90))).toEqual([])
    expect(va.tick(120)).toEqual([])
    expect(seqs(va.push(frame(1), 130))).toEqual([1, 2, 3])
  })

  it('after a gap times out, waits for the next keyframe and requests one', () => {
    const { va, requests } = setup()
    for (let i = 0; i < 4; i++) va.push(frame(i), i * 33)
    // 4 is lost.
    expect(va.push(frame(5), 170)).toEqual([])
    expect(va.push(frame(6), 200)).toEqual([])
    expect(va.tick(280)).toEqual([])
    expect(requests).toEqual(['gap'])
    expect(va.stats().waitingForKeyframe).toBe(true)
    expect(va.push(frame(7), 290)).toEqual([])  // depends on the lost frame: discarded
    expect(va.push(frame(9), 350)).toEqual([])
    expect(seqs(va.push(frame(10), 360))).toEqual([10])
    expect(seqs(va.push(frame(11), 390))).toEqual([11])
    expect(va.stats()).toMatchObject({ waitingForKeyframe: false, gaps: 1 })
    expect(va.stats().undecodable).toBeGreaterThanOrEqual(3)
  })

  it('a keyframe beyond a gap resynchronises at once, and stale frames are dropped', () => {
    const { va, requests } = setup()
    for (let i = 0; i < 8; i++) va.push(frame(i), i * 33)
    expect(seqs(va.push(frame(10), 340))).toEqual([10])  // 8, 9 missing but irrelevant now
    expect(va.push(frame(9), 350)).toEqual([])
    expect(va.push(frame(10), 351)).toEqual([])
    expect(requests).toEqual([])
    expect(va.stats()).toMatchObject({ stale: 2, gaps: 1 })
  })

  it('requests a keyframe when joining mid-group, rate-limited', () => {
    const { va, requests } = setup()
    expect(va.push(frame(3), 0)).toEqual([])
    expect(va.push(frame(4), 33)).toEqual([])
    va.tick(100)
    va.tick(400)
    expect(requests).toEqual(['start', 'gap'])
    expect(seqs(va.push(frame(10), 420))).toEqual([10])
  })

  it('gives up when too many frames are pending', () => {
    const requests: KeyframeRequestReason[] = []
    const va = new VideoAssembler({ maxPendingFrames: 5, onKeyframeRequest: r => requests.push(r) })
    va.push(frame(0, 1000), 0)
    for (let i = 2; i < 9; i++) va.push(frame(i, 1000), i)
    expect(requests).toEqual(['overflow'])
    expect(va.stats().pending).toBeLessThanOrEqual(5)
  })

  it('refuses a new group that does not start with a keyframe', () => {
    const { va, requests } = setup()
    va.push(frame(0), 0)
    const odd = { ...frame(1), groupId: 5 }
    expect(va.push(odd, 33)).toEqual([])
    expect(requests).toEqual(['group-without-keyframe'])
  })
})
