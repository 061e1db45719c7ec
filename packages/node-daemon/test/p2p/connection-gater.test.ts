// The connection gater's decisions over a list of open connections (plain objects stand in
// for libp2p's: the gater reads only peer, status, direction and remote address).
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { Connection, MultiaddrConnection, PeerId } from '@libp2p/interface'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { describe, expect, it } from 'vitest'
import { createConnectionGater, ipOf } from '../../src/p2p/connection-gater.js'

async function peer (): Promise<PeerId> {
  return peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
}

function conn (remotePeer: PeerId, addr: string, direction: 'inbound' | 'outbound' = 'inbound'): Connection {
  return { remotePeer, remoteAddr: multiaddr(addr), direction, status: 'open' } as unknown as Connection
}

const inbound = (addr: string): MultiaddrConnection => ({ remoteAddr: multiaddr(addr) }) as unknown as MultiaddrConnection

describe('connection gater', () => {
  it('relay-only: direct dials and inbound direct connections only for the relays and bootstrap peers; relayed ones for all', async () => {
    const relay = await peer()
    const contact = await peer()
    const g = createConnectionGater({ connections: () => [], directPeers: new Set([relay.toString()]) })
    expect(await g.denyDialMultiaddr?.(multiaddr(`/ip4/11.0.0.1/udp/4001/quic-v1/p2p/${relay.toString()}`))).toBe(false)
    expect(await g.denyDialMultiaddr?.(multiaddr(`/ip4/192.168.1.2/udp/4001/quic-v1/p2p/${contact.toString()}`))).toBe(true)
    expect(await g.denyDialMultiaddr?.(multiaddr('/ip4/192.168.1.2/udp/4001/quic-v1'))).toBe(true)
    expect(await g.denyDialMultiaddr?.(multiaddr(`/ip4/11.0.0.1/udp/4001/quic-v1/p2p/${relay.toString()}/p2p-circuit/p2p/${contact.toString()}`))).toBe(false)
    expect(await g.denyInboundEncryptedConnection?.(contact, inbound('/ip4/192.168.1.2/udp/5/quic-v1'))).toBe(true)
    expect(await g.denyInboundEncryptedConnection?.(relay, inbound('/ip4/11.0.0.1/udp/4001/quic-v1'))).toBe(false)
    expect(await g.denyInboundEncryptedConnection?.(contact, inbound(`/ip4/11.0.0.1/udp/4001/quic-v1/p2p/${relay.toString()}/p2p-circuit`))).toBe(false)
    // without the rule nothing is refused for being direct
    const open = createConnectionGater({ connections: () => [] })
    expect(await open.denyDialMultiaddr?.(multiaddr(`/ip4/192.168.1.2/udp/4001/quic-v1/p2p/${contact.toString()}`))).toBe(false)
  })

  it('refuses blocked peers both ways and lets others through', async () => {
    const bad = await peer()
    const good = await peer()
    const g = createConnectionGater({ connections: () => [], isBlocked: id => id === bad.toString() })
    expect(await g.denyDialPeer?.(bad)).toBe(true)
    expect(await g.denyInboundEncryptedConnection?.(bad, inbound('/ip4/10.0.0.1/udp/1/quic-v1'))).toBe(true)
    expect(await g.denyOutboundEncryptedConnection?.(bad, inbound('/ip4/10.0.0.1/udp/1/quic-v1'))).toBe(true)
    expect(await g.denyDialPeer?.(good)).toBe(false)
    expect(await g.denyInboundEncryptedConnection?.(good, inbound('/ip4/10.0.0.1/udp/1/quic-v1'))).toBe(false)
  })

  it('caps connections per peer (any direction) and inbound connections per IP', async () => {
    const p = await peer()
    const others = await Promise.all(Array.from({ length: 3 }, peer))
    const open: Connection[] = [conn(p, '/ip4/10.0.0.1/udp/1/quic-v1'), conn(p, '/ip4/10.0.0.1/tcp/2', 'outbound')]
    const g = createConnectionGater({ connections: () => open, maxPerPeer: 2, maxInboundPerIp: 3 })
    expect(await g.denyInboundEncryptedConnection?.(p, inbound('/ip4/10.0.0.1/udp/3/quic-v1'))).toBe(true)
    expect(await g.denyInboundEncryptedConnection?.(others[0] as PeerId, inbound('/ip4/10.0.0.1/udp/3/quic-v1'))).toBe(false)
    // one inbound from 10.0.0.1 so far (the outbound one does not count)
    expect(await g.denyInboundConnection?.(inbound('/ip4/10.0.0.1/udp/4/quic-v1'))).toBe(false)
    open.push(conn(others[0] as PeerId, '/ip4/10.0.0.1/udp/5/quic-v1'), conn(others[1] as PeerId, '/ip4/10.0.0.1/udp/6/quic-v1'))
    expect(await g.denyInboundConnection?.(inbound('/ip4/10.0.0.1/udp/7/quic-v1'))).toBe(true)
    expect(await g.denyInboundConnection?.(inbound('/ip6/::1/udp/7/quic-v1'))).toBe(false)
    expect(await g.denyInboundConnection?.(inbound('/ip4/10.0.0.2/udp/7/quic-v1'))).toBe(false)
  })

  it('reads the IP of a multiaddr, if it has one', () => {
    expect(ipOf(multiaddr('/ip6/::1/tcp/1'))).toBe('::1')
    expect(ipOf(multiaddr('/dns4/example.com/tcp/1'))).toBeUndefined()
  })
})
