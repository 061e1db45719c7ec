// No media stream outlives its purpose: two in-process nodes on loopback QUIC run call
// after call with many video groups (a keyframe starts a new stream), and the open
// /parley/media streams on both nodes stay bounded during a call and return to zero
// after each. Before the receiver half-closed its end, every group's stream stayed open
// on the sender until libp2p's per-protocol limit (64) refused new ones.
import { randomBytes } from 'node:crypto'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { createParleyNode, silentLogger } from '@parley/node-daemon'
import type { ParleyLibp2p } from '@parley/node-daemon'
import { makeFrameCipher } from '@parley/node-daemon/media-transport/frame-cipher'
import { AUDIO_POOL_SIZE, MEDIA_PROTOCOL, VIDEO_SPARE_STREAMS } from '@parley/node-daemon/media-transport/constants'
import { MediaRouter } from '@parley/node-daemon/media-transport/media-router'
import { MediaSession } from '@parley/node-daemon/media-transport/media-session'
import { streamCounts } from '@parley/node-daemon/p2p/stream-counts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOOPBACK_QUIC, waitFor } from './helpers/daemons.js'

const sleep = async (ms: number): Promise<void> => { await new Promise(resolve => setTimeout(resolve, ms)) }

function media (node: ParleyLibp2p): { inbound: number, outbound: number } {
  return streamCounts(node)[MEDIA_PROTOCOL] ?? { inbound: 0, outbound: 0 }
}

describe('media streams are closed when their group or call ends', () => {
  let a: ParleyLibp2p, b: ParleyLibp2p
  let ra: MediaRouter, rb: MediaRouter

  beforeAll(async () => {
    const mk = async (): Promise<ParleyLibp2p> => await createParleyNode({ privateKey: await generateKeyPair('Ed25519'), listen: [LOOPBACK_QUIC], mdns: false })
    ;[a, b] = [await mk(), await mk()]
    await a.dial(b.getMultiaddrs()[0] as never)
    await waitFor(() => b.getConnections(a.peerId).length > 0 || undefined, 'B to see the connection')
    ra = new MediaRouter(a, silentLogger)
    rb = new MediaRouter(b, silentLogger)
    await Promise.all([ra.start(), rb.start()])
  })
  afterAll(async () => {
    await Promise.all([a, b].map(async n => { await n?.stop() }))
  })

  it('bounded during a call with 100 video groups, zero after each of 3 calls', async () => {
    // per direction: the audio pool, the current video group, its spares and the control stream
    const perDirection = AUDIO_POOL_SIZE + 1 + VIDEO_SPARE_STREAMS + 1
    for (let call = 0; call < 3; call++) {
      const exporter = new Uint8Array(randomBytes(32))
      const salt = new Uint8Array(randomBytes(32))
      const callId = `leak-test-${call}`
      const sa = new MediaSession({ node: a, router: ra, log: silentLogger, callId, peerId: b.peerId.toString(), cipher: makeFrameCipher(exporter, callId, 'caller', salt), audio: true, video: true, startRung: 5 })
      const sb = new MediaSession({ node: b, router: rb, log: silentLogger, callId, peerId: a.peerId.toString(), cipher: makeFrameCipher(exporter, callId, 'callee', salt), audio: true, video: true, startRung: 5 })
      try {
        sa.listen()
        await sb.start()
        await sa.start()
        await waitFor(() => sb.stats().video.decoded > 3 && sa.stats().video.decoded > 3 || undefined, 'video both ways')
        let peak = 0
        // each keyframe moves the group to a fresh stream: 100 groups, far past libp2p's limit of 64
        for (let g = 0; g < 100; g++) {
          sa.requestKeyframe()
          sb.requestKeyframe()
          await sleep(80)
          peak = Math.max(peak, media(a).outbound, media(b).outbound)
        }
        const decoded = sb.stats().video.decoded
        await waitFor(() => sb.stats().video.decoded > decoded + 5 || undefined, 'video still flowing after 100 groups')
        // a closing group may still be finishing its tail: allow a few on top of the steady set
        expect(peak).toBeLessThanOrEqual(perDirection + 4)
        // nearly every frame was a keyframe on its own stream: well past the limit of 64
        expect(sa.stats().video.sent).toBeGreaterThan(70)
      } finally {
        await Promise.all([sa.stop(), sb.stop()])
      }
      await waitFor(() => (media(a).inbound + media(a).outbound + media(b).inbound + media(b).outbound === 0) || undefined,
        `media streams back to zero after call ${call} (a ${JSON.stringify(media(a))}, b ${JSON.stringify(media(b))})`, 10_000)
    }
  }, 120_000)
})
