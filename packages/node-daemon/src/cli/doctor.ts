// `parley doctor`: what stands between this daemon and a call from anywhere, in plain
// words, with what to do about each problem. Everything is read from `status`
// (docs/operations.md "parley doctor").
import type { Command } from 'commander'
import type { StatusResult } from '@parley/core/ipc'
import { connectToDaemon } from './context.js'

export type Verdict = 'ok' | 'note' | 'problem'

export interface Finding {
  topic: 'reachability' | 'nat' | 'relays' | 'dht' | 'transport' | 'udp' | 'upnp' | 'privacy'
  verdict: Verdict
  says: string
  /** What to do, for a note or a problem. */
  todo?: string
}

export function diagnose (s: StatusResult): Finding[] {
  const r = s.reachability
  const out: Finding[] = []
  const relays = r.relays.length
  if (r.network === 'lan') {
    out.push({ topic: 'reachability', verdict: 'note', says: 'LAN only: no public address, bootstrap peer or relay is configured, so only peers on this network can reach you', todo: 'to be reached from the internet, add a relay (--relay /…/p2p/<id>) and a bootstrap peer (--bootstrap), or share an invite link' })
  } else if (r.state === 'public') {
    out.push({ topic: 'reachability', verdict: 'ok', says: `public: peers dialled you back at ${r.addresses.filter(a => !a.includes('/p2p-circuit')).join(', ') || 'your address'}` })
  } else if (r.state === 'behind-nat') {
    out.push(relays > 0
      ? { topic: 'reachability', verdict: 'ok', says: `behind NAT; peers reach you through ${relays} relay${relays === 1 ? '' : 's'}` }
      : { topic: 'reachability', verdict: 'problem', says: 'behind NAT with no relay: people elsewhere cannot reach you', todo: 'add a relay: --relay /…/p2p/<id> (a relay server\'s address), or turn on port forwarding / UPnP on your router' })
  } else {
    out.push({ topic: 'reachability', verdict: 'note', says: `not known yet: no peer outside your network has dialled you back${relays > 0 ? `; you hold ${relays} relay reservation${relays === 1 ? '' : 's'} meanwhile` : ''}`, todo: 'leave the daemon running with peers connected for a minute and ask again' })
  }
  if (r.state === 'behind-nat') {
    out.push({ topic: 'nat', verdict: 'note', says: 'a router translates your addresses; whether it is cone-like or symmetric cannot be told from here (each QUIC dial leaves from a new port), and calls go through your relays either way' })
  }
  if (r.network === 'internet' && r.state !== 'public') {
    out.push(relays >= 2
      ? { topic: 'relays', verdict: 'ok', says: `reservations on ${relays} relays: a call survives one of them going away` }
      : { topic: 'relays', verdict: relays === 1 ? 'note' : 'problem', says: `reservations on ${relays} relay${relays === 1 ? '' : 's'}`, todo: 'configure at least two relays (--relay, repeatable), so a call can move when one goes away' })
  }
  if (s.dhtRoutingTableSize === 0) {
    out.push({ topic: 'dht', verdict: s.mdns ? 'note' : 'problem', says: `no peers in the DHT (${s.dhtMode} mode): nobody can be found by peer ID${s.mdns ? ' beyond what mDNS finds on this LAN' : ''}`, todo: 'add a bootstrap peer (--bootstrap /…/p2p/<id>), or connect with an invite link' })
  } else {
    out.push({ topic: 'dht', verdict: 'ok', says: `${s.dhtMode} mode, ${s.dhtRoutingTableSize} peer${s.dhtRoutingTableSize === 1 ? '' : 's'} in the routing table${s.dhtMode === 'client' ? ' (a client until an address of yours is verified public)' : ''}` })
  }
  const quicListen = s.listenAddrs.some(a => a.includes('/quic-v1') && !a.includes('/p2p-circuit'))
  if (!quicListen && !r.relayOnly) {
    out.push({ topic: 'transport', verdict: 'problem', says: 'not listening on QUIC: calls fall back to TCP, where one lost packet stalls audio and video together', todo: 'add --listen /ip4/0.0.0.0/udp/0/quic-v1' })
  }
  const direct = s.connections.filter(c => !c.remoteAddr.includes('/p2p-circuit'))
  const quicConns = direct.filter(c => c.remoteAddr.includes('/quic-v1')).length
  if (quicConns > 0) {
    out.push({ topic: 'udp', verdict: 'ok', says: `UDP works: ${quicConns} QUIC connection${quicConns === 1 ? '' : 's'} open` })
  } else if (direct.length > 0) {
    out.push({ topic: 'udp', verdict: 'problem', says: `UDP looks blocked: all ${direct.length} direct connection${direct.length === 1 ? ' is' : 's are'} TCP`, todo: 'allow outgoing UDP (QUIC) in your firewall; calls over TCP stall on every lost packet' })
  } else {
    out.push({ topic: 'udp', verdict: 'note', says: 'no direct connection open, so nothing tells whether UDP gets through' })
  }
  if (r.network === 'internet') out.push({ topic: 'upnp', verdict: 'note', says: r.upnp ? 'UPnP port mapping on: the router is asked to forward a port (most routers answer nothing)' : 'UPnP off (--no-upnp)' })
  if (r.relayOnly) out.push({ topic: 'privacy', verdict: 'ok', says: 'relay only: contacts reach you through your relays and never see your IP address (your relays do)' })
  return out
}

export function formatDiagnosis (findings: Finding[]): string {
  const mark: Record<Verdict, string> = { ok: 'ok     ', note: 'note   ', problem: 'PROBLEM' }
  return findings.map(f => `${mark[f.verdict]} ${f.topic.padEnd(12)} ${f.says}${f.todo != null ? `\n${' '.repeat(21)}→ ${f.todo}` : ''}`).join('\n')
}

export function registerDoctorCommand (program: Command, home: () => string, out: (s: string) => void, setExit: (code: number) => void): void {
  program.command('doctor')
    .description('reachability, NAT, relays, DHT, QUIC and UDP: what stands between you and a call, and what to do')
    .option('--json', 'machine-readable output')
    .action(async (o: { json?: boolean }) => {
      const { client } = connectToDaemon(home())
      const findings = diagnose(await client.call('status'))
      out(o.json === true ? JSON.stringify(findings, null, 2) : formatDiagnosis(findings))
      if (findings.some(f => f.verdict === 'problem')) setExit(1)
    })
}
