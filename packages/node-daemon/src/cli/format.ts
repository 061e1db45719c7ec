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
    'listening'
  ]
  for (const a of s.listenAddrs) lines.push(`  ${a}`)
  lines.push(`connections   ${s.connections.length}`)
  for (const c of s.connections) lines.push(`  ${c.peerId}  ${c.transport} ${c.direction}  ${c.remoteAddr}`)
  return lines.join('\n')
}
