// The dial order: libp2p's rules first (loopback last, public first, relays last), then
// QUIC before TCP — libp2p's own default put TCP first.
import { multiaddr } from '@multiformats/multiaddr'
import { describe, expect, it } from 'vitest'
import { isQuic, quicFirstAddressSorter } from '../../src/p2p/address-sorter.js'

const addr = (s: string, isCertified = false): { multiaddr: ReturnType<typeof multiaddr>, isCertified: boolean } => ({ multiaddr: multiaddr(s), isCertified })
const order = (xs: string[]): string[] => xs.map(s => addr(s)).sort(quicFirstAddressSorter).map(a => a.multiaddr.toString())

describe('address sorter', () => {
  it('QUIC before TCP for the same host, whatever order they came in', () => {
    expect(order(['/ip4/10.0.0.2/tcp/4001', '/ip4/10.0.0.2/udp/4001/quic-v1'])).toEqual(['/ip4/10.0.0.2/udp/4001/quic-v1', '/ip4/10.0.0.2/tcp/4001'])
    expect(order(['/ip4/127.0.0.1/tcp/1', '/ip4/127.0.0.1/udp/2/quic-v1'])).toEqual(['/ip4/127.0.0.1/udp/2/quic-v1', '/ip4/127.0.0.1/tcp/1'])
  })

  it('libp2p\'s rules still come first: public before private, loopback last, relays last', () => {
    expect(order([
      '/ip4/127.0.0.1/udp/2/quic-v1',
      '/ip4/192.168.1.5/tcp/4001',
      '/ip4/8.8.4.4/tcp/4001',
      '/ip4/8.8.4.4/udp/4001/quic-v1',
      '/ip4/192.168.1.5/udp/4001/quic-v1'
    ])).toEqual([
      '/ip4/8.8.4.4/udp/4001/quic-v1',
      '/ip4/8.8.4.4/tcp/4001',
      '/ip4/192.168.1.5/udp/4001/quic-v1',
      '/ip4/192.168.1.5/tcp/4001',
      '/ip4/127.0.0.1/udp/2/quic-v1'
    ])
    const relayed = '/ip4/8.8.4.4/tcp/4001/p2p/12D3KooWGRUVh2F6Sn1zKTeS5w2ToLn7ZmxShmhJJyNQJTxBwe5u/p2p-circuit'
    expect(order([relayed, '/ip4/8.8.8.8/tcp/4001'])).toEqual(['/ip4/8.8.8.8/tcp/4001', relayed])
  })

  it('knows a direct QUIC address; a relayed one over QUIC is not one', () => {
    expect(isQuic(multiaddr('/ip6/::1/udp/5/quic-v1'))).toBe(true)
    expect(isQuic(multiaddr('/ip6/::1/tcp/5'))).toBe(false)
    expect(isQuic(multiaddr('/ip4/127.0.0.1/udp/5/quic-v1/p2p/12D3KooWGRUVh2F6Sn1zKTeS5w2ToLn7ZmxShmhJJyNQJTxBwe5u/p2p-circuit'))).toBe(false)
  })
})
