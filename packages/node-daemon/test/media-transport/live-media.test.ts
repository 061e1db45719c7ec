import { EventEmitter } from 'node:events'
import { MEDIA_AUDIO_SAMPLES, decodeMediaSocketFrame, encodeMediaSocketFrame } from '@parley/core/ipc'
import type { WebSocket } from 'ws'
import { describe, expect, it } from 'vitest'
import { LIVE_SOURCE_TAKEOVER_MS, LiveMedia, MEDIA_SOCKET_MAX_BUFFERED_BYTES } from '../../src/media-transport/live-media.js'
import { createLogger } from '../../src/logger.js'

/** Just enough of a `ws` socket for LiveMedia: events in, sends and closes recorded. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1
  readyState = 1
  bufferedAmount = 0
  sent: Uint8Array[] = []
  closed: Array<[number, string]> = []
  send (b: Uint8Array): void { this.sent.push(b) }
  close (code: number, reason: string): void { this.closed.push([code, reason]); this.readyState = 3; this.emit('close') }
  push (bytes: Uint8Array | string): void { this.emit('message', typeof bytes === 'string' ? Buffer.from(bytes) : Buffer.from(bytes), typeof bytes !== 'string') }
}

const audio = (v: number): Uint8Array => encodeMediaSocketFrame({ kind: 'audio', seq: 0, tsUs: 0, flags: 0, pcm: new Int16Array(MEDIA_AUDIO_SAMPLES).fill(v) })
const log = createLogger({ write: () => {}, close: async () => {} }, 'error')

function setup (now: () => number = Date.now): { live: LiveMedia, heard: number[] } {
  const live = new LiveMedia(log, now)
  const heard: number[] = []
  live.audioInput().subscribe(pcm => { heard.push(pcm[0] ?? 0) })
  return { live, heard }
}

describe('LiveMedia', () => {
  it('feeds captured frames to the subscribed input', () => {
    const { live, heard } = setup()
    const ws = new FakeSocket()
    live.attach(ws as unknown as WebSocket)
    ws.push(audio(5))
    ws.push(audio(6))
    expect(heard).toEqual([5, 6])
    expect(live.stats()).toMatchObject({ clients: 1, audioIn: 2, badFrames: 0 })
  })

  it('closes a socket that sends a malformed frame (1007) or text (1003) and keeps the others', () => {
    const { live, heard } = setup()
    const bad = new FakeSocket()
    const text = new FakeSocket()
    const good = new FakeSocket()
    for (const s of [bad, text, good]) live.attach(s as unknown as WebSocket)
    bad.push(new Uint8Array([1, 1, 0]))
    text.push('hi')
    expect(bad.closed[0]?.[0]).toBe(1007)
    expect(bad.closed[0]?.[1]).toMatch(/shorter than its 20-byte header/)
    expect(text.closed[0]?.[0]).toBe(1003)
    good.push(audio(9))
    expect(heard).toEqual([9])
    expect(live.stats()).toMatchObject({ clients: 1, badFrames: 1 })
  })

  it('takes captured media from one client at a time; another takes over after a quiet second', () => {
    let t = 0
    const { live, heard } = setup(() => t)
    const tab1 = new FakeSocket()
    const tab2 = new FakeSocket()
    live.attach(tab1 as unknown as WebSocket)
    live.attach(tab2 as unknown as WebSocket)
    tab1.push(audio(1))
    t += 20
    tab2.push(audio(2))
    expect(heard).toEqual([1])
    expect(live.stats().ignoredIn).toBe(1)
    t += LIVE_SOURCE_TAKEOVER_MS
    tab2.push(audio(2))
    tab1.push(audio(1))
    expect(heard).toEqual([1, 2])
    // a closed source is replaced at once
    tab2.close(1000, 'bye')
    tab1.push(audio(1))
    expect(heard).toEqual([1, 2, 1])
  })

  it('sends decoded media to every client and drops video for one that reads too slowly', () => {
    const { live } = setup()
    const fast = new FakeSocket()
    const slow = new FakeSocket()
    live.attach(fast as unknown as WebSocket)
    live.attach(slow as unknown as WebSocket)
    slow.bufferedAmount = MEDIA_SOCKET_MAX_BUFFERED_BYTES + 1
    const out = live.output()
    out.video?.({ data: new Uint8Array(1), ptsUs: 7, keyframe: true, width: 4, height: 2 }, { data: new Uint8Array(12), width: 4, height: 2 })
    out.audio?.(new Int16Array(MEDIA_AUDIO_SAMPLES), { captureTsUs: 5, concealed: true })
    out.audio?.(null)
    expect(fast.sent.map(b => decodeMediaSocketFrame(b).kind)).toEqual(['video', 'audio'])
    const a = decodeMediaSocketFrame(fast.sent[1]!)
    expect(a).toMatchObject({ kind: 'audio', tsUs: 5, flags: 1 })
    expect(slow.sent).toHaveLength(0)
    expect(live.stats()).toMatchObject({ videoOut: 1, audioOut: 1, droppedOut: 2 })
  })
})
