// Every IPC method, declared once: its params schema and its result type. The daemon
// validates params with these schemas; the CLI, the GUI and tests get typed calls from
// the same table. Add a method here first, then its handler in the daemon.
import { z } from 'zod'

const peerIdString = z.string().min(1).max(200).regex(/^[1-9A-HJ-NP-Za-km-z]+$|^b[a-z2-7]+$/, 'expected a base58btc or base32 peer ID')

export const StatusResult = z.object({
  peerId: z.string(),
  version: z.string(),
  pid: z.number(),
  listenAddrs: z.array(z.string()),
  apiPort: z.number(),
  guiUrl: z.string(),
  connections: z.array(z.object({
    peerId: z.string(),
    remoteAddr: z.string(),
    direction: z.enum(['inbound', 'outbound']),
    transport: z.string(),
    openedAt: z.number()
  })),
  dhtRoutingTableSize: z.number(),
  dhtMode: z.enum(['client', 'server']),
  mdns: z.boolean(),
  startedAt: z.number(),
  uptimeMs: z.number()
})
export type StatusResult = z.infer<typeof StatusResult>

export const DialResult = z.object({
  peerId: z.string(),
  remoteAddr: z.string(),
  /** Where the address came from: an open connection, the peer store, or a DHT lookup. */
  via: z.enum(['connected', 'peer-store', 'dht']),
  lookupMs: z.number(),
  dialMs: z.number()
})
export type DialResult = z.infer<typeof DialResult>

export const FindResult = z.object({
  peerId: z.string(),
  addrs: z.array(z.string()),
  lookupMs: z.number()
})
export type FindResult = z.infer<typeof FindResult>

export const methods = {
  /** Daemon identity, addresses, connections, DHT and uptime. */
  status: {
    params: z.object({}).strict().optional(),
    result: StatusResult
  },
  /** Resolve a peer ID (peer store → DHT) and dial it. */
  'peer.dial': {
    params: z.object({
      peerId: peerIdString,
      timeoutMs: z.number().int().min(100).max(300_000).optional(),
      /** Skip the peer store and open connections: always ask the DHT. Default false. */
      forceLookup: z.boolean().optional()
    }).strict(),
    result: DialResult
  },
  /** Look a peer ID up in the DHT without dialing it. */
  'peer.find': {
    params: z.object({
      peerId: peerIdString,
      timeoutMs: z.number().int().min(100).max(300_000).optional()
    }).strict(),
    result: FindResult
  },
  /** Close every connection to a peer. */
  'peer.hangup': {
    params: z.object({ peerId: peerIdString }).strict(),
    result: z.object({ closed: z.boolean() })
  },
  /** Graceful shutdown: answer first, then close connections and storage. */
  'daemon.stop': {
    params: z.object({}).strict().optional(),
    result: z.object({ stopping: z.literal(true) })
  }
} as const

export type Methods = typeof methods
export type MethodName = keyof Methods
export type ParamsOf<M extends MethodName> = z.input<Methods[M]['params']>
export type ResultOf<M extends MethodName> = z.infer<Methods[M]['result']>

export function isMethodName (name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name)
}
