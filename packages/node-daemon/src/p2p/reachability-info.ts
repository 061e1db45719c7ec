// What `status` says about reachability: the verdict (p2p/reachability.ts), the network
// profile, the addresses others can use and the relays holding a reservation for us.
import type { ReachabilityInfo } from '@parley/core/ipc/methods'
import { nodeProfile } from './node.js'
import type { ParleyLibp2p } from './node.js'
import { assessReachability, usableAddresses } from './reachability.js'

export function reachabilityOf (node: ParleyLibp2p): ReachabilityInfo {
  const announced = node.getMultiaddrs()
  const { profile, upnp, relayOnly } = nodeProfile(node)
  const relays = new Set<string>()
  for (const a of announced) {
    const parts = a.getComponents()
    const at = parts.findIndex(c => c.name === 'p2p-circuit')
    const relay = at > 0 ? parts[at - 1] : undefined
    if (relay?.name === 'p2p' && relay.value != null) relays.add(relay.value)
  }
  return {
    state: assessReachability({ addresses: node.services.addressBook.getAddressesWithMetadata() }),
    network: profile,
    addresses: usableAddresses(announced),
    relays: [...relays],
    upnp,
    relayOnly
  }
}
