// The order in which libp2p tries a peer's addresses. libp2p's default puts TCP before
// every other transport ("reliable transports first"), so a peer found through the DHT
// that listens on both was reached over TCP, and calls then ran over TCP + yamux with
// every head-of-line countermeasure of the media path bypassed (docs/protocol.md §4).
// Parley keeps libp2p's other rules (loopback last, public first, relays last, certified
// first) and then prefers QUIC; TCP is the fallback when no QUIC address answers.
import type { Address } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'
import { circuitRelayAddressesLast, loopbackAddressLast, publicAddressesFirst } from '@libp2p/utils'

/** True for an address through a circuit relay. */
export function isRelayed (addr: Multiaddr): boolean {
  return addr.getComponents().some(c => c.name === 'p2p-circuit')
}

/** True for a direct QUIC (v1) address, the transport the media path is built for (a relayed one is not). */
export function isQuic (addr: Multiaddr): boolean {
  return !isRelayed(addr) && addr.getComponents().some(c => c.name === 'quic-v1')
}

function quicFirst (a: Multiaddr, b: Multiaddr): -1 | 0 | 1 {
  return Math.sign(Number(isQuic(b)) - Number(isQuic(a))) as -1 | 0 | 1
}

function certifiedFirst (a: Address, b: Address): -1 | 0 | 1 {
  return Math.sign(Number(b.isCertified) - Number(a.isCertified)) as -1 | 0 | 1
}

/** Compare function for libp2p's `connectionManager.addressSorter`. */
export function quicFirstAddressSorter (a: Address, b: Address): -1 | 0 | 1 {
  return loopbackAddressLast(a.multiaddr, b.multiaddr) ||
    publicAddressesFirst(a.multiaddr, b.multiaddr) ||
    circuitRelayAddressesLast(a.multiaddr, b.multiaddr) ||
    certifiedFirst(a, b) ||
    quicFirst(a.multiaddr, b.multiaddr)
}
