// Is this daemon dialable from the internet? libp2p's AutoNAT service asks peers to dial our
// addresses back and marks the ones that answer as verified; UPnP adds the router's mapped
// address for AutoNAT to check. This file reads that state and says it in three words
// (docs/operations.md "Reachability"):
// - public: an address of ours with a public IP was verified (AutoNAT, or UPnP's mapping
//   confirmed by it). Peers can dial us directly.
// - behind-nat: nothing verified, and peers see us at a public IP that is not one of our
//   own (identify's observed address): a router translates our addresses. Peers reach us
//   through our relays (`/p2p-circuit` addresses).
// - unknown: neither (no peer outside our network yet, or a public address that no peer
//   has dialled back yet).
import type { Multiaddr } from '@multiformats/multiaddr'
import type { ReachabilityInfo } from '@parley/core/ipc/methods'
import { isRelayed } from './address-sorter.js'
import { isPublicAddr } from './network-profile.js'

/** One address the address manager holds, with whether peers dialled it back and where it came from. */
export interface NodeAddress { multiaddr: Multiaddr, verified: boolean, type: string }

/** The part of libp2p's address manager this reads (an internal component, given to services). */
export interface AddressBook {
  getAddressesWithMetadata: () => NodeAddress[]
}

/** A libp2p service that only hands out the address manager, so nothing reaches into libp2p's internals. */
export function addressBookService () {
  return (components: { addressManager: AddressBook }): AddressBook => ({
    getAddressesWithMetadata: () => components.addressManager.getAddressesWithMetadata()
  })
}

export interface ReachabilityInput {
  /** The address manager's addresses, verified or not. */
  addresses: NodeAddress[]
}

export function assessReachability (input: ReachabilityInput): ReachabilityInfo['state'] {
  const hostOf = (ma: Multiaddr): string => ma.getComponents()[0]?.value ?? ''
  const publicDirect = input.addresses.filter(a => !isRelayed(a.multiaddr) && isPublicAddr(a.multiaddr.toString()))
  // an announced address is the operator's word, not a dial-back: it does not count as verified here
  if (publicDirect.some(a => a.verified && a.type !== 'announce')) return 'public'
  const ownHosts = new Set(input.addresses.filter(a => a.type === 'transport').map(a => hostOf(a.multiaddr)))
  if (publicDirect.some(a => a.type === 'observed' && !ownHosts.has(hostOf(a.multiaddr)))) return 'behind-nat'
  return 'unknown'
}

/** Addresses a peer elsewhere can use: the announced ones that are public or relayed. */
export function usableAddresses (announced: Multiaddr[]): string[] {
  return announced.filter(a => isRelayed(a) || isPublicAddr(a.toString())).map(a => a.toString())
}
