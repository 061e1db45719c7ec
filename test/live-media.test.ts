// Live media over the /media WebSocket between two real daemons: what a media client
// pushes into A comes out of B decoded (and the other way), the encoder is capped at
// the source's size, and a client that sends garbage is cut off without hurting the
// daemon or the call.
import { MEDIA_AUDIO_SAMPLES, MEDIA_SUBPROTOCOL, MediaClient, TOKEN_SUBPROTOCOL_PREFIX } from '@parley/core/ipc'
import type { BinaryWebSocketConstructor, MediaSocketFrame } from '@parley/core/ipc'
import { SyntheticAudioSource, SyntheticVideoSource, readFrameCounter, scaleI420 } from '@parley/media'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestDaemon, teardown, waitFor } from './helpers/daemons.js'
import type { TestDaemon } from './helpers/daemons.js'

const WS = WebSocket as unknown as BinaryWebSocketConstructor

interface Side { sourceWidth: number, sourceHeight: number, client: MediaClient, audio: Array<{ pcm: Int16Array, concealed: boolean }>, video: Array<{ width: number, height: number, counter: number }>, closed: Array<{ code: number, reason: string }> }

/** sourceWidth × sourceHeight: the size of the pictures the peer's client pushes. */
async function mediaClient (d: TestDaemon, sourceWidth = 640, sourceHeight = 360): Promise<Side> {
  const side: Side = { sourceWidth, sourceHeight, client: undefined as unknown as MediaClient, audio: [], video: [], closed: [] }
  side.client = new MediaClient({
    url: `http://127.0.0.1:${d.port}`,
    token: d.token,
    WebSocket: WS,
    onFrame: (f: MediaSocketFrame) => {
      if (f.kind === 'audio') side.audio.push({ pcm: f.pcm, concealed: (f.flags & 1) === 1 })
      // the ABR may step down on a loaded machine: read the counter at the source's size
      else side.video.push({ width: f.width, height: f.height, counter: readFrameCounter(scaleI420({ data: f.data, width: f.width, height: f.height }, side.sourceWidth, side.sourceHeight)) })
    },
    onClose: (code, reason) => { side.closed.push({ code, reason }) }
  })
  await side.client.connect()
  return side
}

/** Push a tone and a counted test pattern like a camera and microphone would, until stopped. */
function capture (side: Side, hz: number, width: number, height: number): () => void {
  const tone = new SyntheticAudioSource({ signals: [{ type: 'tone', frequencyHz: hz }] })
  const pattern = new SyntheticVideoSource({ width, height })
  let a = 0
  let v = 0
  const ta = setInterval(() => { side.client.send({ kind: 'audio', seq: a, tsUs: Date.now() * 1000, flags: 0, pcm: tone.frame(a++) }) }, 20)
  const tv = setInterval(() => { const f = pattern.frame(v); side.client.send({ kind: 'video', seq: v++, tsUs: Date.now() * 1000, flags: 0, width, height, data: f.data }) }, 33)
  return () => { clearInterval(ta); clearInterval(tv) }
}

function zeroCrossingHz (frames: Int16Array[]): number {
  let crossings = 0
  let n = 0
  for (const pcm of frames) {
    for (let i = 1; i < pcm.length; i++) if (((pcm[i - 1] ?? 0) < 0) !== ((pcm[i] ?? 0) < 0)) crossings++
    n += pcm.length
  }
  return crossings / 2 / (n / 48_000)
}
const rms = (pcm: Int16Array): number => Math.sqrt(pcm.reduce((s, x) => s + x * x, 0) / pcm.length)

describe('live media over /media', () => {
  let a: TestDaemon, b: TestDaemon
  beforeAll(async () => {
    b = await startTestDaemon()
    a = await startTestDaemon({ args: ['--bootstrap', b.addr] })
    await a.client.call('peer.dial', { peerId: b.peerId })
  }, 60_000)
  afterAll(async () => { await teardown([a, b]) })

  it('frames pushed into A come out of B decoded, and B\'s come out of A', async () => {
    const ma = await mediaClient(a, 320, 180)
    const mb = await mediaClient(b, 480, 270)
    // 480×270: the encoder must settle on the source's size, not the 640×360 start rung
    const stopA = capture(ma, 700, 480, 270)
    const stopB = capture(mb, 1200, 320, 180)
    try {
      const started = await a.client.call('call.start', { peerId: b.peerId, video: true, audioSource: 'live', videoSource: 'live' })
      await waitFor(async () => (await b.client.call('call.current'))?.state === 'ringing', 'B rings')
      await b.client.call('call.answer', { callId: started.callId, audioSource: 'live', videoSource: 'live' })
      await waitFor(() => mb.video.length > 40 && mb.audio.length > 100 && ma.video.length > 20, 'decoded media on both clients', 30_000)

      const sa = await a.client.call('call.stats')
      // capped at the source's 480×270 (the ladder starts at 640×360); lower only if the ABR stepped down
      expect(sa.video.width).toBeLessThanOrEqual(480)
      expect(sa.video.height).toBeLessThanOrEqual(270)
      expect(sa.live?.videoIn).toBeGreaterThan(40)
      expect(sa.live?.badFrames).toBe(0)

      // B's client got A's pictures, never larger than the source, with the counters in order
      const recent = mb.video.slice(-30)
      for (const f of recent) expect(f.width).toBeLessThanOrEqual(480)
      for (let i = 1; i < recent.length; i++) expect(recent[i]!.counter).toBeGreaterThan(recent[i - 1]!.counter)
      // …and A's tone: 700 Hz, not B's own 1200 Hz
      const loud = mb.audio.slice(-50).filter(f => !f.concealed && rms(f.pcm) > 1000).map(f => f.pcm)
      expect(loud.length).toBeGreaterThan(30)
      for (const f of loud) expect(f.length).toBe(MEDIA_AUDIO_SAMPLES)
      const hz = zeroCrossingHz(loud)
      expect(hz).toBeGreaterThan(660)
      expect(hz).toBeLessThan(740)
      // the other way: A sees B's 320×180 pattern
      expect(ma.video.at(-1)).toMatchObject({ width: 320, height: 180 })
      expect(ma.video.length).toBeGreaterThan(20)
      expect(zeroCrossingHz(ma.audio.slice(-50).filter(f => rms(f.pcm) > 1000).map(f => f.pcm))).toBeGreaterThan(1100)
    } finally {
      stopA()
      stopB()
      await a.client.call('call.hangup', {}).catch(() => {})
      ma.client.close()
      mb.client.close()
    }
  }, 90_000)

  it('cuts off a client that sends a malformed frame; the daemon keeps serving', async () => {
    const side = await mediaClient(a)
    const ws = (side.client as unknown as { ws: WebSocket }).ws
    ws.send(new Uint8Array([1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3]))
    await waitFor(() => side.closed.length > 0, 'the socket closed')
    expect(side.closed[0]?.code).toBe(1007)
    expect(side.closed[0]?.reason).toMatch(/video size 0×0/)
    const text = await mediaClient(a)
    ;(text.client as unknown as { ws: WebSocket }).ws.send('hello')
    await waitFor(() => text.closed.length > 0, 'the text socket closed')
    expect(text.closed[0]?.code).toBe(1003)
    expect((await a.client.call('status')).peerId).toBe(a.peerId)
    const again = await mediaClient(a)
    expect(again.client.open).toBe(true)
    again.client.close()
  })

  it('refuses a media socket without the token, with a wrong one, or without the media subprotocol', async () => {
    const status = async (protocols: string[]): Promise<number | string> => await new Promise(resolve => {
      const ws = new WebSocket(`ws://127.0.0.1:${a.port}/media`, protocols)
      ws.on('unexpected-response', (_req, res) => { resolve(res.statusCode ?? 0); ws.terminate() })
      ws.on('open', () => { ws.on('close', (code) => { resolve(`closed ${code}`) }) })
      ws.on('error', () => { resolve('error') })
    })
    expect(await status([MEDIA_SUBPROTOCOL])).toBe(401)
    expect(await status([MEDIA_SUBPROTOCOL, `${TOKEN_SUBPROTOCOL_PREFIX}wrong`])).toBe(401)
    // the daemon picks no subprotocol, so the client gives up (or the daemon closes with 1002)
    expect(['error', 'closed 1002']).toContain(await status(['parley-rpc.v1', TOKEN_SUBPROTOCOL_PREFIX + a.token]))
  })
})
