import { describe, expect, it } from 'vitest'
import { AbrController, AUDIO_MIN_BPS, AUDIO_NORMAL_BPS, PROBE_AFTER_CLEAN_MS, RESUME_VIDEO_MAX_WAIT_MS, VIDEO_LADDER } from '../../src/media-transport/abr.js'
import type { AbrInput } from '../../src/media-transport/abr.js'

const clean = (nowMs: number): AbrInput => ({ nowMs, loss: 0, owdTrendMsPerS: 0, rttMs: 50, queuedBytes: 0 })
const lossy = (nowMs: number, loss = 0.1): AbrInput => ({ ...clean(nowMs), loss })

describe('AbrController', () => {
  it('steps down at most every 300 ms under loss, through the ladder to paused, then audio', () => {
    const abr = new AbrController({ startRung: 3 })
    const rungs: Array<number | null> = []
    for (let t = 0; t <= 3000; t += 100) rungs.push(abr.update(lossy(t)).videoRung)
    expect(rungs[0]).toBe(4)
    expect(rungs[1]).toBe(4) // 100 ms later: too soon
    expect(rungs[3]).toBe(5)
    expect(rungs).toContain(null)
    const end = abr.update(lossy(10_000))
    expect(end.videoRung).toBeNull()
    expect(end.audioBps).toBeLessThan(AUDIO_NORMAL_BPS)
    for (let t = 10_000; t < 20_000; t += 300) abr.update(lossy(t))
    expect(abr.last.audioBps).toBe(AUDIO_MIN_BPS)
    expect(abr.last.fecLossPercent).toBe(10)
  })

  it('reacts to a rising one-way delay, a send queue and RTT inflation, not only loss', () => {
    const rising = new AbrController()
    // one noisy report is not a queue; two in a row are
    expect(rising.update({ ...clean(0), owdTrendMsPerS: 40 }).reason).not.toMatch(/delay rising/)
    expect(rising.update({ ...clean(500), owdTrendMsPerS: 40 }).reason).toMatch(/delay rising/)
    const blip = new AbrController()
    blip.update({ ...clean(0), owdTrendMsPerS: 40 })
    blip.update(clean(500))
    expect(blip.update({ ...clean(1000), owdTrendMsPerS: 40 }).reason).not.toMatch(/delay rising/)
    // a queue already 80 ms deep: the first rising report is enough
    expect(new AbrController().update({ ...clean(0), owdTrendMsPerS: 40, owdExcessMs: 80 }).reason).toMatch(/delay rising/)
  })

  it('a rising one-way delay with a flat transport RTT is a busy CPU, not a queue; with the RTT up it is a queue', () => {
    const cpu = new AbrController()
    const flat = (t: number): AbrInput => ({ ...clean(t), rttMs: 2, rttFromTransport: true, owdTrendMsPerS: 400, owdExcessMs: 300 })
    for (let t = 0; t < 5000; t += 500) expect(cpu.update(flat(t)).reason).not.toMatch(/delay rising/)
    expect(cpu.last.videoRung).not.toBeNull()
    const queue = new AbrController()
    queue.update({ ...flat(0), owdTrendMsPerS: 0 })
    expect(queue.update({ ...flat(500), rttMs: 2 + 40 }).reason).toMatch(/delay rising/)
    // an RTT from the application's ping (event-loop delay in it) cannot tell: the delay rule stands
    expect(new AbrController().update({ ...flat(0), rttFromTransport: false }).reason).toMatch(/delay rising/)
    expect(new AbrController().update({ ...clean(0), queuedBytes: 200_000 }).reason).toMatch(/queue/)
    const abr = new AbrController()
    abr.update(clean(0))
    expect(abr.update({ ...clean(500), rttMs: 400 }).reason).toMatch(/rtt/)
  })

  it('probes up one rung after a clean period, and backs off after a failed probe', () => {
    const abr = new AbrController({ startRung: 3 })
    abr.update(clean(0))
    expect(abr.update(clean(PROBE_AFTER_CLEAN_MS)).videoRung).toBe(2)
    // the probe causes loss right away: down, and the next probe waits twice as long
    expect(abr.update(lossy(PROBE_AFTER_CLEAN_MS + 500)).videoRung).toBe(3)
    const t0 = PROBE_AFTER_CLEAN_MS + 1000
    abr.update(clean(t0))
    expect(abr.update(clean(t0 + PROBE_AFTER_CLEAN_MS)).videoRung).toBe(3)
    expect(abr.update(clean(t0 + 2 * PROBE_AFTER_CLEAN_MS)).videoRung).toBe(2)
  })

  it('never leaves the ladder and holds at the top', () => {
    const abr = new AbrController({ startRung: 0 })
    for (let t = 0; t < 120_000; t += 500) abr.update(clean(t))
    expect(abr.last.videoRung).toBe(0)
    expect(VIDEO_LADDER[0]?.width).toBe(1280)
    expect(abr.last.audioBps).toBeLessThanOrEqual(64_000)
  })

  it('audio-only calls adapt the audio bitrate', () => {
    const abr = new AbrController({ video: false })
    expect(abr.last.videoRung).toBeNull()
    expect(abr.update(lossy(0)).audioBps).toBeLessThan(AUDIO_NORMAL_BPS)
  })

  it('a receiver cap limits the ladder and stops probing above it', () => {
    const abr = new AbrController({ startRung: 0 })
    abr.capResolution(640, 480)
    expect(VIDEO_LADDER[abr.last.videoRung ?? -1]).toMatchObject({ width: 640, height: 360 })
    for (let t = 0; t < 60_000; t += 500) abr.update(clean(t))
    expect(VIDEO_LADDER[abr.last.videoRung ?? -1]?.width).toBeLessThanOrEqual(640)
    abr.capResolution(100, 100)
    expect(abr.last.videoRung).toBe(VIDEO_LADDER.length - 1)
  })

  it('a source cap keeps the ladder at or below the source size; the stricter of source and receiver wins', () => {
    const abr = new AbrController({ startRung: 0 })
    expect(abr.capToSource(480, 270)).toBe(true)
    expect(abr.capToSource(480, 270)).toBe(false)
    expect(VIDEO_LADDER[abr.last.videoRung ?? -1]).toMatchObject({ width: 480, height: 270 })
    for (let t = 0; t < 60_000; t += 500) abr.update(clean(t))
    expect(VIDEO_LADDER[abr.last.videoRung ?? -1]?.width).toBe(480)
    abr.capResolution(320, 180)
    expect(VIDEO_LADDER[abr.last.videoRung ?? -1]?.width).toBe(320)
    // a bigger source later (camera switched) lifts only the source cap
    abr.capToSource(1280, 720)
    for (let t = 60_000; t < 120_000; t += 500) abr.update(clean(t))
    expect(VIDEO_LADDER[abr.last.videoRung ?? -1]?.width).toBe(320)
  })

  it('every rung is 16:9', () => {
    for (const r of VIDEO_LADDER) expect(r.width * 9).toBe(r.height * 16)
  })

  it('paused video resumes at the bottom rung after a short clean spell, even after failed probes', () => {
    const abr = new AbrController({ startRung: 5 })
    let t = 0
    // a long congested spell pauses video; probes fail repeatedly, so the probe wait grows
    for (let round = 0; round < 4; round++) {
      for (let k = 0; k < 10; k++, t += 300) abr.update(lossy(t))
      expect(abr.last.videoRung).toBeNull()
      for (let k = 0; k < 8 && abr.last.videoRung == null; k++, t += 500) abr.update(clean(t))
    }
    for (let k = 0; k < 10; k++, t += 300) abr.update(lossy(t))
    expect(abr.last.videoRung).toBeNull()
    const from = t
    while (abr.last.videoRung == null && t - from < 10_000) { t += 250; abr.update(clean(t)) }
    expect(abr.last.videoRung).toBe(VIDEO_LADDER.length - 1)
    expect(t - from).toBeLessThanOrEqual(RESUME_VIDEO_MAX_WAIT_MS + 500)
    expect(abr.last.reason).toBe('up: video resumes')
  })

  it('spends Opus FEC on the transport\'s packet loss, which retransmission hides from the frame counts', () => {
    const abr = new AbrController()
    expect(abr.update({ ...clean(0), transportLoss: 0.03 }).fecLossPercent).toBe(3)
    // loss the transport hides is not congestion: no step down for it
    expect(abr.last.videoRung).toBe(3)
    expect(abr.update({ ...lossy(500, 0.08), transportLoss: 0.03 }).fecLossPercent).toBe(8)
  })
})
