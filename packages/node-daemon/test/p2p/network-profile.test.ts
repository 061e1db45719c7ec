import { describe, expect, it } from 'vitest'
import { isPublicAddr, networkProfile } from '../../src/p2p/network-profile.js'

describe('network profile', () => {
  it('is a LAN while every configured address is private, loopback or unspecified', () => {
    expect(networkProfile({ listen: ['/ip4/0.0.0.0/udp/0/quic-v1', '/ip4/127.0.0.1/tcp/0'], bootstrap: ['/ip4/192.168.1.5/udp/4001/quic-v1/p2p/12D3KooWx'] })).toBe('lan')
    expect(networkProfile({ listen: ['/ip6/::/udp/0/quic-v1'], relays: ['/ip4/10.1.2.3/tcp/1/p2p/12D3KooWx'] })).toBe('lan')
  })

  it('is the internet once any listen, announce, bootstrap or relay address is public', () => {
    expect(networkProfile({ listen: ['/ip4/0.0.0.0/udp/0/quic-v1'], bootstrap: ['/ip4/11.0.0.1/udp/4001/quic-v1/p2p/12D3KooWx'] })).toBe('internet')
    expect(networkProfile({ listen: ['/ip4/11.0.0.1/udp/4001/quic-v1'] })).toBe('internet')
    expect(networkProfile({ listen: [], announce: ['/dns4/relay.example.org/udp/4001/quic-v1'] })).toBe('internet')
    expect(networkProfile({ listen: [], relays: ['/ip4/8.8.8.8/tcp/1/p2p/12D3KooWx'] })).toBe('internet')
  })

  it('tells public addresses from the rest', () => {
    expect(isPublicAddr('/ip4/11.0.0.1/tcp/1')).toBe(true)
    expect(isPublicAddr('/ip4/100.64.0.1/tcp/1')).toBe(false) // carrier-grade NAT
    expect(isPublicAddr('/ip4/198.51.100.7/tcp/1')).toBe(false) // documentation range
    expect(isPublicAddr('/dns4/localhost/tcp/1')).toBe(false)
    expect(isPublicAddr('not a multiaddr')).toBe(false)
  })
})
