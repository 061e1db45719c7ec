// Media streams between two in-process libp2p nodes over loopback QUIC: the audio pool
// with duplicates, video groups on fresh streams, and the router's refusals.
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { Stream } from '@libp2p/interface'
import { encodeAudioFrame, encodeVideoFrame, MediaFrameReader } from '@parley/media'
import type { MediaFrame } from '@parley/media'
import { createParleyNode, silentLogger } from '@parley/node-daemon'
import type { ParleyLibp2p } from '@parley/node-daemon'
import { AudioSender } from '@parley/node-daemon/media-transport/audio-sender'
import { MEDIA_PROTOCOL } from '@parley/node-daemon/media-transport/constants'
import { MediaRouter } from '@parley/node-daemon/media-transport/media-router'
import { encodeStreamHeader } from '@parley/node-daemon/media-transport/stream-header'
import type { StreamKindName } from '@parley/node-daemon/media-transport/stream-header'
import { onStreamData } from '@parley/node-daemon/media-transport/stream-io'
import { VideoSender } from '@parley/node-daemon/media-transport/video-sender'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOOPBACK_QUIC, waitFor } from './helpers/daemons.js'

describe('media transport over QUIC streams', () => {
  let a: ParleyLibp2p, b: ParleyLibp2p, c: ParleyLibp2p
  let router: MediaRouter
  const got: Array<{ kind: StreamKindName, frame: MediaFrame, stream: string }> = []
  const streamsByKind: Record<string, Set<string>> = { audio: new Set(), video: new Set() }
  let accepted = 0

  beforeAll(async () => {
    const mk = async (): Promise<ParleyLibp2p> => await createParleyNode({ privateKey: await generateKeyPair('Ed25519'), listen: [LOOPBACK_QUIC], mdns: false })
    ;[a, b, c] = [await mk(), await mk(), await mk()]
    await a.dial(b.getMultiaddrs()[0] as never)
    await c.dial(b.getMultiaddrs()[0] as never)
    router = new MediaRouter(b, silentLogger)
    await router.start()
    router.register('call-1', {
      peerId: a.peerId.toString(),
      accept: (kind, stream, leftover) => {
        // a stream's id is unique on its connection only (a second connection between the
        // nodes, e.g. one the DHT opened, numbers its streams from 0 too): label each stream
        const label = `stream-${++accepted}`
        streamsByKind[kind]?.add(label)
        const reader = new MediaFrameReader()
        const take = (bytes: Uint8Array): void => { for (const frame of reader.push(bytes)) got.push({ kind, frame, stream: label }) }
        take(leftover)
        onStreamData(stream, take, () => {})
      }
    })
  })
  afterAll(async () => { await router?.stop(); await Promise.all([a, b, c].map(async n => { await n?.stop() })) })

  const opener = (from: ParleyLibp2p, kind: StreamKindName, callId = 'call-1') => async (): Promise<Stream> => {
    const s = await from.dialProtocol(b.peerId, MEDIA_PROTOCOL)
    s.send(encodeStreamHeader({ kind, callId }))
    return s
  }

  it('audio: every frame arrives, spread over the pool, each twice (the redundant copy)', async () => {
    const sender = new AudioSender(opener(a, 'audio'), { poolSize: 4, duplicateDelayMs: 5 })
    await sender.start()
    for (let seq = 0; seq < 40; seq++) {
      sender.send(encodeAudioFrame({ seq, captureTsUs: seq * 20_000, payload: new Uint8Array(60).fill(seq) }))
      await new Promise(resolve => setTimeout(resolve, 2))
    }
    await waitFor(() => got.filter(g => g.kind === 'audio').length >= 80 || undefined, 'audio frames and duplicates')
    const audio = got.filter(g => g.kind === 'audio')
    const seqs = new Set(audio.map(g => g.frame.frame.seq))
    expect(seqs.size).toBe(40)
    expect(audio).toHaveLength(80)
    expect(streamsByKind.audio?.size).toBe(4)
    expect(new Set(audio.map(g => g.stream)).size).toBe(4)
    await sender.close()
  })

  it('video: a keyframe starts a new group on a fresh, pre-opened stream', async () => {
    const sender = new VideoSender(opener(a, 'video'))
    await sender.start()
    let seq = 0
    for (let group = 0; group < 3; group++) {
      for (let i = 0; i < 5; i++) {
        const keyframe = i === 0
        const bytes = encodeVideoFrame({ seq: seq++, captureTsUs: seq * 33_000, keyframe, temporalLayer: 0, width: 64, height: 48, groupId: group, payload: new Uint8Array(500) })
        expect(sender.send(bytes, keyframe)).toBe('sent')
      }
      await new Promise(resolve => setTimeout(resolve, 30))
    }
    await waitFor(() => got.filter(g => g.kind === 'video').length >= 15 || undefined, 'video frames')
    const video = got.filter(g => g.kind === 'video')
    const streamOfGroup = new Map<number, Set<string>>()
    for (const g of video) {
      const f = g.frame.frame as { groupId: number }
      streamOfGroup.set(f.groupId, (streamOfGroup.get(f.groupId) ?? new Set()).add(g.stream))
    }
    expect([...streamOfGroup.values()].map(s => s.size)).toEqual([1, 1, 1])
    expect(new Set([...streamOfGroup.values()].map(s => [...s][0])).size).toBe(3)
    await sender.close()
  })

  it('refuses streams for an unknown call, from the wrong peer, or with a bad header', async () => {
    const before = { ...router.stats.rejected }
    const s1 = await opener(a, 'audio', 'no-such-call')()
    const s2 = await opener(c, 'audio', 'call-1')()
    const s3 = await a.dialProtocol(b.peerId, MEDIA_PROTOCOL)
    s3.send(new Uint8Array([7, 7, 7, 7]))
    // On QUIC the sender sees the reset only as the peer closing its side (docs/protocol.md §4),
    // so the refusal is checked at the router.
    const delta = (code: string): number => (router.stats.rejected[code] ?? 0) - (before[code] ?? 0)
    await waitFor(() => delta('MEDIA_UNKNOWN_CALL') + delta('MEDIA_WRONG_PEER') + delta('MEDIA_BAD_STREAM_HEADER') >= 3 || undefined, 'three refusals')
    await waitFor(() => [s1, s2, s3].every(s => s.remoteWriteStatus !== 'writable') || undefined, 'the three streams to be closed by the router')
    expect((router.stats.rejected.MEDIA_UNKNOWN_CALL ?? 0) - (before.MEDIA_UNKNOWN_CALL ?? 0)).toBe(1)
    expect((router.stats.rejected.MEDIA_WRONG_PEER ?? 0) - (before.MEDIA_WRONG_PEER ?? 0)).toBe(1)
    expect((router.stats.rejected.MEDIA_BAD_STREAM_HEADER ?? 0) - (before.MEDIA_BAD_STREAM_HEADER ?? 0)).toBe(1)
  })
})
