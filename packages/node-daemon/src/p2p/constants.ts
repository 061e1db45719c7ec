// Limits of what other peers can make this node hold: connections and DHT records.
// Units are in the names; docs/security.md "Strangers" explains the choices.

/** Connections to one peer at once (QUIC, its TCP fallback, a simultaneous dial, a redial while the old one closes). */
export const MAX_CONNECTIONS_PER_PEER = 4
/**
 * Inbound connections from one IP address at once. Loopback counts like any address, so
 * a local testnet of more than this many nodes needs a higher value.
 */
export const MAX_INBOUND_CONNECTIONS_PER_IP = 64

/** kad-dht's datastore prefix (its default, which node.ts keeps). */
export const DHT_DATASTORE_PREFIX = '/dht'
/** Provider records held for others, over all peers; the oldest go first. */
export const DHT_MAX_PROVIDER_RECORDS = 4_096
/** Provider records one provider peer can make us hold; its oldest go first. */
export const DHT_MAX_PROVIDER_RECORDS_PER_PEER = 64
/** Key and value bytes of all provider records. */
export const DHT_MAX_PROVIDER_BYTES = 1024 * 1024
/** Value records (e.g. /pk/) held for others; the oldest go first. */
export const DHT_MAX_VALUE_RECORDS = 1_024
/** Key and value bytes of all value records. */
export const DHT_MAX_VALUE_RECORD_BYTES = 4 * 1024 * 1024
