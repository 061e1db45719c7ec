// The media session's parts on their own: the ticker on a manual clock, the control
// channel's ping/pong arithmetic and dispatch, and the receive pipeline's handling of
// forged, replayed and misplaced frames.
import { randomBytes } from 'node:crypto'
import { streamPair } from '@libp2p/utils'
import { ManualClock } from '@parley/media'
import { describe, expect, it } from 'vitest'
import { ControlChannel } from '../../src/media-transport/control-channel.js'
import { ControlReader } from '../../src/media-transport/control.js'
import type { ControlMessage, ReceiverReport } from '../../src/media-transport/control.js'
import { makeFrameCipher, sealAudioFrame, sealVideoFrame } from '../../src/media-transport/frame-cipher.js'
import { ReceivePipeline } from '../../src/media-transport/receive.js'
import { every } from '../../src/media-transport/ticker.js'

const until = async (cond: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise(resolve => setTimeout(resolve, 5))
  expect(cond()).toBe(true)
}

describe('ticker', () => {
  it('ticks on a fixed grid of the clock, skips ahead after a stall, and stops on abort', async () => {
    const clock = new ManualClock(0)
    const ctl = new AbortController()
    const at: number[] = []
    every(clock, 20, ctl.signal, () => { at.push(clock.nowMs()) })
    await clock.advance(100)
    expect(at).toEqual([20, 40, 60, 80, 100])
    ctl.abort()
    await clock.advance(100)
    expect(at).toHaveLength(5)
  })

  it('an exception in the callback does not stop the ticks', async () => {
    const clock = new ManualClock(0)
    const ctl = new AbortController()
    let n = 0
    every(clock, 10, ctl.signal, () => { n++; throw new Error('boom') })
    await clock.advance(50)
    ctl.abort()
    expect(n).toBe(5)
  })
})

describe('control channel', () => {
  it('answers a ping with a pong; a pong gives RTT and the peer clock offset; keyframe requests and reports are dispatched', async () => {
    const clock = new ManualClock(10_000)
    const got: { keyframes: number, reports: ReceiverReport[] } = { keyframes: 0, reports: [] }
    const ch = new ControlChannel(clock, { onKeyframeRequest: () => { got.keyframes++ }, onReport: (r) => { got.reports.push(r) } })
    const [out, inn] = await streamPair({ delay: 0 })
    const reader = new ControlReader()
    const sent: ControlMessage[] = []
    inn.addEventListener('message', (e) => { sent.push(...reader.push(e.data instanceof Uint8Array ? e.data : e.data.subarray())) })
    ch.attach(out)
    ch.receive({ type: 'ping', t: 5 })
    await until(() => sent.length === 1)
    expect(sent[0]).toEqual({ type: 'pong', t: 5, peerNowMs: 10_000 })
    // our ping left at 9 960, the pong is back at 10 000 and the peer stamped 10 500: 40 ms RTT, the peer 520 ms ahead
    ch.receive({ type: 'pong', t: 9_960, peerNowMs: 10_500 })
    expect(ch.rttMs).toBe(40)
    expect(ch.clockOffsetMs).toBe(520)
    ch.receive({ type: 'keyframe', reason: 'gap' })
    const report: ReceiverReport = { type: 'report', atMs: 1, audio: { received: 1, lost: 0, late: 0, concealed: 0, jitterMs: 2, playoutDelayMs: 40 }, video: { received: 0, lost: 0, framesDecoded: 0, keyframeRequests: 0 }, owdTrendMsPerS: 0, owdExcessMs: 0, frameLatencyMs: null, bytesReceived: 10 }
    ch.receive(report)
    expect(got).toEqual({ keyframes: 1, reports: [report] })
    ch.abort('done')
    ch.send({ type: 'ping', t: 1 })
    await new Promise(resolve => setTimeout(resolve, 20))
    expect(sent).toHaveLength(1)
  })
})

describe('receive pipeline', () => {
  const secret = new Uint8Array(randomBytes(32))
  const salt = new Uint8Array(randomBytes(32))
  const mk = (clock: ManualClock): { rx: ReceivePipeline, keyframes: string[] } => {
    const keyframes: string[] = []
    const rx = new ReceivePipeline({ clock, cipher: makeFrameCipher(secret, 'c1', 'callee', salt), clockOffsetMs: () => 0, onControl: () => {}, requestKeyframe: (r) => { keyframes.push(r) } })
    return { rx, keyframes }
  }

  it('counts a forged frame and a replay apart, and hears the peer on every byte', async () => {
    const clock = new ManualClock(50_000)
    const { rx } = mk(clock)
    const sender = makeFrameCipher(secret, 'c1', 'caller', salt)
    const [out, inn] = await streamPair({ delay: 0 })
    expect(rx.silentForMs()).toBe(Number.POSITIVE_INFINITY)
    rx.accept('audio', inn, new Uint8Array(0))
    const good = sealAudioFrame(sender, { seq: 0, captureTsUs: 49_990_000, payload: new Uint8Array(30).fill(1) })
    const forged = sealAudioFrame(sender, { seq: 1, captureTsUs: 49_990_000, payload: new Uint8Array(30).fill(2) })
    forged[forged.length - 1] = (forged[forged.length - 1] ?? 0) ^ 1
    out.send(good)
    out.send(good)
    out.send(forged)
    await until(() => rx.counters.aRecv + rx.counters.duplicates + rx.counters.forged === 3)
    expect(rx.counters).toMatchObject({ aRecv: 1, duplicates: 1, forged: 1 })
    expect(rx.owd).toEqual([[50_000, 10]])
    await clock.advance(300)
    expect(rx.silentForMs()).toBe(300)
    expect(rx.heardForMs()).toBe(300)
    await rx.stop()
  })

  it('a video frame on an audio stream resets that stream; video gaps count as lost after the grace', async () => {
    const clock = new ManualClock(0)
    const { rx } = mk(clock)
    const sender = makeFrameCipher(secret, 'c1', 'caller', salt)
    const [out, inn] = await streamPair({ delay: 0 })
    rx.accept('audio', inn, new Uint8Array(0))
    const closed = new Promise(resolve => { out.addEventListener('close', resolve) })
    out.send(sealVideoFrame(sender, { seq: 0, captureTsUs: 0, keyframe: true, temporalLayer: 0, width: 16, height: 16, groupId: 1, payload: new Uint8Array(8) }))
    await closed
    expect(rx.counters.vRecv).toBe(0)

    const [vout, vin] = await streamPair({ delay: 0 })
    rx.accept('video', vin, new Uint8Array(0))
    // frames 1..40 with 5 and 6 missing: counted lost once the newest is 15 frames past them
    for (let seq = 1; seq <= 40; seq++) {
      if (seq === 5 || seq === 6) continue
      vout.send(sealVideoFrame(sender, { seq, captureTsUs: seq * 33_000, keyframe: false, temporalLayer: 0, width: 16, height: 16, groupId: 1, payload: new Uint8Array(8) }))
    }
    await until(() => rx.counters.vRecv === 38)
    expect(rx.videoLoss.lost).toBe(2)
    await rx.stop()
  })
})
