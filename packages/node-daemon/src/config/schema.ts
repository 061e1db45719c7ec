// The daemon's configuration: one schema for the config file, environment and flags.
import { multiaddr } from '@multiformats/multiaddr'
import { RECONNECT_TIMEOUT_MS, RING_TIMEOUT_MS } from '@parley/core/call/index'
import { z } from 'zod'
import { DEFAULT_API_PORT, DEFAULT_DIAL_TIMEOUT_MS, DEFAULT_LISTEN } from '../constants.js'

const multiaddrString = z.string().refine(s => {
  try { multiaddr(s); return true } catch { return false }
}, { message: 'not a valid multiaddr' })

const bootstrapAddr = multiaddrString.refine(s => s.includes('/p2p/'), { message: 'a bootstrap address must end in /p2p/<peerId>' })

export const ConfigSchema = z.object({
  /**
   * Multiaddrs to listen on. Default: QUIC and TCP on 0.0.0.0, OS-chosen ports. May be empty
   * when `relays` is not: the daemon is then reachable only through its relays.
   */
  listen: z.array(multiaddrString).default([...DEFAULT_LISTEN]),
  /** Peers to join the DHT through. Default: none (LAN via mDNS only). */
  bootstrap: z.array(bootstrapAddr).default([]),
  /** Relays to hold a reservation on, so peers reach this daemon through them (behind a NAT). Default none. */
  relays: z.array(bootstrapAddr).default([]),
  /**
   * Public addresses to announce besides the listen ones (a relay server, or a host behind a
   * port forward). libp2p announces a public listen address only after peers dialled it
   * back (AutoNAT); these are announced at once. Default none.
   */
  announce: z.array(multiaddrString).default([]),
  /**
   * Privacy: contacts never learn our IP. Only relayed connections to anyone but our relays
   * and bootstrap peers; no direct listening and no mDNS. Needs `relays`. Default false.
   */
  relayOnly: z.boolean().default(false),
  /** Ask the home router for a port mapping over UPnP (only when the network is the internet: docs/operations.md). Default true. */
  upnp: z.boolean().default(true),
  /** Relay circuits for other peers (a publicly reachable daemon; limits in p2p/relay.ts). Default false. */
  relayServer: z.boolean().default(false),
  /** IPC port on 127.0.0.1. Default 7373; 0 picks a free port and records it in the data dir. */
  apiPort: z.number().int().min(0).max(65535).default(DEFAULT_API_PORT),
  /** LAN discovery over multicast DNS. Default true. */
  mdns: z.boolean().default(true),
  /** Whole budget of `parley dial`. Default 15 000 ms. */
  dialTimeoutMs: z.number().int().min(100).max(300_000).default(DEFAULT_DIAL_TIMEOUT_MS),
  /** How long a call rings before it ends as "no answer". Default 60 000 ms. */
  ringTimeoutMs: z.number().int().min(1_000).max(600_000).default(RING_TIMEOUT_MS),
  /** How long a call whose connection dropped may take to come back. Default 30 000 ms. */
  reconnectTimeoutMs: z.number().int().min(1_000).max(300_000).default(RECONNECT_TIMEOUT_MS),
  /** Calls from peers not in your contacts: 'ring' (flagged unknown) or 'reject'. Default 'ring'. */
  unknownCallers: z.enum(['ring', 'reject']).default('ring'),
  /** Answer every call at once (headless use). Default false. */
  autoAnswer: z.boolean().default(false),
  /** Record the media each call receives (WAV, IVF) into this directory. Default: no recording. */
  recordDir: z.string().min(1).optional(),
  /**
   * Benchmark ablation: media on one stream per kind, no redundant audio copies (the
   * head-of-line countermeasures off). Default false. Not for real calls.
   */
  singleStreamMedia: z.boolean().default(false),
  /**
   * Limits for DMs from strangers (config file only); every field optional, defaults in
   * dm/constants.ts and docs/security.md "Strangers".
   */
  strangerDms: z.object({
    perPeerPerS: z.number().positive().max(100_000).optional(),
    perPeerBurst: z.number().int().min(1).max(1_000_000).optional(),
    allPerS: z.number().positive().max(100_000).optional(),
    allBurst: z.number().int().min(1).max(1_000_000).optional(),
    maxWaitMs: z.number().int().min(0).max(10_000).optional(),
    requestsMaxMessages: z.number().int().min(1).max(1_000_000).optional(),
    requestsMaxBytes: z.number().int().min(1).max(1024 * 1024 * 1024).optional()
  }).strict().default({}),
  /** Log level of the daemon log file. Default 'info'. */
  logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info')
}).strict().superRefine((c, ctx) => {
  if (c.relayOnly && c.relays.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['relayOnly'], message: 'relay-only mode needs at least one relay to be reached through (--relay /…/p2p/<id>)' })
  }
  if (c.listen.length === 0 && c.relays.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['listen'], message: 'give at least one listen address, or a relay to be reached through' })
  }
})

export type Config = z.infer<typeof ConfigSchema>
export type ConfigInput = z.input<typeof ConfigSchema>
export type ConfigKey = keyof Config
