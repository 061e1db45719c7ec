// Defaults and limits of the daemon process. Units are in the names.
import { homedir } from 'node:os'
import { join } from 'node:path'

export const PARLEY_VERSION = '0.1.0'

/** Data dir when neither --home nor PARLEY_HOME is given. */
export const DEFAULT_HOME = join(homedir(), '.parley')
/** Fixed default so the GUI URL is stable across restarts; 0 picks a free port. */
export const DEFAULT_API_PORT = 7373
/** Listen on every interface, OS-chosen ports: QUIC first, TCP as the fallback where UDP is blocked. */
export const DEFAULT_LISTEN = ['/ip4/0.0.0.0/udp/0/quic-v1', '/ip4/0.0.0.0/tcp/0'] as const

/** Whole `parley dial` budget (peer store → DHT → dial). */
export const DEFAULT_DIAL_TIMEOUT_MS = 15_000
/** One address attempt; a dead peer in a routing table must not stall a lookup. */
export const ADDRESS_DIAL_TIMEOUT_MS = 3_000
/**
 * Budget for opening a QUIC connection beside a TCP one when a call starts (p2p/dial.ts
 * preferQuic): where UDP is blocked the call must not wait a whole dial timeout before it rings.
 */
export const QUIC_UPGRADE_TIMEOUT_MS = 5_000
/**
 * The same when the peer is reached only through a relay: its direct addresses are mostly
 * private ones behind its NAT, which never answer, and every relayed call would wait out
 * the whole budget (5.3 s to connect in the NAT lab). A direct path that works (same LAN, a
 * public peer) answers a QUIC handshake well within this.
 */
export const QUIC_UPGRADE_RELAYED_TIMEOUT_MS = 1_000
/** QUIC handshake; the transport's own default (5 s) is what stalled lookups on dead peers. */
export const QUIC_HANDSHAKE_TIMEOUT_MS = 3_000
/** QUIC idle timeout; keep-alives every QUIC_KEEPALIVE_MS keep quiet calls open. */
export const QUIC_MAX_IDLE_TIMEOUT_MS = 15_000
export const QUIC_KEEPALIVE_MS = 4_000

/**
 * Connection monitor: ping every 10 s but never abort a connection on a failed ping —
 * a congested call connection answers pings late, and killing it ends the call. Dead
 * connections are found by QUIC's idle timeout instead.
 */
export const MONITOR_PING_INTERVAL_MS = 10_000
export const MAX_CONNECTIONS = 300
/** libp2p's default (5/s per IP) refuses a local testnet's bursts. */
export const INBOUND_CONNECTION_THRESHOLD_PER_S = 50

/** Parley's own Kademlia network, separate from the public IPFS DHT. */
export const DHT_PROTOCOL = '/parley/kad/1.0.0'
export const MDNS_SERVICE_TAG = 'parley.local'
export const MDNS_INTERVAL_MS = 5_000
/** Dial budget for a peer announced over mDNS. */
export const LAN_DIAL_TIMEOUT_MS = 5_000

/** How long `parley daemon start` waits for the background daemon to answer. */
export const DAEMON_START_TIMEOUT_MS = 30_000
/** How long `parley daemon stop` waits for the process to exit before SIGKILL is suggested. */
export const DAEMON_STOP_TIMEOUT_MS = 15_000
/** Grace period for libp2p/IPC shutdown before the process exits anyway. */
export const SHUTDOWN_GRACE_MS = 8_000

export const FILE_MODE_PRIVATE = 0o600
export const DIR_MODE_PRIVATE = 0o700

/**
 * The daemon's log is rotated when the next line would take it past this size (default 10 MiB):
 * daemon.log → daemon.log.1 → … → daemon.log.<LOG_KEPT_FILES>, the oldest deleted.
 */
export const LOG_MAX_FILE_BYTES = 10 * 1024 * 1024
/** Rotated log files kept besides daemon.log (default 3): at most 40 MiB of logs in all. */
export const LOG_KEPT_FILES = 3
