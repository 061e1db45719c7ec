// Human-readable output of CLI commands.
import type { StatusResult } from '@parley/core/ipc'

export function formatDuration (ms: number): string {
  const s = Math.floor(ms / 1000)
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const sec = s % 60
  return h > 0 ? `${h}h ${m}m ${sec}s` : m > 0 ? `${m}m ${sec}s` : `${sec}s`
}

export function formatStatus (s: StatusResult): string {
  const lines = [
    `peer ID       ${s.peerId}`,
    `version       ${s.version} (pid ${s.pid})`,
    `uptime        ${formatDuration(s.uptimeMs)}`,
    `API / GUI     ${s.guiUrl} (port ${s.apiPort})`,
    `DHT           ${s.dhtMode} mode, ${s.dhtRoutingTableSize} peer${s.dhtRoutingTableSize === 1 ? '' : 's'} in routing table`,
    `mDNS          ${s.mdns ? 'on' : 'off'}`,
    `reachability  ${reachabilityLine(s.reachability)}`,
    'listening'
  ]
  for (const a of s.listenAddrs) lines.push(`  ${a}`)
  if (s.reachability.network === 'internet') {
    lines.push('others can use')
    for (const a of s.reachability.addresses) lines.push(`  ${a}`)
    if (s.reachability.addresses.length === 0) lines.push('  (none yet: no verified public address and no relay reservation)')
  }
  lines.push(`connections   ${s.connections.length}`)
  for (const c of s.connections) lines.push(`  ${c.peerId}  ${c.transport} ${c.direction}  ${c.remoteAddr}`)
  return lines.join('\n')
}

function reachabilityLine (r: StatusResult['reachability']): string {
  const net = r.network === 'lan' ? 'LAN or testnet (no public address configured)' : 'internet'
  const relays = r.relays.length > 0 ? `, relayed through ${r.relays.length} relay${r.relays.length === 1 ? '' : 's'}` : ''
  const state = r.state === 'public'
    ? 'public (peers dialled an address of ours back)'
    : r.state === 'behind-nat'
      ? `behind NAT${relays === '' ? ': no relay reservation, so peers elsewhere cannot reach us (add --relay)' : relays}`
      : `unknown${relays}`
  return `${state}; ${net}; UPnP ${r.upnp ? 'on' : 'off'}${r.relayOnly ? '; relay only: contacts never see your IP' : ''}`
}
