// Events the daemon pushes to WebSocket clients as JSON-RPC notifications.
import { z } from 'zod'

export const notifications = {
  'peer.connected': z.object({ peerId: z.string(), remoteAddr: z.string() }),
  'peer.disconnected': z.object({ peerId: z.string() })
} as const

export type Notifications = typeof notifications
export type NotificationName = keyof Notifications
export type NotificationParams<N extends NotificationName> = z.infer<Notifications[N]>
