// Peer-ID dialing in explicit steps — open connection → peer store → DHT lookup →
// dial — so a failure says which step failed instead of libp2p's generic error.
import { peerIdFromString } from '@libp2p/peer-id'
import type { Address, Connection, PeerId } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'
import {
  AllAddressesFailedError, DialSelfError, DialTimeoutError, InvalidPeerIdError, PeerNotFoundError
} from '../errors.js'
import type { DialStep } from '../errors.js'
import { isQuic, isRelayed } from './address-sorter.js'
import { routingTableSize } from './node.js'
import type { ParleyLibp2p } from './node.js'
import type { DialResult, FindResult } from '@parley/core/ipc/methods'

export interface DialOptions {
  /** Whole budget for lookup + dial, in ms. */
  timeoutMs: number
  /** Ignore open connections and the peer store; ask the DHT. Default false. */
  forceLookup?: boolean
  signal?: AbortSignal
}

export function parsePeerId (input: string): PeerId {
  try {
    return peerIdFromString(input)
  } catch {
    throw new InvalidPeerIdError(input)
  }
}

export async function dialPeer (node: ParleyLibp2p, peerIdStr: string, opts: DialOptions): Promise<DialResult> {
  const peerId = parsePeerId(peerIdStr)
  if (peerId.equals(node.peerId)) throw new DialSelfError(peerIdStr)
  const signal = combine(opts.signal, AbortSignal.timeout(opts.timeoutMs))
  const forceLookup = opts.forceLookup ?? false

  let storeFailure: AllAddressesFailedError | undefined
  if (!forceLookup) {
    const open = node.getConnections(peerId).find(c => c.status === 'open')
    if (open != null) return { peerId: peerIdStr, remoteAddr: open.remoteAddr.toString(), via: 'connected', lookupMs: 0, dialMs: 0 }

    const known = await knownAddrs(node, peerId)
    if (known.length > 0) {
      const t0 = performance.now()
      try {
        const conn = await dialAddrs(node, peerId, known, signal, opts.timeoutMs)
        return { peerId: peerIdStr, remoteAddr: conn.remoteAddr.toString(), via: 'peer-store', lookupMs: 0, dialMs: performance.now() - t0 }
      } catch (err) {
        if (!(err instanceof AllAddressesFailedError)) throw err
        // stale addresses: try a fresh DHT lookup before giving up
        storeFailure = err
      }
    }
  }

  let found
  try {
    found = await lookup(node, peerId, signal, opts.timeoutMs)
  } catch (err) {
    // Known-but-dead beats "not found": the user learns the addresses that failed.
    if (err instanceof PeerNotFoundError && storeFailure != null) throw storeFailure
    throw err
  }
  const t1 = performance.now()
  const conn = await dialAddrs(node, peerId, found.multiaddrs, signal, opts.timeoutMs)
  return { peerId: peerIdStr, remoteAddr: conn.remoteAddr.toString(), via: 'dht', lookupMs: found.lookupMs, dialMs: performance.now() - t1 }
}

/** A network DHT lookup (never answered from the local cache). */
export async function findPeer (node: ParleyLibp2p, peerIdStr: string, opts: { timeoutMs: number, signal?: AbortSignal }): Promise<FindResult> {
  const peerId = parsePeerId(peerIdStr)
  if (peerId.equals(node.peerId)) throw new DialSelfError(peerIdStr)
  const found = await lookup(node, peerId, combine(opts.signal, AbortSignal.timeout(opts.timeoutMs)), opts.timeoutMs)
  return { peerId: peerIdStr, addrs: found.multiaddrs.map(a => a.toString()), lookupMs: found.lookupMs }
}

async function lookup (node: ParleyLibp2p, peerId: PeerId, signal: AbortSignal, timeoutMs: number): Promise<{ multiaddrs: Multiaddr[], lookupMs: number }> {
  const t0 = performance.now()
  try {
    // useCache: false makes kad-dht ask the network even if the peer store knows the peer.
    const info = await node.peerRouting.findPeer(peerId, { signal, useCache: false } as Parameters<typeof node.peerRouting.findPeer>[1])
    if (info.multiaddrs.length === 0) throw new PeerNotFoundError(peerId.toString(), routingTableSize(node))
    return { multiaddrs: info.multiaddrs, lookupMs: performance.now() - t0 }
  } catch (err) {
    throw mapError(err, peerId.toString(), 'lookup', signal, timeoutMs, node)
  }
}

async function knownAddrs (node: ParleyLibp2p, peerId: PeerId): Promise<Multiaddr[]> {
  try {
    const peer = await node.peerStore.get(peerId)
    return peer.addresses.map(a => a.multiaddr)
  } catch {
    return []
  }
}

async function dialAddrs (node: ParleyLibp2p, peerId: PeerId, addrs: Multiaddr[], signal: AbortSignal, timeoutMs: number): Promise<Connection> {
  if (addrs.length === 0) throw new AllAddressesFailedError(peerId.toString(), [])
  await node.peerStore.merge(peerId, { multiaddrs: addrs })
  // libp2p tries the addresses one at a time in its own order (address-sorter.ts), after
  // dropping ones it cannot dial, and its AggregateError lists the errors in that order
  // without the addresses: the order comes from its progress event, so each address is
  // reported with its own error
  const tried: Multiaddr[] = []
  const onProgress = (evt: { type: string, detail?: unknown }): void => {
    if (evt.type === 'dial-queue:calculated-addresses') tried.push(...(evt.detail as Address[]).map(a => a.multiaddr))
  }
  try {
    return await node.dial(peerId, { signal, onProgress } as Parameters<typeof node.dial>[1])
  } catch (err) {
    throw mapError(err, peerId.toString(), 'dial', signal, timeoutMs, node, { given: addrs, tried })
  }
}

/** The address without a trailing /p2p/<id> (a relayed one keeps its relay's). */
export function withoutPeerSuffix (addr: Multiaddr): string {
  return addr.toString().replace(/\/p2p\/[^/]+$/, '')
}

/** Each address tried with its own error, then the given ones libp2p did not try. */
export function pairDialErrors (err: Error, given: Multiaddr[], tried: Multiaddr[]): Array<{ addr: string, error: string }> {
  const errors = err instanceof AggregateError ? err.errors as Error[] : [err]
  // libp2p appends the target's /p2p/<id> to the addresses it tries
  const plain = withoutPeerSuffix
  const attempts = tried.map((a, i) => ({ addr: plain(a), error: errors[i]?.message ?? 'not tried (libp2p stopped before this address)' }))
  const triedSet = new Set(attempts.map(a => a.addr))
  for (const a of given) {
    if (!triedSet.has(plain(a))) attempts.push({ addr: plain(a), error: tried.length > 0 ? 'not dialed (no transport for it, or blocked)' : err.message })
  }
  return attempts
}

function mapError (err: unknown, peerId: string, step: DialStep, signal: AbortSignal, timeoutMs: number, node: ParleyLibp2p, addrs: { given: Multiaddr[], tried: Multiaddr[] } = { given: [], tried: [] }): Error {
  if (err instanceof PeerNotFoundError || err instanceof AllAddressesFailedError) return err
  if (signal.aborted) return new DialTimeoutError(peerId, step, timeoutMs)
  // Any other lookup failure (NotFoundError, no routers, every query path failed) means
  // the DHT could not produce the peer.
  if (step === 'lookup') return new PeerNotFoundError(peerId, routingTableSize(node))
  return new AllAddressesFailedError(peerId, pairDialErrors(err as Error, addrs.given, addrs.tried))
}

function combine (a: AbortSignal | undefined, b: AbortSignal): AbortSignal {
  return a == null ? b : AbortSignal.any([a, b])
}

/** How often preferQuic looks whether identify has finished. */
const IDENTIFY_POLL_MS = 50

/**
 * A call needs QUIC (the media path's streams are independent there; over TCP + yamux one
 * lost packet stalls them all). When the only open connection to the peer is TCP and the
 * peer has a QUIC address, open a QUIC connection next to it. Returns whether one is open;
 * a failure leaves the call on the connection it has.
 */
export async function preferQuic (node: ParleyLibp2p, peerIdStr: string, timeoutMs: number, relayedTimeoutMs = timeoutMs): Promise<boolean> {
  const peerId = parsePeerId(peerIdStr)
  const open = node.getConnections(peerId).filter(c => c.status === 'open')
  if (open.some(c => isQuic(c.remoteAddr))) return true
  const onlyRelayed = open.length > 0 && open.every(c => isRelayed(c.remoteAddr))
  const signal = AbortSignal.timeout(onlyRelayed ? Math.min(timeoutMs, relayedTimeoutMs) : timeoutMs)
  let quicAddrs = (await knownAddrs(node, peerId)).filter(isQuic)
  // A connection only just opened (a call placed right after dialling the peer's TCP
  // address) may not have finished identify yet, so the peer store holds only the TCP
  // address it was dialled on: wait for identify instead of running the call over TCP
  // (CI lost QUIC this way under load).
  if (quicAddrs.length === 0 && open.length > 0) quicAddrs = await quicAddrsOnceIdentified(node, peerId, signal)
  if (quicAddrs.length === 0) return false
  const withPeer = quicAddrs.map(a => a.getComponents().some(c => c.name === 'p2p') ? a : a.encapsulate(`/p2p/${peerIdStr}`))
  try {
    const conn = await node.dial(withPeer, { signal, force: true } as Parameters<typeof node.dial>[1])
    return isQuic(conn.remoteAddr)
  } catch {
    return false
  }
}

async function quicAddrsOnceIdentified (node: ParleyLibp2p, peerId: PeerId, signal: AbortSignal): Promise<Multiaddr[]> {
  // Not a second identify of our own: libp2p allows one identify stream per connection, and
  // under load the automatic one is still running, so ours failed at once (CI saw the call
  // run over TCP that way). Wait for the automatic one instead: once the peer store holds the
  // peer's protocols, identify has finished, and its addresses are all there are.
  while (!signal.aborted) {
    const peer = await node.peerStore.get(peerId).catch(() => undefined)
    const quic = (peer?.addresses ?? []).map(a => a.multiaddr).filter(isQuic)
    if (quic.length > 0) return quic
    if ((peer?.protocols.length ?? 0) > 0) return []
    await new Promise(resolve => setTimeout(resolve, IDENTIFY_POLL_MS))
  }
  return []
}
