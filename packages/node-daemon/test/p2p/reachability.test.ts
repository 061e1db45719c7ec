import { multiaddr } from '@multiformats/multiaddr'
import { describe, expect, it } from 'vitest'
import { assessReachability, usableAddresses } from '../../src/p2p/reachability.js'

const addr = (a: string, type: string, verified: boolean): { multiaddr: ReturnType<typeof multiaddr>, type: string, verified: boolean } => ({ multiaddr: multiaddr(a), type, verified })

describe('reachability verdict', () => {
  it('public once a public address of ours was dialled back (verified), not for an announced one alone', () => {
    expect(assessReachability({ addresses: [addr('/ip4/11.0.0.1/udp/4001/quic-v1', 'transport', true)] })).toBe('public')
    expect(assessReachability({ addresses: [addr('/ip4/11.0.0.1/udp/4001/quic-v1', 'announce', true)] })).toBe('unknown')
    expect(assessReachability({ addresses: [addr('/ip4/11.0.0.1/udp/4001/quic-v1', 'ip-mapping', true)] })).toBe('public')
  })

  it('behind NAT when peers see us at a public address that is none of our own, and nothing is verified', () => {
    expect(assessReachability({
      addresses: [addr('/ip4/192.168.1.2/udp/4001/quic-v1', 'transport', true), addr('/ip4/11.0.0.11/udp/36001/quic-v1', 'observed', false)]
    })).toBe('behind-nat')
  })

  it('unknown with only private addresses, or when peers see our own public address not yet dialled back', () => {
    expect(assessReachability({ addresses: [addr('/ip4/192.168.1.2/udp/4001/quic-v1', 'transport', true)] })).toBe('unknown')
    expect(assessReachability({
      addresses: [addr('/ip4/11.0.0.1/udp/4001/quic-v1', 'transport', false), addr('/ip4/11.0.0.1/udp/50000/quic-v1', 'observed', false)]
    })).toBe('unknown')
  })

  it('others can use public and relayed addresses, not private ones', () => {
    const got = usableAddresses([
      multiaddr('/ip4/192.168.1.2/udp/4001/quic-v1/p2p/12D3KooWA'),
      multiaddr('/ip4/11.0.0.1/udp/4001/quic-v1/p2p/12D3KooWR/p2p-circuit/p2p/12D3KooWA'),
      multiaddr('/ip4/11.0.0.9/udp/4001/quic-v1/p2p/12D3KooWA')
    ])
    expect(got).toEqual(['/ip4/11.0.0.1/udp/4001/quic-v1/p2p/12D3KooWR/p2p-circuit/p2p/12D3KooWA', '/ip4/11.0.0.9/udp/4001/quic-v1/p2p/12D3KooWA'])
  })
})
