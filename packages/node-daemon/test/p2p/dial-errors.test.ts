// Each address of a failed dial is reported with its own error: libp2p tries them in its
// own order and lists the errors in that order without the addresses.
import { multiaddr } from '@multiformats/multiaddr'
import { describe, expect, it } from 'vitest'
import { pairDialErrors } from '../../src/p2p/dial.js'

describe('dial errors', () => {
  const a = multiaddr('/ip4/127.0.0.1/tcp/1111')
  const b = multiaddr('/ip4/192.168.2.10/tcp/2222')
  const c = multiaddr('/ip4/10.9.9.9/udp/3333/webrtc-direct')

  it('pairs errors with the addresses in the order libp2p tried them, not the order given', () => {
    const err = new AggregateError([new Error('connect ENETUNREACH 192.168.2.10:2222'), new Error('connect ECONNREFUSED 127.0.0.1:1111')], 'All multiaddr dials failed')
    expect(pairDialErrors(err, [a, b, c], [b, a])).toEqual([
      { addr: b.toString(), error: 'connect ENETUNREACH 192.168.2.10:2222' },
      { addr: a.toString(), error: 'connect ECONNREFUSED 127.0.0.1:1111' },
      { addr: c.toString(), error: 'not dialed (no transport for it, or blocked)' }
    ])
  })

  it('a single failure (libp2p throws it bare) belongs to the one address tried', () => {
    expect(pairDialErrors(new Error('connect ECONNREFUSED 127.0.0.1:1111'), [a], [a])).toEqual([{ addr: a.toString(), error: 'connect ECONNREFUSED 127.0.0.1:1111' }])
  })

  it('a failure before any address was tried is the error of every given address', () => {
    expect(pairDialErrors(new Error('no valid addresses'), [a, b], [])).toEqual([
      { addr: a.toString(), error: 'no valid addresses' }, { addr: b.toString(), error: 'no valid addresses' }
    ])
  })
})
