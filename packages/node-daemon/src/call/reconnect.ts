// Getting a lost call back, or ending it (docs/protocol.md §4 "Liveness and reconnect").
// While the call's connection is still open the call waits for the peer's media to resume
// on it: QUIC rides out a short network cut. Once the connection is gone it redials (a
// fresh DHT lookup every other attempt, in case the peer's addresses changed) and restarts
// the media streams on the new one; the call is back when the peer's media arrives after
// that. A probe of the peer's listen addresses that is refused means its daemon is gone:
// the call ends at once instead of waiting out the budget.
import type { Multiaddr } from '@multiformats/multiaddr'
import type { Logger } from '../logger.js'
import type { MediaSession } from '../media-transport/media-session.js'
import { dialPeer, parsePeerId } from '../p2p/dial.js'
import type { ParleyLibp2p } from '../p2p/node.js'
import { PEER_PROBE_TIMEOUT_MS, RECONNECT_DIAL_MAX_MS, RECONNECT_DIAL_MIN_MS, RECONNECT_RETRY_MS } from './constants.js'
import { probeAddress } from './peer-probe.js'

export interface ReconnectContext {
  node: ParleyLibp2p
  log: Logger
  peerId: string
  timeoutMs: number
  /** The call is still the same one and still reconnecting. */
  still: () => boolean
  media: () => MediaSession | undefined
  /** The peer's listen addresses as last reached (probed for a refusal). */
  peerAddrs: () => Multiaddr[]
  /** Called after a redial, to remember where the peer is now. */
  redialed: () => Promise<void>
}

/** 'back' when the peer's media resumed, 'gone' when its daemon refuses, 'timeout' when the budget ran out, 'over' when the call changed. */
export async function reconnect (ctx: ReconnectContext, connectionClosed: boolean): Promise<'back' | 'gone' | 'timeout' | 'over'> {
  const lostAt = Date.now()
  const deadline = lostAt + ctx.timeoutMs
  const peer = parsePeerId(ctx.peerId)
  let restart = connectionClosed
  let restartedAt: number | null = null
  for (let attempt = 0; Date.now() < deadline && ctx.still(); attempt++) {
    const media = ctx.media()
    if (media == null) return 'over'
    // back once the peer's media arrived after we lost it (and after our restart, if one was needed)
    const since = restart ? restartedAt : lostAt
    if (since != null && media.silentForMs() < Date.now() - since) return 'back'
    const addrs = ctx.peerAddrs()
    if (addrs.length > 0 && (await Promise.all(addrs.map(async a => await probeAddress(a, PEER_PROBE_TIMEOUT_MS)))).every(r => r === 'refused')) {
      ctx.log.info('peer daemon gone: its addresses refuse', { peerId: ctx.peerId, addrs: addrs.map(String) })
      return 'gone'
    }
    if (!ctx.still()) return 'over'
    const open = ctx.node.getConnections(peer).some(c => c.status === 'open')
    if (!open) {
      // a connection restarted on earlier in this loop is gone again: restart once more
      restart = true
      restartedAt = null
    }
    if (restart && restartedAt == null) {
      try {
        if (!open) await dialPeer(ctx.node, ctx.peerId, { timeoutMs: Math.max(RECONNECT_DIAL_MIN_MS, Math.min(RECONNECT_DIAL_MAX_MS, deadline - Date.now())), forceLookup: attempt % 2 === 1 })
        if (!ctx.still()) return 'over'
        await ctx.redialed()
        await media.restartTransport()
        restartedAt = Date.now()
      } catch (err) {
        ctx.log.debug('reconnect attempt failed', { attempt, error: (err as Error).message })
      }
    }
    await new Promise(resolve => setTimeout(resolve, RECONNECT_RETRY_MS))
  }
  return ctx.still() ? 'timeout' : 'over'
}

/**
 * The peer's listen addresses on the host the call runs to. An outbound connection's remote
 * address is one; an inbound one comes from the peer's dial socket, which closes with the
 * connection (a probe would read as refused), so the peer's own listen addresses on that
 * host are taken from the peer store instead. Null when there is no open connection.
 */
export async function peerListenAddrs (node: ParleyLibp2p, peerId: string): Promise<Multiaddr[] | null> {
  const peer = parsePeerId(peerId)
  const conn = node.getConnections(peer).find(c => c.status === 'open')
  if (conn == null) return null
  if (conn.direction === 'outbound') return [conn.remoteAddr]
  const host = hostOf(conn.remoteAddr)
  try {
    const known = (await node.peerStore.get(peer)).addresses.map(a => a.multiaddr)
    return host == null ? [] : known.filter(a => hostOf(a) === host)
  } catch {
    return []
  }
}

function hostOf (addr: Multiaddr): string | undefined {
  return addr.getComponents().find(c => c.name === 'ip4' || c.name === 'ip6')?.value
}
