// Send-side queue guards with stand-in streams: a peer that stops reading must not make
// the sender buffer without bound.
import type { Stream } from '@libp2p/interface'
import { describe, expect, it } from 'vitest'
import { AudioSender } from '../../src/media-transport/audio-sender.js'
import { AUDIO_MAX_QUEUED_BYTES_PER_STREAM, VIDEO_MAX_QUEUED_BYTES } from '../../src/media-transport/constants.js'
import { VideoSender } from '../../src/media-transport/video-sender.js'

/** A writable stream whose peer never reads: everything sent stays queued. */
function stuckStream (): Stream & { sent: number } {
  const s = {
    writeStatus: 'writable',
    writeBufferLength: 0,
    sent: 0,
    send (data: Uint8Array) { s.writeBufferLength += data.length; s.sent++; return false },
    addEventListener () {},
    close: async () => {},
    abort () { s.writeStatus = 'closed' }
  }
  return s as unknown as Stream & { sent: number }
}

describe('send queues are bounded', () => {
  it('audio: streams past the limit are skipped, then frames dropped', async () => {
    const streams: Array<Stream & { sent: number }> = []
    const sender = new AudioSender(async () => { const s = stuckStream(); streams.push(s); return s }, { poolSize: 4, duplicateDelayMs: 0 })
    await sender.start()
    const frame = new Uint8Array(100)
    for (let i = 0; i < 2000; i++) sender.send(frame)
    const queued = streams.reduce((n, s) => n + (s.writeBufferLength ?? 0), 0)
    expect(queued).toBeLessThanOrEqual(4 * (AUDIO_MAX_QUEUED_BYTES_PER_STREAM + frame.length))
    expect(sender.framesDropped).toBeGreaterThan(1500)
    await sender.close()
  })

  it('video: frames are dropped once the group stream holds too much, and the stale group is abandoned', async () => {
    let t = 0
    const streams: Array<Stream & { sent: number }> = []
    const sender = new VideoSender(async () => { const s = stuckStream(); streams.push(s); return s }, { now: () => t })
    await sender.start()
    const frame = new Uint8Array(20_000)
    const results: string[] = []
    for (let i = 0; i < 60; i++) { results.push(sender.send(frame, i === 0)); t += 33 }
    expect(results[0]).toBe('sent')
    expect(results).toContain('dropped')
    expect(sender.framesDropped).toBeGreaterThan(40)
    expect(sender.groupsAbandoned).toBeGreaterThanOrEqual(1)
    const queued = streams.reduce((n, s) => n + (s.writeBufferLength ?? 0), 0)
    expect(queued).toBeLessThanOrEqual(VIDEO_MAX_QUEUED_BYTES + 2 * frame.length)
  })

  it('audio: streams the peer refuses at once are replaced after a pause, not in a tight loop', async () => {
    let opened = 0
    // each stream is closed right after it opens, as the peer's router does for a call it no longer has
    const refused = async (): Promise<Stream> => {
      opened++
      const s = stuckStream()
      s.addEventListener = ((type: string, fn: () => void) => { if (type === 'close') setTimeout(fn, 1) }) as never
      return s
    }
    const sender = new AudioSender(refused, { poolSize: 4, duplicateDelayMs: 0 })
    await sender.start()
    await new Promise(resolve => setTimeout(resolve, 300))
    await sender.close()
    // the 4 of the start; their replacements wait out the 500 ms pause (without it: hundreds by now)
    expect(opened).toBe(4)
  })
})
