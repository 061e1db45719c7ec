// Open libp2p streams per protocol and direction, over every connection. `parley status
// --json` shows them so a leak (streams that outlive their call) is visible from outside,
// and the call tests check they return to their idle values after each call.
import type { Libp2p } from '@libp2p/interface'

export interface StreamCount { inbound: number, outbound: number }

export function streamCounts (node: Pick<Libp2p, 'getConnections'>): Record<string, StreamCount> {
  const out: Record<string, StreamCount> = {}
  for (const conn of node.getConnections()) {
    for (const s of conn.streams) {
      // a stream still negotiating has no protocol yet
      const key = s.protocol === '' || s.protocol == null ? '(negotiating)' : s.protocol
      const c = out[key] ??= { inbound: 0, outbound: 0 }
      c[s.direction]++
    }
  }
  return out
}
