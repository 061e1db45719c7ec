// Two daemons with no bootstrap peers find each other over mDNS. Multicast does not
// work on this sandbox's loopback (no MULTICAST flag on lo, and mDNS would bind
// 0.0.0.0:5353 on the host), so each daemon runs in its own network namespace on a
// private veth LAN that the test creates and deletes.
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parley } from './helpers/cli.js'
import { makeHome, startTestDaemon, waitFor } from './helpers/daemons.js'
import type { TestDaemon } from './helpers/daemons.js'
import { createNetnsPair } from './helpers/netns.js'
import type { NetnsPair } from './helpers/netns.js'

describe('mDNS discovery on a LAN (two network namespaces)', () => {
  let net: NetnsPair
  const daemons: TestDaemon[] = []
  const homes = [makeHome(), makeHome()]

  beforeAll(async () => {
    net = createNetnsPair()
    for (const [i, ns] of [net.a, net.b].entries()) {
      daemons.push(await startTestDaemon({
        home: homes[i],
        netns: ns,
        defaults: false,
        args: ['--listen', '/ip4/0.0.0.0/udp/0/quic-v1', '--api-port', '0']
      }))
    }
  }, 60_000)

  afterAll(async () => {
    for (const d of daemons) await d.stop()
    net?.destroy()
    for (const h of homes) rmSync(h, { recursive: true, force: true })
  })

  it('each daemon connects to the other and adds it to its DHT routing table', async () => {
    const statusOf = async (home: string, ns: string): Promise<{ peerId: string, mdns: boolean, dhtRoutingTableSize: number, connections: Array<{ peerId: string, remoteAddr: string }> }> => {
      const r = await parley(['--home', home, 'status', '--json'], { netns: ns })
      if (r.code !== 0) throw new Error(r.stderr)
      return JSON.parse(r.stdout)
    }
    const a0 = await statusOf(homes[0] ?? '', net.a)
    const b0 = await statusOf(homes[1] ?? '', net.b)
    expect(a0.mdns).toBe(true)
    await waitFor(async () => {
      const a = await statusOf(homes[0] ?? '', net.a)
      const b = await statusOf(homes[1] ?? '', net.b)
      return a.connections.some(c => c.peerId === b0.peerId) && b.connections.some(c => c.peerId === a0.peerId) &&
        a.dhtRoutingTableSize > 0 && b.dhtRoutingTableSize > 0
    }, 'mDNS discovery and connection', 30_000, 500)
    const a = await statusOf(homes[0] ?? '', net.a)
    expect(a.connections.find(c => c.peerId === b0.peerId)?.remoteAddr).toContain(`/ip4/${net.addrB}/`)
  })
})
