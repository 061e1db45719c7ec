// The libp2p connection gater: peers the user blocked are refused in both directions, and
// no peer or IP address can hold more than its share of connections (MAX_CONNECTIONS is
// global, so without this one host could take every slot). See docs/security.md.
import type { Connection, ConnectionGater, MultiaddrConnection, PeerId } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'
import { MAX_CONNECTIONS_PER_PEER, MAX_INBOUND_CONNECTIONS_PER_IP } from './constants.js'
import { isRelayed } from './address-sorter.js'

export interface GaterOptions {
  /** Whether the user blocked this peer (read at every connection, so a block applies at once). */
  isBlocked?: (peerId: string) => boolean
  /** The node's open connections (bound after the node exists). */
  connections: () => Connection[]
  /** Default MAX_CONNECTIONS_PER_PEER. */
  maxPerPeer?: number
  /** Default MAX_INBOUND_CONNECTIONS_PER_IP. */
  maxInboundPerIp?: number
  /**
   * Relay-only mode: the only peers this node may connect to directly (its relays and
   * bootstrap peers); everyone else only through a relay, so no contact learns our IP.
   * Default: no such rule.
   */
  directPeers?: ReadonlySet<string>
}

/** The peer a multiaddr ends in (/p2p/<id>), if any. */
export function targetOf (addr: Multiaddr): string | undefined {
  return addr.getComponents().filter(c => c.name === 'p2p').pop()?.value
}

/** The IP address of a multiaddr, if it has one (a relayed address yields the relay's). */
export function ipOf (addr: Multiaddr): string | undefined {
  return addr.getComponents().find(c => c.name === 'ip4' || c.name === 'ip6')?.value
}

export function createConnectionGater (opts: GaterOptions): ConnectionGater {
  const maxPerPeer = opts.maxPerPeer ?? MAX_CONNECTIONS_PER_PEER
  const maxPerIp = opts.maxInboundPerIp ?? MAX_INBOUND_CONNECTIONS_PER_IP
  const blocked = (peerId: PeerId): boolean => opts.isBlocked?.(peerId.toString()) === true
  const tooManyToPeer = (peerId: PeerId): boolean =>
    opts.connections().filter(c => c.remotePeer.equals(peerId) && c.status === 'open').length >= maxPerPeer
  const direct = opts.directPeers
  const notDirectPeer = (addr: Multiaddr, peerId?: PeerId): boolean =>
    direct != null && !isRelayed(addr) && !direct.has(peerId?.toString() ?? targetOf(addr) ?? '')
  return {
    denyDialPeer: (peerId) => blocked(peerId),
    denyDialMultiaddr: (addr) => notDirectPeer(addr),
    // Before any handshake work: the cheapest place to turn a flooding address away.
    denyInboundConnection: (maConn: MultiaddrConnection) => {
      const ip = ipOf(maConn.remoteAddr)
      if (ip == null) return false
      return opts.connections().filter(c => c.direction === 'inbound' && c.status === 'open' && ipOf(c.remoteAddr) === ip).length >= maxPerIp
    },
    denyInboundEncryptedConnection: (peerId, maConn) => blocked(peerId) || tooManyToPeer(peerId) || notDirectPeer(maConn.remoteAddr, peerId),
    denyOutboundEncryptedConnection: (peerId) => blocked(peerId)
  }
}
