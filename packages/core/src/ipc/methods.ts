// Every IPC method, declared once: its params schema and its result type. The daemon
// validates params with these schemas; the CLI, the GUI and tests get typed calls from
// the same table. Add a method here first, then its handler in the daemon.
import { z } from 'zod'
import { parseCallStats } from './call-stats.js'
import type { CallStatsResult } from './call-stats.js'
import { CALL_ID_PATTERN, CALL_ID_RULE } from '../call/call-id.js'

const peerIdString = z.string().min(1).max(200).regex(/^[1-9A-HJ-NP-Za-km-z]+$|^b[a-z2-7]+$/, 'expected a base58btc or base32 peer ID')

/** Whether peers on the internet can dial this daemon (node-daemon p2p/reachability.ts). */
export const ReachabilityInfo = z.object({
  /** public: an address verified by peers dialling it back; behind-nat: peers see a router's address; unknown: not yet told. */
  state: z.enum(['public', 'behind-nat', 'unknown']),
  /** 'internet' when a configured address is public, else 'lan' (DHT mode, address filtering and UPnP follow from it). */
  network: z.enum(['internet', 'lan']),
  /** Addresses a peer elsewhere can use: verified public ones and relayed ones. */
  addresses: z.array(z.string()),
  /** Relays this daemon holds a reservation on (peer IDs). */
  relays: z.array(z.string()),
  /** Port mapping on the home router over UPnP is on. */
  upnp: z.boolean(),
  /** Privacy mode: contacts reach us (and we them) only through relays; our IP stays hidden from them. */
  relayOnly: z.boolean()
})
export type ReachabilityInfo = z.infer<typeof ReachabilityInfo>

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
  /** Open libp2p streams per protocol, over all connections (a leak shows here). */
  streams: z.record(z.string(), z.object({ inbound: z.number(), outbound: z.number() })),
  dhtRoutingTableSize: z.number(),
  dhtMode: z.enum(['client', 'server']),
  reachability: ReachabilityInfo,
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

const Message = z.object({
  peerId: z.string(),
  id: z.string(),
  direction: z.enum(['in', 'out']),
  body: z.string(),
  replyTo: z.string().nullable(),
  sentAt: z.number(),
  receivedAt: z.number().nullable(),
  status: z.enum(['pending', 'sent', 'delivered', 'read', 'received', 'failed']),
  readAt: z.number().nullable(),
  deleted: z.boolean()
})
export type Message = z.infer<typeof Message>

const Contact = z.object({
  peerId: z.string(),
  nickname: z.string().nullable(),
  blocked: z.boolean(),
  verified: z.boolean(),
  addedByUser: z.boolean(),
  createdAt: z.number(),
  lastSeenAt: z.number().nullable(),
  online: z.boolean()
})
export type Contact = z.infer<typeof Contact>

const Conversation = z.object({
  peerId: z.string(),
  nickname: z.string().nullable(),
  lastBody: z.string().nullable(),
  lastAt: z.number().nullable(),
  unread: z.number(),
  /** A message request: a stranger's messages, held in a bounded quota until the user adds the peer (contacts.add). */
  request: z.boolean()
})
export type Conversation = z.infer<typeof Conversation>

export const RequestsResult = z.object({
  /** Strangers with messages waiting, newest first. */
  peers: z.array(z.object({
    peerId: z.string(), messages: z.number(), bytes: z.number(), firstAt: z.number(), lastAt: z.number(), lastBody: z.string()
  })),
  /** Held now, over all strangers. */
  messages: z.number(),
  bytes: z.number(),
  /** The quota: beyond it the oldest requests are dropped. */
  maxMessages: z.number(),
  maxBytes: z.number(),
  /** Requests dropped for the quota since the daemon started. */
  dropped: z.number()
})
export type RequestsResult = z.infer<typeof RequestsResult>

const CallEndReason = z.enum(['rejected', 'busy', 'no_answer', 'cancelled', 'hung_up', 'failed', 'connection_lost'])
export const CallInfo = z.object({
  callId: z.string(),
  peerId: z.string(),
  direction: z.enum(['in', 'out']),
  state: z.enum(['idle', 'outgoing', 'ringing', 'connecting', 'connected', 'reconnecting', 'ended']),
  video: z.boolean(),
  /** Ringing from someone who is not in the contacts. */
  unknownCaller: z.boolean(),
  startedAt: z.number(),
  connectedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  endReason: CallEndReason.nullable(),
  muted: z.boolean(),
  videoOn: z.boolean(),
  onHold: z.boolean(),
  remoteHold: z.boolean()
})
export type CallInfo = z.infer<typeof CallInfo>

/** `call.stats`: typed and checked by call-stats.ts, which clients use without zod. */
const CallStatsSchema = z.custom<CallStatsResult>(value => {
  try {
    parseCallStats(value)
    return true
  } catch {
    return false
  }
}, 'not a call.stats result')

const CallRecord = z.object({
  callId: z.string(), peerId: z.string(), direction: z.enum(['in', 'out']), video: z.boolean(), startedAt: z.number(),
  connectedAt: z.number().nullable(), endedAt: z.number().nullable(), durationMs: z.number().nullable(), endReason: z.string().nullable(),
  /** Offers this row stands for (a stranger's repeated calls collapse into one row). */
  attempts: z.number()
})
const Settings = z.object({ unknownCallers: z.enum(['ring', 'reject']), autoAnswer: z.boolean(), ringTimeoutMs: z.number(), configFile: z.string() })
export type Settings = z.infer<typeof Settings>
const callIdParam = z.object({ callId: z.string().regex(CALL_ID_PATTERN, CALL_ID_RULE).optional() }).strict()
/** `live` = frames a media client (the GUI, a benchmark) pushes over the /media WebSocket. */
const mediaSource = z.string().max(4096).regex(/^(tone(:\d{2,5})?|silence|wav:.+|pattern|y4m:.+|live)$/, 'expected tone[:Hz], silence, wav:<file>, pattern, y4m:<file> or live')

/** Largest text body in UTF-8 bytes (the wire limit is checked again when encoding). */
const MAX_TEXT_CHARS = 16 * 1024
const nickname = z.string().trim().min(1).max(64)

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
  /** Queue an encrypted text message; delivered when the peer is reachable. */
  'dm.send': {
    params: z.object({ peerId: peerIdString, body: z.string().min(1).max(MAX_TEXT_CHARS), replyTo: z.string().min(1).max(64).optional() }).strict(),
    result: z.object({ id: z.string(), sentAt: z.number() })
  },
  /** Message requests (strangers' messages held until accepted) and the quota's use. contacts.add accepts, contacts.block drops them. */
  'dm.requests': {
    params: z.object({}).strict().optional(),
    result: RequestsResult
  },
  /** Conversations with unread counts, newest first; message requests are marked `request`. */
  'dm.list': {
    params: z.object({}).strict().optional(),
    result: z.array(Conversation)
  },
  /** Messages of one conversation, oldest first; `limit` newest ones (default 50). */
  'dm.show': {
    params: z.object({ peerId: peerIdString, limit: z.number().int().min(1).max(10_000).optional(), beforeTs: z.number().optional() }).strict(),
    result: z.array(Message)
  },
  /** Mark incoming messages read and send read receipts. */
  'dm.markRead': {
    params: z.object({ peerId: peerIdString }).strict(),
    result: z.object({ ids: z.array(z.string()) })
  },
  /** Delete messages here; own messages are also deleted at the peer. */
  'dm.delete': {
    params: z.object({ peerId: peerIdString, ids: z.array(z.string().min(1).max(64)).min(1).max(256) }).strict(),
    result: z.object({ deleted: z.number() })
  },
  /** Typing indicator (only to a connected peer; never queued). */
  'dm.typing': {
    params: z.object({ peerId: peerIdString, active: z.boolean() }).strict(),
    result: z.object({ sent: z.boolean() })
  },
  /** DM counters: sent, received, duplicates, rejected by code, outbox size. */
  'dm.stats': {
    params: z.object({}).strict().optional(),
    result: z.object({
      envelopesSent: z.number(),
      envelopesReceived: z.number(),
      duplicates: z.number(),
      rejected: z.record(z.string(), z.number()),
      deliveryAttempts: z.number(),
      deliveryFailures: z.number(),
      outbox: z.number(),
      messages: z.number(),
      sessions: z.number()
    })
  },
  'contacts.add': {
    params: z.object({ peerId: peerIdString, nickname: nickname.optional() }).strict(),
    result: Contact
  },
  'contacts.list': {
    params: z.object({}).strict().optional(),
    result: z.array(Contact)
  },
  'contacts.block': {
    params: z.object({ peerId: peerIdString, blocked: z.boolean() }).strict(),
    result: Contact
  },
  /** Mark a contact verified after comparing safety numbers out of band. */
  'contacts.verify': {
    params: z.object({ peerId: peerIdString, verified: z.boolean() }).strict(),
    result: Contact
  },
  /** The safety number of this identity and the peer's, to compare out of band. */
  'contacts.safetyNumber': {
    params: z.object({ peerId: peerIdString }).strict(),
    result: z.object({ peerId: z.string(), display: z.string(), digits: z.string(), verified: z.boolean() })
  },
  /** Call a peer by peer ID (audio, optionally video). */
  'call.start': {
    params: z.object({
      peerId: peerIdString,
      video: z.boolean().optional(),
      audioSource: mediaSource.optional(),
      videoSource: mediaSource.optional(),
      /** Hang up after this many seconds of connected time. */
      durationS: z.number().positive().max(86_400).optional()
    }).strict(),
    result: CallInfo
  },
  'call.answer': { params: callIdParam.extend({ video: z.boolean().optional(), audioSource: mediaSource.optional(), videoSource: mediaSource.optional() }).strict(), result: CallInfo },
  'call.reject': { params: callIdParam, result: CallInfo },
  'call.hangup': { params: callIdParam, result: CallInfo },
  'call.mute': { params: z.object({ muted: z.boolean() }).strict(), result: CallInfo },
  'call.video': { params: z.object({ on: z.boolean() }).strict(), result: CallInfo },
  'call.hold': { params: z.object({ hold: z.boolean() }).strict(), result: CallInfo },
  /** Ask the peer to send video or not, and at most maxWidth × maxHeight (even, ≤ 4096). */
  'call.renegotiate': {
    params: z.object({
      video: z.boolean(),
      maxWidth: z.number().int().min(2).max(4096).multipleOf(2).optional(),
      maxHeight: z.number().int().min(2).max(4096).multipleOf(2).optional()
    }).strict().refine(p => (p.maxWidth == null) === (p.maxHeight == null), { message: 'maxWidth and maxHeight come together' }),
    result: CallInfo
  },
  /** The current call, if any. */
  'call.current': { params: z.object({}).strict().optional(), result: CallInfo.nullable() },
  /** Live statistics of the current call. */
  'call.stats': { params: z.object({}).strict().optional(), result: CallStatsSchema },
  /** Call history, newest first. */
  'call.history': { params: z.object({ limit: z.number().int().min(1).max(10_000).optional() }).strict().optional(), result: z.array(CallRecord) },
  /** A one-time code the GUI page trades for the API token at POST /gui-handoff (60 s, single use). */
  'gui.handoffCode': {
    params: z.object({}).strict().optional(),
    result: z.object({ code: z.string(), expiresAt: z.number(), url: z.string() })
  },
  /**
   * The same one-time code, written into a 0600 page in the (0700) data dir that sends the browser on to
   * the GUI with it; `url` is that file's file:// URL, which holds no secret (so it may go into a browser's
   * argv). The daemon deletes the page once the code is spent or expired.
   */
  'gui.handoffPage': {
    params: z.object({}).strict().optional(),
    result: z.object({ file: z.string(), url: z.string(), expiresAt: z.number() })
  },
  /** Settings the GUI can change; written to config.json (a flag or environment variable still wins at the next start). */
  'config.get': { params: z.object({}).strict().optional(), result: Settings },
  'config.set': { params: z.object({ unknownCallers: z.enum(['ring', 'reject']).optional() }).strict(), result: Settings },
  /** A one-time invite link (docs/protocol.md §6) with this daemon's peer ID and addresses; expires after expiresInMs (default 24 h). */
  'invite.create': {
    params: z.object({ expiresInMs: z.number().int().min(1_000).max(30 * 24 * 60 * 60_000).optional() }).strict().optional(),
    result: z.object({ link: z.string(), expiresAt: z.number(), addrs: z.array(z.string()) })
  },
  /** Reach the inviter at the link's addresses (no DHT), redeem the invite and add the contact. */
  'invite.accept': {
    params: z.object({ link: z.string().min(1).max(4096), nickname: z.string().trim().min(1).max(64).optional() }).strict(),
    result: z.object({ peerId: z.string(), remoteAddr: z.string() })
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
