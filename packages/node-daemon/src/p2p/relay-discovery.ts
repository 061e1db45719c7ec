// Relays found through the DHT (docs/operations.md "Relays"): a bare /p2p-circuit listen
// address makes libp2p's relay transport look for a relay (peers that speak the relay
// protocol: met directly, or on a random walk of the DHT) and hold a reservation on it.
// Listening on it at start-up does not work: the random walk starts before any bootstrap
// peer is connected, and with an empty routing table each of its DHT queries ends at once,
// so it spins and starves the daemon (its API never came up in the NAT lab). The addresses
// are therefore added once the routing table has a peer, through a service that holds
// libp2p's transport manager (libp2p has no public call to listen on more addresses).
import { multiaddr } from '@multiformats/multiaddr'
import type { Multiaddr } from '@multiformats/multiaddr'

export interface CircuitListener {
  listen: (count: number) => Promise<void>
}

export function circuitListenerService () {
  return (components: { transportManager: { listen: (addrs: Multiaddr[]) => Promise<void> } }): CircuitListener => ({
    listen: async (count) => {
      await components.transportManager.listen(Array.from({ length: count }, () => multiaddr('/p2p-circuit')))
    }
  })
}

/** How often to look whether the DHT has a peer yet. */
export const RELAY_DISCOVERY_POLL_MS = 1_000

/**
 * Once `ready()` holds, listen on `count` bare /p2p-circuit addresses. Returns a function
 * that stops waiting (the node stopping first).
 */
export function discoverRelaysWhenReady (listener: CircuitListener, count: number, ready: () => boolean, onError: (err: Error) => void): () => void {
  if (count <= 0) return () => {}
  const timer = setInterval(() => {
    if (!ready()) return
    clearInterval(timer)
    listener.listen(count).catch(onError)
  }, RELAY_DISCOVERY_POLL_MS)
  timer.unref()
  return () => { clearInterval(timer) }
}
