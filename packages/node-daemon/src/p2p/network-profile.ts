// Which kind of network the daemon is on decides three settings that are right for one and
// wrong for the other (docs/operations.md "Internet or LAN"):
// - 'internet': some configured address (listen, announce, bootstrap, relay) is public. The
//   DHT picks its own mode (server only once an address of ours is confirmed publicly
//   dialable, so a NATed node never poses as a server it cannot be), strips private addresses
//   from what it stores and answers (a 192.168.x address of a stranger's LAN means nothing
//   here), and UPnP may map ports on the home router.
// - 'lan': every configured address is private or loopback (a LAN, a testnet). Every node is
//   a DHT server and keeps every address (there is no public one to prefer), no UPnP.
import { multiaddr } from '@multiformats/multiaddr'
import { isPrivate } from '@libp2p/utils'

export type NetworkProfile = 'internet' | 'lan'

export interface ProfileInput {
  listen: readonly string[]
  announce?: readonly string[]
  bootstrap?: readonly string[]
  relays?: readonly string[]
}

export function networkProfile (input: ProfileInput): NetworkProfile {
  const all = [...input.listen, ...(input.announce ?? []), ...(input.bootstrap ?? []), ...(input.relays ?? [])]
  return all.some(isPublicAddr) ? 'internet' : 'lan'
}

/** A multiaddr whose host is a public IP or a DNS name (0.0.0.0, loopback and private ranges are not). */
export function isPublicAddr (addr: string): boolean {
  let ma
  try { ma = multiaddr(addr) } catch { return false }
  const first = ma.getComponents()[0]
  if (first == null) return false
  if (first.name === 'dns' || first.name === 'dns4' || first.name === 'dns6' || first.name === 'dnsaddr') return first.value !== 'localhost'
  if (first.name !== 'ip4' && first.name !== 'ip6') return false
  if (first.value === '::') return false
  return !isPrivate(ma)
}
