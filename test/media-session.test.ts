// Two media sessions (the engine of one call) between in-process nodes over loopback
// QUIC, with the real frame E2EE: media flows both ways, and a tampered frame injected
// on the call's own connection is dropped and counted while the call goes on.
import { randomBytes } from 'node:crypto'
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { Stream } from '@libp2p/interface'
import { createParleyNode, silentLogger } from '@parley/node-daemon'
import type { ParleyLibp2p } from '@parley/node-daemon'
import { makeFrameCipher } from '@parley/node-daemon/media-transport/frame-cipher'
import { MEDIA_PROTOCOL } from '@parley/node-daemon/media-transport/constants'
import { sealAudioFrame } from '@parley/node-daemon/media-transport/frame-cipher'
import { MediaRouter } from '@parley/node-daemon/media-transport/media-router'
import { MediaSession } from '@parley/node-daemon/media-transport/media-session'
import { encodeStreamHeader } from '@parley/node-daemon/media-transport/stream-header'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOOPBACK_QUIC, waitFor } from './helpers/daemons.js'

describe('media session with frame E2EE', () => {
  let a: ParleyLibp2p, b: ParleyLibp2p
  let sa: MediaSession, sb: MediaSession
  const exporter = new Uint8Array(randomBytes(32))
  const salt = new Uint8Array(randomBytes(32))
  const callId = 'test-call-1'

  beforeAll(async () => {
    const mk = async (): Promise<ParleyLibp2p> => await createParleyNode({ privateKey: await generateKeyPair('Ed25519'), listen: [LOOPBACK_QUIC], mdns: false })
    ;[a, b] = [await mk(), await mk()]
    await a.dial(b.getMultiaddrs()[0] as never)
    await waitFor(() => b.getConnections(a.peerId).length > 0 || undefined, 'B to see the connection')
    const ra = new MediaRouter(a, silentLogger)
    const rb = new MediaRouter(b, silentLogger)
    await Promise.all([ra.start(), rb.start()])
    sa = new MediaSession({ node: a, router: ra, log: silentLogger, callId, peerId: b.peerId.toString(), cipher: makeFrameCipher(exporter, callId, 'caller', salt), audio: true, video: true })
    sb = new MediaSession({ node: b, router: rb, log: silentLogger, callId, peerId: a.peerId.toString(), cipher: makeFrameCipher(exporter, callId, 'callee', salt), audio: true, video: true })
    sa.listen()
    await sb.start()
    await sa.start()
  })
  afterAll(async () => {
    await sa?.stop(); await sb?.stop()
    await Promise.all([a, b].map(async n => { await n?.stop() }))
  })

  it('audio and video decode on both sides; redundant copies are dropped as duplicates, not forgeries', async () => {
    await waitFor(() => sa.stats().audio.decoded > 25 && sb.stats().audio.decoded > 25 && sb.stats().video.decoded > 10 || undefined, 'media both ways')
    expect(sb.stats().forgedFrames).toBe(0)
    expect(sb.stats().duplicateFrames).toBeGreaterThan(0)
  })

  it('a tampered frame on the call connection is dropped and counted; a wrong-key frame too', async () => {
    const forged0 = sb.stats().forgedFrames
    const decoded0 = sb.stats().audio.decoded
    const s: Stream = await a.dialProtocol(b.peerId, MEDIA_PROTOCOL)
    s.send(encodeStreamHeader({ kind: 'audio', callId }))
    // a frame sealed with the right key but for a far-future seq, then tampered
    const good = makeFrameCipher(exporter, callId, 'caller', salt)
    const frame = sealAudioFrame(good, { seq: 1_000_000, captureTsUs: Date.now() * 1000, payload: new Uint8Array(40).fill(7) })
    frame[frame.length - 1] = (frame[frame.length - 1] ?? 0) ^ 0x80
    s.send(frame)
    // a frame sealed with another call's key
    const other = makeFrameCipher(new Uint8Array(randomBytes(32)), callId, 'caller', salt)
    s.send(sealAudioFrame(other, { seq: 1_000_001, captureTsUs: Date.now() * 1000, payload: new Uint8Array(40).fill(9) }))
    await waitFor(() => sb.stats().forgedFrames >= forged0 + 2 || undefined, 'two forged frames counted')
    await waitFor(() => sb.stats().audio.decoded > decoded0 + 10 || undefined, 'the call goes on')
    expect(sb.stats().forgedFrames).toBe(forged0 + 2)
  })
})
