// A dial that fails on every address reports each address with its own error, in a real
// libp2p node: the TCP address given first is tried second (QUIC first), and still gets
// its own "connection refused", not the QUIC address's error.
import { createServer } from 'node:net'
import { createSocket } from 'node:dgram'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { AllAddressesFailedError, createParleyNode, dialPeer } from '@parley/node-daemon'
import type { ParleyLibp2p } from '@parley/node-daemon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOOPBACK_QUIC } from './helpers/daemons.js'

/** A loopback port nothing listens on (bound, then released). */
async function closedTcpPort (): Promise<number> {
  const s = createServer()
  await new Promise<void>(resolve => s.listen(0, '127.0.0.1', resolve))
  const port = (s.address() as { port: number }).port
  await new Promise(resolve => s.close(resolve))
  return port
}

async function closedUdpPort (): Promise<number> {
  const s = createSocket('udp4')
  await new Promise<void>(resolve => s.bind(0, '127.0.0.1', resolve))
  const port = s.address().port
  await new Promise<void>(resolve => s.close(resolve))
  return port
}

describe('dial errors from a real node', () => {
  let node: ParleyLibp2p
  beforeAll(async () => { node = await createParleyNode({ privateKey: await generateKeyPair('Ed25519'), listen: [LOOPBACK_QUIC], mdns: false }) })
  afterAll(async () => { await node?.stop() })

  it('each address with its own error, QUIC tried first', async () => {
    const target = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
    const tcpPort = await closedTcpPort()
    const udpPort = await closedUdpPort()
    const tcp = multiaddr(`/ip4/127.0.0.1/tcp/${tcpPort}`)
    const quic = multiaddr(`/ip4/127.0.0.1/udp/${udpPort}/quic-v1`)
    await node.peerStore.merge(target, { multiaddrs: [tcp, quic] })
    const err = await dialPeer(node, target.toString(), { timeoutMs: 30_000 }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AllAddressesFailedError)
    const attempts = (err as AllAddressesFailedError).attempts
    expect(attempts.map(a => a.addr)).toEqual([quic.toString(), tcp.toString()])
    expect(attempts[1]?.error).toContain(`ECONNREFUSED 127.0.0.1:${tcpPort}`)
    expect(attempts[0]?.error).not.toContain('ECONNREFUSED')
  }, 60_000)
})
