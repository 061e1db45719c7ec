// Handlers for the IPC methods declared in @parley/core/ipc/methods.
import { PARLEY_VERSION } from '../constants.js'
import type { Daemon } from '../daemon.js'
import { dialPeer, findPeer, parsePeerId } from '../p2p/dial.js'
import { routingTableSize } from '../p2p/node.js'
import type { Handlers } from './dispatch.js'

export function createRpcHandlers (daemon: Daemon): Handlers {
  return {
    status: async () => {
      const { node } = daemon
      return {
        peerId: daemon.peerId,
        version: PARLEY_VERSION,
        pid: process.pid,
        listenAddrs: node.getMultiaddrs().map(String),
        apiPort: daemon.ipc.port,
        guiUrl: daemon.guiUrl,
        connections: node.getConnections().map(c => ({
          peerId: c.remotePeer.toString(),
          remoteAddr: c.remoteAddr.toString(),
          direction: c.direction,
          transport: transportOf(c.remoteAddr.toString()),
          openedAt: c.timeline.open
        })),
        dhtRoutingTableSize: routingTableSize(node),
        dhtMode: node.services.dht.getMode(),
        mdns: daemon.config.mdns,
        startedAt: daemon.startedAt,
        uptimeMs: Date.now() - daemon.startedAt
      }
    },
    'peer.dial': async (p) => await dialPeer(daemon.node, p.peerId, {
      timeoutMs: p.timeoutMs ?? daemon.config.dialTimeoutMs,
      forceLookup: p.forceLookup ?? false
    }),
    'peer.find': async (p) => await findPeer(daemon.node, p.peerId, { timeoutMs: p.timeoutMs ?? daemon.config.dialTimeoutMs }),
    'peer.hangup': async (p) => {
      const peerId = parsePeerId(p.peerId)
      const had = daemon.node.getConnections(peerId).length > 0
      await daemon.node.hangUp(peerId)
      return { closed: had }
    },
    'daemon.stop': async () => {
      // Answer first; stop once the response is on its way.
      setTimeout(() => { void daemon.stop('ipc daemon.stop') }, 20)
      return { stopping: true as const }
    }
  }
}

export function transportOf (addr: string): string {
  if (addr.includes('/quic-v1')) return 'quic'
  if (addr.includes('/tcp/')) return 'tcp'
  return 'other'
}
