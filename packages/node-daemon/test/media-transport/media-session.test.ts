// A whole media session per side, over in-memory streams and on a manual clock: the
// pipelines (audio and video send, receive, control channel, stats) wired as in a call,
// with real Opus/VP9 and the real frame E2EE, but no libp2p node and no wall-clock timers.
import { randomBytes } from 'node:crypto'
import { ManualClock } from '@parley/media'
import { afterEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../src/logger.js'
import { AUDIO_FRAME_MS, REPORT_INTERVAL_MS } from '../../src/media-transport/constants.js'
import { makeFrameCipher } from '../../src/media-transport/frame-cipher.js'
import { MediaSession } from '../../src/media-transport/media-session.js'
import { inMemoryCall } from '../helpers/in-memory-link.js'
import type { Side } from '../helpers/in-memory-link.js'

const callId = 'unit-call'
const sessions: MediaSession[] = []

function pair (opts: { video: boolean, singleStream?: boolean }): { a: MediaSession, b: MediaSession, clock: ManualClock, sides: { a: Side, b: Side } } {
  const clock = new ManualClock(1_000_000)
  const sides = inMemoryCall(callId)
  const exporter = new Uint8Array(randomBytes(32))
  const salt = new Uint8Array(randomBytes(32))
  const mk = (side: Side, role: 'caller' | 'callee', peerId: string): MediaSession => new MediaSession({
    router: side.router, link: side.link, log: silentLogger, callId, peerId, clock,
    cipher: makeFrameCipher(exporter, callId, role, salt),
    audio: true, video: opts.video, singleStream: opts.singleStream ?? true, startRung: 5
  })
  const a = mk(sides.a, 'caller', 'peer-b')
  const b = mk(sides.b, 'callee', 'peer-a')
  sessions.push(a, b)
  return { a, b, clock, sides }
}

/** Moves the manual clock in audio-frame steps, giving the codecs (worker threads) real time to finish each step. */
async function run (clock: ManualClock, ms: number): Promise<void> {
  for (let t = 0; t < ms; t += AUDIO_FRAME_MS) {
    await clock.advance(AUDIO_FRAME_MS)
    await new Promise(resolve => setTimeout(resolve, 2))
  }
}

afterEach(async () => { await Promise.all(sessions.splice(0).map(async s => { await s.stop() })) })

describe('media session pipelines (in-memory streams, manual clock)', () => {
  it('audio flows both ways; each side reports what it received and the other reads it', async () => {
    const { a, b, clock, sides } = pair({ video: false })
    a.listen()
    await b.start()
    await a.start()
    expect(sides.a.opened).toEqual({ control: 1, audio: 1, video: 0 })
    await run(clock, 3_000)
    const sa = a.stats()
    const sb = b.stats()
    // 3 s of 20 ms frames each way, some still in the codecs or the jitter buffer
    expect(sb.audio.received).toBeGreaterThan(100)
    expect(sb.audio.decoded).toBeGreaterThan(50)
    expect(sa.audio.received).toBeGreaterThan(100)
    expect(sb.forgedFrames).toBe(0)
    // the control channel: pings answered (RTT on the manual clock), reports every 500 ms
    expect(sa.rttMs).not.toBeNull()
    expect(sa.remote).not.toBeNull()
    expect(sa.remote?.audio.received).toBeGreaterThan(50)
    expect(sa.remote?.audio.received).toBeLessThanOrEqual(sb.audio.received)
    expect(sa.remote?.audio.lost).toBe(0)
    expect(sa.remote?.atMs).toBeGreaterThan(clock.nowMs() - 2 * REPORT_INTERVAL_MS)
    expect(sa.audio.bitrateSentBps).toBeGreaterThan(0)
    expect(sb.audio.bitrateReceivedBps).toBeGreaterThan(0)
  })

  it('loss on the path: the receiver reports it, and the sender\'s ABR raises Opus FEC', async () => {
    const { a, b, clock, sides } = pair({ video: false })
    // every 10th audio frame from A to B never arrives
    sides.a.drop = (kind, n) => kind === 'audio' && n % 10 === 9
    a.listen()
    await b.start()
    await a.start()
    const fec0 = a.stats().abr.fecLossPercent
    await run(clock, 4_000)
    const remote = a.stats().remote
    expect(remote?.audio.lost).toBeGreaterThan(5)
    expect(b.stats().audio.received).toBeGreaterThan(100)
    expect(a.stats().abr.fecLossPercent).toBeGreaterThan(fec0)
    // B's frames to A were not touched
    expect(b.stats().remote?.audio.lost).toBe(0)
  })

  it('the QUIC path statistics feed the transport stats', async () => {
    const { a, b, clock, sides } = pair({ video: false })
    sides.a.path = { rttMs: 42, sentPackets: 1000, lostPackets: 10, congestionEvents: 1 }
    a.listen()
    await b.start()
    await a.start()
    await run(clock, REPORT_INTERVAL_MS + AUDIO_FRAME_MS)
    sides.a.path = { rttMs: 44, sentPackets: 1100, lostPackets: 15, congestionEvents: 2 }
    await run(clock, REPORT_INTERVAL_MS)
    expect(a.stats().transport).toEqual({ rttMs: 44, lossFraction: 0.05, sentPackets: 1100, lostPackets: 15, congestionEvents: 2 })
    expect(b.stats().transport).toBeNull()
  })

  it('video: decoded on the other side; a keyframe request opens a new group stream; hold stops both kinds', async () => {
    const { a, b, clock, sides } = pair({ video: true, singleStream: false })
    a.listen()
    await b.start()
    await a.start()
    await run(clock, 2_000)
    expect(b.stats().video.decoded).toBeGreaterThan(5)
    expect(a.stats().video.width).toBe(320)
    const groups = sides.a.opened.video
    a.requestKeyframe()
    await run(clock, 500)
    expect(sides.a.opened.video).toBeGreaterThan(groups)
    a.setHold(true)
    await run(clock, 200)
    const sent = a.stats()
    await run(clock, 1_000)
    expect(a.stats().audio.sent).toBe(sent.audio.sent)
    expect(a.stats().video.sent).toBe(sent.video.sent)
  })

  it('stop ends the timers and closes the streams: nothing is sent after it', async () => {
    const { a, b, clock, sides } = pair({ video: true, singleStream: false })
    let sent = 0
    sides.a.drop = () => { sent++; return false }
    sides.b.drop = () => { sent++; return false }
    a.listen()
    await b.start()
    await a.start()
    await run(clock, 500)
    expect(sent).toBeGreaterThan(20)
    await Promise.all([a.stop(), b.stop()])
    const before = sent
    await run(clock, 1_000)
    expect(sent).toBe(before)
    expect(b.silentForMs()).toBeGreaterThanOrEqual(1_000)
  })
})
