// QUIC path statistics (quinn's smoothed RTT, packets sent and lost, congestion events)
// for the ABR. @chainsafe/libp2p-quic keeps its native connection private, but hands it
// to the upgrader inside the stream-muxer factory (`muxerFactory.init.connection`); the
// transport wrapper records it there, keyed by the connection's remote address, which
// is what a libp2p Connection exposes too. (Two nodes in one process connected to the same
// remote address would share an entry: only in-process test nets do that.)
import type { Connection, Upgrader } from '@libp2p/interface'

export interface QuicPathStats {
  rttMs: number
  sentPackets: number
  lostPackets: number
  congestionEvents: number
}

interface NativeConnection {
  rtt?: () => number
  stats?: () => { pathRtt?: number, pathSentPackets?: number | bigint, pathLostPackets?: number | bigint, pathCongestionEvents?: number | bigint }
  closed?: () => Promise<unknown>
}

const byRemoteAddr = new Map<string, NativeConnection>()

/** Remote address without the /p2p/<peer> suffix: the form both sides of the lookup share. */
function key (addr: { toString: () => string }): string {
  return addr.toString().split('/p2p/')[0] ?? ''
}

function remember (maConn: { remoteAddr: { toString: () => string } }, opts: unknown): void {
  const native = (opts as { muxerFactory?: { init?: { connection?: NativeConnection } } }).muxerFactory?.init?.connection
  if (native == null) return
  const k = key(maConn.remoteAddr)
  byRemoteAddr.set(k, native)
  void native.closed?.().finally(() => { if (byRemoteAddr.get(k) === native) byRemoteAddr.delete(k) })
}

/** An upgrader that records each QUIC connection's native handle on its way through. */
export function recordingUpgrader (upgrader: Upgrader): Upgrader {
  return new Proxy(upgrader, {
    get (target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown
      if ((prop === 'upgradeOutbound' || prop === 'upgradeInbound') && typeof v === 'function') {
        return async (maConn: { remoteAddr: { toString: () => string } }, opts: unknown) => {
          remember(maConn, opts)
          return await (v as (a: unknown, b: unknown) => Promise<unknown>).call(target, maConn, opts)
        }
      }
      return typeof v === 'function' ? v.bind(target) : v
    }
  })
}

/** Path statistics of a QUIC connection, or null (TCP, or not recorded). Never throws. */
export function quicPathStats (conn: Connection): QuicPathStats | null {
  const native = byRemoteAddr.get(key(conn.remoteAddr))
  if (native?.stats == null) return null
  try {
    const s = native.stats()
    const rtt = typeof s.pathRtt === 'number' ? s.pathRtt : native.rtt?.()
    return {
      rttMs: Number(rtt ?? NaN),
      sentPackets: Number(s.pathSentPackets ?? 0),
      lostPackets: Number(s.pathLostPackets ?? 0),
      congestionEvents: Number(s.pathCongestionEvents ?? 0)
    }
  } catch {
    return null
  }
}
