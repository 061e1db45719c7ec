// The libp2p node: QUIC first, TCP+Noise+Yamux fallback, identify, ping, Parley's own
// Kademlia DHT, mDNS and bootstrap. Settings are chosen for hour-long calls on real
// networks and for local testnets (docs/operations.md "Network settings and why").
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { bootstrap } from '@libp2p/bootstrap'
import { identify, identifyPush } from '@libp2p/identify'
import { kadDHT, passthroughMapper, removePrivateAddressesMapper } from '@libp2p/kad-dht'
import type { KadDHT } from '@libp2p/kad-dht'
import { mdns } from '@libp2p/mdns'
import { ping } from '@libp2p/ping'
import type { Ping } from '@libp2p/ping'
import { tcp } from '@libp2p/tcp'
import { uPnPNAT } from '@libp2p/upnp-nat'
import type { Identify } from '@libp2p/identify'
import type { Connection, Libp2p, PeerDiscovery, PeerInfo, PrivateKey, ComponentLogger } from '@libp2p/interface'
import { createLibp2p } from 'libp2p'
import { multiaddr } from '@multiformats/multiaddr'
import type { Multiaddr } from '@multiformats/multiaddr'
import {
  ADDRESS_DIAL_TIMEOUT_MS, DHT_PROTOCOL, LAN_DIAL_TIMEOUT_MS, INBOUND_CONNECTION_THRESHOLD_PER_S, MAX_CONNECTIONS,
  MDNS_INTERVAL_MS, MDNS_SERVICE_TAG, MONITOR_PING_INTERVAL_MS, QUIC_HANDSHAKE_TIMEOUT_MS,
  QUIC_KEEPALIVE_MS, QUIC_MAX_IDLE_TIMEOUT_MS
} from '../constants.js'
import { BoundedDatastore, DHT_QUOTAS } from './bounded-datastore.js'
import type { DatastoreQuota } from './bounded-datastore.js'
import { createConnectionGater, targetOf } from './connection-gater.js'
import { isRelayed, quicFirstAddressSorter } from './address-sorter.js'
import { abortableQuic } from './quic-abortable.js'
import { MIN_RELAYS, relayServer, relayTransport } from './relay.js'
import { networkProfile } from './network-profile.js'
import type { NetworkProfile } from './network-profile.js'
import { addressBookService } from './reachability.js'
import { autoNATWithFreshDials } from './autonat-fresh-dials.js'
import { circuitListenerService, discoverRelaysWhenReady, listenOnRelays } from './relay-discovery.js'
import type { CircuitListener } from './relay-discovery.js'
import type { AddressBook } from './reachability.js'

export type ParleyServices = {
  identify: Identify
  ping: Ping
  dht: KadDHT
  autoNAT: unknown
  identifyPush: unknown
  addressBook: AddressBook
  circuitListener: CircuitListener
}

export type ParleyLibp2p = Libp2p<ParleyServices>

export interface NodeOptions {
  privateKey: PrivateKey
  /** Listen multiaddrs. */
  listen: string[]
  /** Bootstrap multiaddrs (with /p2p/). Default none. */
  bootstrap?: string[]
  /** mDNS discovery. Default true. */
  mdns?: boolean
  /** Route libp2p's own debug logs somewhere; default libp2p's (silent unless DEBUG is set). */
  logger?: ComponentLogger
  /** Start immediately. Default true. */
  start?: boolean
  /** Peers the user blocked: the connection gater refuses them. Default: nobody. */
  isBlocked?: (peerId: string) => boolean
  /** Caps on DHT records held for others. Default DHT_QUOTAS (p2p/constants.ts). */
  dhtQuotas?: readonly DatastoreQuota[]
  /** Relay circuits for other peers (p2p/relay.ts). Default false. */
  relayServer?: boolean
  /** Relays (multiaddrs with /p2p/) to hold a reservation on, so peers can reach this one through them. Default none. */
  relays?: string[]
  /** Public addresses to announce besides the listen ones (a relay or a port-forwarded host). Default none. */
  announce?: string[]
  /** Map ports on the home router over UPnP ('internet' profile only). Default true. */
  upnp?: boolean
  /**
   * Privacy: never reveal our IP to peers other than our relays and bootstrap peers. No
   * direct listeners, no mDNS, only relayed addresses announced, direct dials and inbound
   * direct connections refused for everyone else. Needs `relays`. Default false.
   */
  relayOnly?: boolean
  /** Called when a reservation on a relay (configured, or one to be found through the DHT) fails; logged by the daemon. Default: ignored. */
  onRelayError?: (relay: string, err: Error) => void
}

const datastores = new WeakMap<ParleyLibp2p, BoundedDatastore>()
interface NodeProfile { profile: NetworkProfile, upnp: boolean, relayOnly: boolean }
const profiles = new WeakMap<ParleyLibp2p, NodeProfile>()

/** The network profile the node was built for (p2p/network-profile.ts), whether UPnP runs, relay-only mode. */
export function nodeProfile (node: ParleyLibp2p): NodeProfile {
  return profiles.get(node) ?? { profile: 'lan', upnp: false, relayOnly: false }
}

function peerIdsOf (addrs: string[]): Set<string> {
  return new Set(addrs.map(a => targetOf(multiaddr(a))).filter((x): x is string => x != null))
}

/** The node's datastore, to see what its DHT quotas hold. */
export function dhtDatastore (node: ParleyLibp2p): BoundedDatastore | undefined {
  return datastores.get(node)
}

export async function createParleyNode (opts: NodeOptions): Promise<ParleyLibp2p> {
  const peerDiscovery: Array<(components: any) => PeerDiscovery> = []
  if ((opts.bootstrap ?? []).length > 0) {
    peerDiscovery.push(bootstrap({ list: opts.bootstrap ?? [], timeout: 0 }))
  }
  // libp2p 3 no longer dials discovered peers by itself. A peer announced on the LAN is
  // dialed at once, so it lands in the DHT routing table and `status` shows it.
  let onLanPeer: (info: PeerInfo) => void = () => {}
  const relayOnly = opts.relayOnly === true
  if ((opts.mdns ?? true) && !relayOnly) {
    const factory = mdns({ serviceTag: MDNS_SERVICE_TAG, interval: MDNS_INTERVAL_MS })
    peerDiscovery.push((components) => {
      const discovery = factory(components)
      discovery.addEventListener('peer', (evt) => { onLanPeer(evt.detail) })
      return discovery
    })
  }
  let connections: () => Connection[] = () => []
  // DHT records other peers store here are capped (p2p/constants.ts; docs/security.md).
  const datastore = new BoundedDatastore(opts.dhtQuotas ?? DHT_QUOTAS)
  const profile = networkProfile(opts)
  // UPnP asks the router on the LAN for a port mapping; on a LAN or testnet profile there is
  // no internet side to be reached from, and tests must not send SSDP out of the machine.
  const upnp = profile === 'internet' && (opts.upnp ?? true)
  // reservations on relays found through the DHT (p2p/relay-discovery.ts), added once the DHT has a peer;
  // relay-only mode may talk directly to its configured relays only, and a relay serves itself
  const discoveredRelays = profile === 'internet' && !relayOnly && opts.relayServer !== true
    ? Math.max(0, MIN_RELAYS - (opts.relays ?? []).length)
    : 0
  const node = await createLibp2p<ParleyServices>({
    privateKey: opts.privateKey,
    datastore,
    connectionGater: createConnectionGater({
      connections: () => connections(),
      ...(opts.isBlocked != null ? { isBlocked: opts.isBlocked } : {}),
      ...(relayOnly ? { directPeers: peerIdsOf([...(opts.relays ?? []), ...(opts.bootstrap ?? [])]) } : {})
    }),
    start: opts.start ?? true,
    ...(opts.logger != null ? { logger: opts.logger } : {}),
    addresses: {
      // relays are listened on after the start (p2p/relay-discovery.ts)
      listen: relayOnly ? [] : opts.listen,
      ...(relayOnly ? { announceFilter: (addrs: Multiaddr[]) => addrs.filter(isRelayed) } : {}),
      // libp2p announces a public listen address only once AutoNAT verified it; an operator's
      // announced address is taken at its word (a relay puts only these into reservations)
      ...((opts.announce ?? []).length > 0 ? { appendAnnounce: opts.announce } : {})
    },
    transports: [
      abortableQuic({
        handshakeTimeout: QUIC_HANDSHAKE_TIMEOUT_MS,
        maxIdleTimeout: QUIC_MAX_IDLE_TIMEOUT_MS,
        keepAliveInterval: QUIC_KEEPALIVE_MS
      }),
      tcp(),
      relayTransport()
    ],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    peerDiscovery,
    connectionManager: {
      addressSorter: quicFirstAddressSorter,
      maxConnections: MAX_CONNECTIONS,
      addressDialTimeout: ADDRESS_DIAL_TIMEOUT_MS,
      inboundConnectionThreshold: INBOUND_CONNECTION_THRESHOLD_PER_S
    },
    connectionMonitor: {
      pingInterval: MONITOR_PING_INTERVAL_MS,
      abortConnectionOnPingFailure: false
    },
    services: {
      identify: identify(),
      // tells connected peers when our addresses change (a relay reservation made, a port
      // mapped): the closest DHT servers then hand out a NATed daemon's relayed addresses
      identifyPush: identifyPush(),
      ping: ping(),
      // peers dial our addresses back: tells a public daemon from one behind NAT (p2p/reachability.ts)
      autoNAT: autoNATWithFreshDials(),
      addressBook: addressBookService(),
      circuitListener: circuitListenerService(),
      ...(upnp ? { upnp: uPnPNAT() } : {}),
      ...(opts.relayServer === true ? { relay: relayServer() } : {}),
      dht: kadDHT({
        protocol: DHT_PROTOCOL,
        // On the internet the DHT switches to server mode by itself once an address of
        // ours is verified public, and stays a client behind NAT. On a LAN or loopback
        // testnet nothing is public, so every node serves and keeps every address
        // (the default mapper would drop them all and empty the routing tables).
        ...(profile === 'internet'
          ? { peerInfoMapper: removePrivateAddressesMapper }
          : { clientMode: false, peerInfoMapper: passthroughMapper }),
        // relay-only: nobody may connect to us directly, so we cannot serve the DHT
        ...(relayOnly ? { clientMode: true } : {}),
        allowQueryWithZeroPeers: true
      })
    }
  })
  connections = () => node.getConnections()
  datastores.set(node, datastore)
  profiles.set(node, { profile, upnp, relayOnly })
  const pendingLan = new Set<string>()
  onLanPeer = (info) => {
    const key = info.id.toString()
    if (pendingLan.has(key) || info.id.equals(node.peerId)) return
    // Both peers hear each other at once; the lower peer ID dials first so they do not
    // open two connections. The higher one dials only if that has not happened a round later.
    const delayMs = node.peerId.toString() < key ? 0 : MDNS_INTERVAL_MS * 2
    pendingLan.add(key)
    setTimeout(() => {
      pendingLan.delete(key)
      if (node.status !== 'started' || node.getConnections(info.id).length > 0) return
      node.dial(info.id, { signal: AbortSignal.timeout(LAN_DIAL_TIMEOUT_MS) }).catch(() => {
        // the next announcement retries
      })
    }, delayMs).unref()
  }
  let stopRetries = (): void => {}
  const reserve = (): void => { stopRetries = listenOnRelays(node.services.circuitListener, opts.relays ?? [], (relay, err) => { opts.onRelayError?.(relay, err) }) }
  if (node.status === 'started') reserve()
  else node.addEventListener('start', reserve, { once: true })
  const stopDiscovery = discoverRelaysWhenReady(node.services.circuitListener, discoveredRelays,
    () => node.status === 'started' && routingTableSize(node) > 0,
    (err) => { opts.onRelayError?.('(found through the DHT)', err) })
  node.addEventListener('stop', () => { stopRetries(); stopDiscovery() })
  return node
}

/** Number of peers in the DHT routing table. */
export function routingTableSize (node: ParleyLibp2p): number {
  const dht = node.services.dht as unknown as { routingTable?: { size: number } }
  return dht.routingTable?.size ?? 0
}
