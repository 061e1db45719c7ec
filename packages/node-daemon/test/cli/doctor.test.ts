import { describe, expect, it } from 'vitest'
import type { StatusResult } from '@parley/core/ipc'
import { diagnose, formatDiagnosis } from '../../src/cli/doctor.js'

function status (over: Partial<Omit<StatusResult, 'reachability'>> & { reachability?: Partial<StatusResult['reachability']> } = {}): StatusResult {
  const base: StatusResult = {
    peerId: '12D3KooWA', version: '0.1.0', pid: 1, listenAddrs: ['/ip4/192.168.1.2/udp/4001/quic-v1/p2p/12D3KooWA'], apiPort: 7373, guiUrl: '',
    connections: [], streams: {}, dhtRoutingTableSize: 3, dhtMode: 'client', mdns: false, startedAt: 0, uptimeMs: 0,
    reachability: { state: 'unknown', network: 'internet', addresses: [], relays: [], upnp: true, relayOnly: false }
  }
  return { ...base, ...over, reachability: { ...base.reachability, ...(over.reachability ?? {}) } }
}
const find = (s: StatusResult, topic: string): ReturnType<typeof diagnose>[number] | undefined => diagnose(s).find(f => f.topic === topic)

describe('parley doctor', () => {
  it('behind NAT without a relay is a problem with what to do; with two relays it is fine', () => {
    const alone = status({ reachability: { state: 'behind-nat' } })
    expect(find(alone, 'reachability')).toMatchObject({ verdict: 'problem' })
    expect(find(alone, 'reachability')?.todo).toMatch(/--relay/)
    expect(find(alone, 'relays')).toMatchObject({ verdict: 'problem' })
    expect(find(alone, 'nat')?.says).toMatch(/cannot be told/)
    const two = status({ reachability: { state: 'behind-nat', relays: ['R1', 'R2'] } })
    expect(find(two, 'reachability')).toMatchObject({ verdict: 'ok' })
    expect(find(two, 'relays')).toMatchObject({ verdict: 'ok' })
    expect(find(status({ reachability: { state: 'behind-nat', relays: ['R1'] } }), 'relays')).toMatchObject({ verdict: 'note' })
  })

  it('public needs no relay; a LAN profile is a note', () => {
    expect(find(status({ reachability: { state: 'public', addresses: ['/ip4/11.0.0.1/udp/4001/quic-v1/p2p/12D3KooWA'] } }), 'relays')).toBeUndefined()
    expect(find(status({ reachability: { state: 'public' } }), 'reachability')).toMatchObject({ verdict: 'ok' })
    expect(find(status({ reachability: { network: 'lan' } }), 'reachability')).toMatchObject({ verdict: 'note' })
  })

  it('UDP: a QUIC connection proves it works; only TCP connections suggest it is blocked; no QUIC listener is a problem', () => {
    const conn = (remoteAddr: string): StatusResult['connections'][number] => ({ peerId: 'p', remoteAddr, direction: 'outbound', transport: 'x', openedAt: 0 })
    expect(find(status({ connections: [conn('/ip4/11.0.0.1/udp/4001/quic-v1')] }), 'udp')).toMatchObject({ verdict: 'ok' })
    expect(find(status({ connections: [conn('/ip4/11.0.0.1/tcp/4001')] }), 'udp')).toMatchObject({ verdict: 'problem' })
    expect(find(status({ connections: [] }), 'udp')).toMatchObject({ verdict: 'note' })
    expect(find(status({ listenAddrs: ['/ip4/0.0.0.0/tcp/1'] }), 'transport')).toMatchObject({ verdict: 'problem' })
  })

  it('an empty DHT without mDNS is a problem; the text names each topic and what to do', () => {
    const s = status({ dhtRoutingTableSize: 0, reachability: { state: 'behind-nat' } })
    expect(find(s, 'dht')).toMatchObject({ verdict: 'problem' })
    const text = formatDiagnosis(diagnose(s))
    expect(text).toMatch(/^PROBLEM reachability/m)
    expect(text).toMatch(/→ add a bootstrap peer/)
  })
})
