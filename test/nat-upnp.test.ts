// UPnP in the network lab: two homes behind cone NATs whose routers run a UPnP gateway
// (miniupnpd, helpers/upnp-gateway.ts). The daemon in the first maps its QUIC port on the
// router (UPnP is on by default on the internet profile), peers dial the mapping back
// (AutoNAT) and it becomes public: a DHT server that peers reach directly at the router's
// address. The daemon in the second runs with --no-upnp and stays behind NAT.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestDaemon, teardown, waitFor } from './helpers/daemons.js'
import type { TestDaemon } from './helpers/daemons.js'
import { createNatLab } from './helpers/nat-lab.js'
import type { NatLab } from './helpers/nat-lab.js'
import { startUpnpGateway } from './helpers/upnp-gateway.js'
import type { UpnpGateway } from './helpers/upnp-gateway.js'

describe('UPnP port mapping behind a home router', () => {
  let lab: NatLab
  const publics: TestDaemon[] = []
  const addrs: string[] = []
  const gateways: UpnpGateway[] = []
  let mapped: TestDaemon, unmapped: TestDaemon

  beforeAll(async () => {
    lab = createNatLab({ homes: ['cone', 'cone'], publicHosts: 3 })
    for (const home of lab.homes) gateways.push(await startUpnpGateway(home))
    // two relays and a plain public node; all bootstrap from the first
    for (const [k, pub] of lab.publics.entries()) {
      const listen = `/ip4/${pub.addr}/udp/4001/quic-v1`
      const d = await startTestDaemon({
        netns: pub.ns, nsApi: true, defaults: false,
        args: ['--listen', listen, '--announce', listen, '--no-mdns', ...(k < 2 ? ['--relay-server'] : []), ...(k > 0 ? ['--bootstrap', addrs[0] ?? ''] : [])]
      })
      publics.push(d)
      addrs.push(`${listen}/p2p/${d.peerId}`)
    }
    const hostArgs = ['--listen', '/ip4/0.0.0.0/udp/0/quic-v1', '--no-mdns', '--bootstrap', addrs[0] ?? '', '--relay', addrs[0] ?? '', '--relay', addrs[1] ?? '']
    ;[mapped, unmapped] = await Promise.all([
      startTestDaemon({ netns: lab.homes[0]?.host, nsApi: true, defaults: false, args: hostArgs }),
      startTestDaemon({ netns: lab.homes[1]?.host, nsApi: true, defaults: false, args: [...hostArgs, '--no-upnp'] })
    ])
  }, 120_000)

  afterAll(async () => {
    await teardown([mapped, unmapped, ...publics])
    for (const g of gateways) g.stop()
    lab?.destroy()
  })

  it('with UPnP the daemon maps a port, peers dial it back, and it is public: a DHT server reached directly at the router\'s address', async () => {
    const plain = publics[2] as TestDaemon
    const wan = lab.homes[0]?.wanAddr ?? ''
    // AutoNAT asks a peer to check a new address when a connection to it opens: reconnect
    // to the plain public node until the mapped address has been dialled back
    const s = await waitFor(async () => {
      const st = await mapped.client.call('status')
      if (st.reachability.state === 'public') return st
      await mapped.client.call('peer.hangup', { peerId: plain.peerId }).catch(() => {})
      await mapped.client.call('peer.dial', { peerId: plain.peerId, timeoutMs: 5_000 }).catch(() => {})
      return undefined
    }, `the UPnP-mapped daemon to be verified public (gateway log:\n${gateways[0]?.logs().slice(-2000) ?? ''})`, 60_000, 2_000)
    const direct = s.reachability.addresses.filter(a => !a.includes('/p2p-circuit'))
    expect(direct.some(a => a.startsWith(`/ip4/${wan}/udp/`))).toBe(true)
    await waitFor(async () => (await mapped.client.call('status')).dhtMode === 'server' || undefined, 'the DHT to switch to server mode', 20_000, 250)

    // the plain public node looks it up afresh and connects directly, not through a relay
    await plain.client.call('peer.hangup', { peerId: mapped.peerId })
    const dial = await waitFor(async () => await plain.client.call('peer.dial', { peerId: mapped.peerId, forceLookup: true, timeoutMs: 10_000 }).catch(() => undefined), 'the public node to reach the mapped daemon', 30_000, 500)
    expect(dial.remoteAddr).toContain(`/ip4/${wan}/udp/`)
    expect(dial.remoteAddr).not.toContain('/p2p-circuit')
  }, 120_000)

  it('with --no-upnp the same kind of router leaves the daemon behind NAT, reachable through its relays', async () => {
    const s = await waitFor(async () => { const st = await unmapped.client.call('status'); return st.reachability.state === 'behind-nat' && st.reachability.relays.length === 2 ? st : undefined }, 'the --no-upnp daemon to be behind NAT with two relays', 30_000, 250)
    expect(s.reachability.upnp).toBe(false)
    expect(s.dhtMode).toBe('client')
    expect(s.reachability.addresses.every(a => a.includes('/p2p-circuit'))).toBe(true)
  }, 60_000)
})
