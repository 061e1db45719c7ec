// Real sockets on loopback: a closed UDP or TCP port is "refused" (the host answers),
// an open one is not.
import { createSocket } from 'node:dgram'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { multiaddr } from '@multiformats/multiaddr'
import { describe, expect, it } from 'vitest'
import { probeAddress } from '../../src/call/peer-probe.js'

describe('peer probe', () => {
  it('UDP: a bound port is not refused; the same port after close is', async () => {
    const sock = createSocket('udp4')
    await new Promise<void>(resolve => { sock.bind(0, '127.0.0.1', resolve) })
    const addr = multiaddr(`/ip4/127.0.0.1/udp/${sock.address().port}/quic-v1`)
    expect(await probeAddress(addr, 300)).toBe('no-answer')
    await new Promise<void>(resolve => { sock.close(resolve) })
    expect(await probeAddress(addr, 300)).toBe('refused')
  })

  it('TCP: listening vs refused', async () => {
    const srv = createServer(s => s.destroy())
    await new Promise<void>(resolve => { srv.listen(0, '127.0.0.1', resolve) })
    const addr = multiaddr(`/ip4/127.0.0.1/tcp/${(srv.address() as AddressInfo).port}`)
    expect(await probeAddress(addr, 300)).toBe('listening')
    await new Promise<void>(resolve => { srv.close(() => { resolve() }) })
    expect(await probeAddress(addr, 300)).toBe('refused')
  })

  it('relayed addresses are not probed', async () => {
    const relayed = multiaddr('/ip4/127.0.0.1/udp/9/quic-v1/p2p/12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo/p2p-circuit')
    expect(await probeAddress(relayed, 300)).toBe('not-probed')
  })
})
