// What an accepted payload does to local state. Runs inside the receive transaction,
// so the message, its receipt and the ratchet step commit together.
import type { DmPayload } from '@parley/core'
import type { ParleyDb } from '../storage/index.js'

export type DmEvent =
  | { name: 'dm.received', params: { peerId: string, id: string, body: string, replyTo: string | null, sentAt: number, receivedAt: number } }
  | { name: 'dm.delivered', params: { peerId: string, ids: string[] } }
  | { name: 'dm.read', params: { peerId: string, ids: string[] } }
  | { name: 'dm.typing', params: { peerId: string, active: boolean } }
  | { name: 'dm.deleted', params: { peerId: string, ids: string[] } }

export interface EffectContext {
  db: ParleyDb
  peerId: string
  blocked: boolean
  now: number
  /** Queue a payload back to the peer inside the same transaction. */
  reply: (payload: DmPayload) => void
  /** Call signalling is handed to the calls layer. */
  onCallSignal?: (peerId: string, signal: Uint8Array, exporterSecret: Uint8Array) => void
  exporterSecret: Uint8Array
  newId: () => string
  /**
   * Set when the sender is a stranger: text is held as a request within this quota (over all
   * strangers), the oldest requests dropped first. onDropped counts what the quota dropped.
   */
  requests?: { maxMessages: number, maxBytes: number, onDropped: (n: number) => void }
}

export function applyPayload (ctx: EffectContext, payload: DmPayload): DmEvent[] {
  const { db, peerId, now } = ctx
  const body = payload.body
  // Blocked peers: the ratchet still advances (so unblocking works), but nothing is stored or shown.
  if (ctx.blocked && body.kind !== 'call') return []
  switch (body.kind) {
    case 'text': {
      const inserted = db.messages.insert({
        peerId, id: payload.id, direction: 'in', body: body.body, replyTo: body.replyTo ?? null,
        sentAt: payload.sentAtMs, receivedAt: now, status: 'received', request: ctx.requests != null
      })
      if (!inserted) return []
      const events: DmEvent[] = []
      if (ctx.requests != null) {
        const dropped = db.messages.trimRequests(ctx.requests.maxMessages, ctx.requests.maxBytes)
        ctx.requests.onDropped(dropped.length)
        const byPeer = new Map<string, string[]>()
        for (const d of dropped) byPeer.set(d.peerId, [...(byPeer.get(d.peerId) ?? []), d.id])
        for (const [p, ids] of byPeer) events.push({ name: 'dm.deleted', params: { peerId: p, ids } })
        // Larger than the whole quota: gone at once, so nothing to announce or confirm.
        if (dropped.some(d => d.peerId === peerId && d.id === payload.id)) return events
      }
      ctx.reply({ id: ctx.newId(), sentAtMs: now, body: { kind: 'delivered', ids: [payload.id] } })
      events.push({ name: 'dm.received', params: { peerId, id: payload.id, body: body.body, replyTo: body.replyTo ?? null, sentAt: payload.sentAtMs, receivedAt: now } })
      return events
    }
    case 'delivered':
    case 'read': {
      const status = body.kind
      const ids = body.ids.filter(id => db.messages.get(peerId, id)?.direction === 'out')
      for (const id of ids) db.messages.setStatus(peerId, id, status)
      return ids.length > 0 ? [{ name: status === 'delivered' ? 'dm.delivered' : 'dm.read', params: { peerId, ids } }] : []
    }
    case 'typing':
      return [{ name: 'dm.typing', params: { peerId, active: body.active } }]
    case 'delete': {
      // A peer may delete only what it sent.
      const ids = body.ids.filter(id => db.messages.get(peerId, id)?.direction === 'in')
      if (ids.length > 0) db.messages.markDeleted(peerId, ids)
      return ids.length > 0 ? [{ name: 'dm.deleted', params: { peerId, ids } }] : []
    }
    case 'call':
      ctx.onCallSignal?.(peerId, body.signal, ctx.exporterSecret)
      return []
  }
}
