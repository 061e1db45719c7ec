// Events the daemon pushes to WebSocket clients as JSON-RPC notifications.
import { z } from 'zod'
import { CallInfo } from './methods.js'

export const notifications = {
  'peer.connected': z.object({ peerId: z.string(), remoteAddr: z.string() }),
  'peer.disconnected': z.object({ peerId: z.string() }),
  'dm.received': z.object({ peerId: z.string(), id: z.string(), body: z.string(), replyTo: z.string().nullable(), sentAt: z.number(), receivedAt: z.number() }),
  /** The peer's daemon acknowledged (stored) these messages. */
  'dm.sent': z.object({ peerId: z.string(), ids: z.array(z.string()) }),
  /** Delivery receipts: the peer's user can see them. */
  'dm.delivered': z.object({ peerId: z.string(), ids: z.array(z.string()) }),
  'dm.read': z.object({ peerId: z.string(), ids: z.array(z.string()) }),
  'dm.typing': z.object({ peerId: z.string(), active: z.boolean() }),
  'dm.deleted': z.object({ peerId: z.string(), ids: z.array(z.string()) }),
  'dm.failed': z.object({ peerId: z.string(), id: z.string(), reason: z.string() }),
  /** Someone is calling (appears wherever the user is). */
  'call.incoming': CallInfo,
  /** Any change of the current call (state, mute, hold, video, ended). */
  'call.state': CallInfo,
  /**
   * A message claimed an identity key other than the sender's peer ID. A peer's identity
   * key is its peer ID, so a changed key always shows up here (or as a new contact).
   */
  'dm.identityMismatch': z.object({ peerId: z.string() }),
  /** An envelope from this peer was rejected (tampered, replayed, malformed…). */
  'dm.rejected': z.object({ peerId: z.string(), code: z.string() })
} as const

export type Notifications = typeof notifications
export type NotificationName = keyof Notifications
export type NotificationParams<N extends NotificationName> = z.infer<Notifications[N]>
