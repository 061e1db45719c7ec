// Circuit relay v2 (libp2p's own, @libp2p/circuit-relay-v2): every daemon can dial and be
// reached through a relay; a daemon started with --relay-server also relays for others.
// libp2p's default limits (2 minutes and 128 KiB per circuit) are for hole-punching
// handshakes; a call needs hours and gigabytes, so a Parley relay grants these, and
// refuses to connect anyone to a peer that holds no reservation on it (relay v2's rule).
import { circuitRelayServer, circuitRelayTransport } from '@libp2p/circuit-relay-v2'

/** A call of two hours at a few Mbit/s fits; a longer one moves to a new circuit (a reconnect). */
export const RELAY_CIRCUIT_DURATION_MS = 2 * 60 * 60_000
/** 4 GiB per circuit and direction: two hours at about 4.5 Mbit/s. */
export const RELAY_CIRCUIT_DATA_BYTES = 4n * 1024n * 1024n * 1024n
/** Peers that may hold a reservation at once: a relay is a small public daemon, not a service for all. */
export const RELAY_MAX_RESERVATIONS = 128
/** How long a reservation lasts before the client must renew it (the client renews on its own). */
export const RELAY_RESERVATION_TTL_MS = 60 * 60_000
/** Circuits being set up at once through this relay. */
export const RELAY_MAX_INBOUND_HOP_STREAMS = 64

/**
 * Relays a daemon on the internet keeps a reservation on: the configured ones, topped up with
 * relays found through the DHT (libp2p's relay discovery: peers that speak the relay
 * protocol, met directly or on a random walk). Two, so a call can move when one goes away.
 */
export const MIN_RELAYS = 2

/**
 * Reservations made at once. libp2p's default of 1 left the second configured relay's
 * reservation waiting for good behind the first at start-up (seen in the NAT lab with two
 * relays: the daemon never finished starting); a daemon keeps at least two.
 */
export const RELAY_RESERVATION_CONCURRENCY = 4

export function relayTransport (): ReturnType<typeof circuitRelayTransport> {
  return circuitRelayTransport({ reservationConcurrency: RELAY_RESERVATION_CONCURRENCY })
}

export function relayServer (): ReturnType<typeof circuitRelayServer> {
  return circuitRelayServer({
    maxInboundHopStreams: RELAY_MAX_INBOUND_HOP_STREAMS,
    reservations: {
      maxReservations: RELAY_MAX_RESERVATIONS,
      reservationTtl: RELAY_RESERVATION_TTL_MS,
      applyDefaultLimit: true,
      defaultDurationLimit: RELAY_CIRCUIT_DURATION_MS,
      defaultDataLimit: RELAY_CIRCUIT_DATA_BYTES
    }
  })
}
