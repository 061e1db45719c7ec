// 20-node in-process testnet: A knows one bootstrap node only and finds and dials 10
// other nodes by peer ID through the DHT.
import { generateKeyPair } from '@libp2p/crypto/keys'
import { createParleyNode, dialPeer, PeerNotFoundError, routingTableSize } from '@parley/node-daemon'
import type { ParleyLibp2p } from '@parley/node-daemon'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOOPBACK_QUIC, waitFor } from './helpers/daemons.js'
import { startInProcessNet } from './helpers/nodes.js'
import type { InProcessNet } from './helpers/nodes.js'

describe('DHT testnet (20 nodes, in-process, QUIC on loopback)', () => {
  let net: InProcessNet
  let a: ParleyLibp2p

  beforeAll(async () => {
    net = await startInProcessNet(19)
    a = await createParleyNode({
      privateKey: await generateKeyPair('Ed25519'),
      listen: [LOOPBACK_QUIC],
      mdns: false,
      bootstrap: [net.bootstrap.getMultiaddrs()[0]?.toString() ?? '']
    })
    await waitFor(() => routingTableSize(a) > 0, 'A to join the DHT')
  }, 120_000)

  afterAll(async () => {
    await a?.stop()
    await net?.stop()
  })

  it('A finds and dials 10 nodes by peer ID through the DHT, every lookup succeeds', async () => {
    const targets = net.nodes.slice(0, 10)
    const results = []
    for (const t of targets) {
      const r = await dialPeer(a, t.peerId.toString(), { timeoutMs: 10_000, forceLookup: true })
      results.push(r)
      expect(r.peerId).toBe(t.peerId.toString())
      expect(r.via).toBe('dht')
      expect(a.getConnections(t.peerId).length).toBeGreaterThan(0)
    }
    expect(results).toHaveLength(10)
  })

  it('a peer ID nobody has is reported as not found in the DHT', async () => {
    const stranger = peerIdFromPrivateKey(await generateKeyPair('Ed25519')).toString()
    await expect(dialPeer(a, stranger, { timeoutMs: 10_000 })).rejects.toBeInstanceOf(PeerNotFoundError)
  })
})
