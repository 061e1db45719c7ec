// Reservations on relays, made after the node started (docs/operations.md "Relays").
// Configured relays: libp2p makes a reservation on `<relay>/p2p-circuit` while it starts and
// fails the whole start when one relay does not answer (a relay down at boot kept the daemon
// from starting at all, with libp2p's "Some configured addresses failed to be listened on").
// So each is listened on after the start, and one that fails is tried again every
// RELAY_RETRY_MS, with a warning in the log.
// Relays found through the DHT: a bare /p2p-circuit listen
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
  listen: (addrs: string[]) => Promise<void>
}

export function circuitListenerService () {
  return (components: { transportManager: { listen: (addrs: Multiaddr[]) => Promise<void> } }): CircuitListener => ({
    listen: async (addrs) => {
      await components.transportManager.listen(addrs.map(a => multiaddr(a)))
    }
  })
}

/** How long before a configured relay that did not answer is tried again. */
export const RELAY_RETRY_MS = 30_000

/**
 * Listen on each configured relay's circuit address now, and again every RELAY_RETRY_MS
 * for those that failed. Returns a function that stops retrying.
 */
export function listenOnRelays (listener: CircuitListener, relays: string[], onError: (relay: string, err: Error) => void): () => void {
  const timers = new Set<NodeJS.Timeout>()
  let stopped = false
  const attempt = (relay: string): void => {
    listener.listen([`${relay}/p2p-circuit`]).catch((err: Error) => {
      onError(relay, err)
      if (stopped) return
      const t = setTimeout(() => { timers.delete(t); attempt(relay) }, RELAY_RETRY_MS)
      t.unref()
      timers.add(t)
    })
  }
  for (const relay of relays) attempt(relay)
  return () => { stopped = true; for (const t of timers) clearTimeout(t) }
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
    listener.listen(Array.from({ length: count }, () => '/p2p-circuit')).catch(onError)
  }, RELAY_DISCOVERY_POLL_MS)
  timer.unref()
  return () => { clearInterval(timer) }
}
