// Peer-ID dialing in explicit steps — open connection → peer store → DHT lookup →
// dial — so a failure says which step failed instead of libp2p's generic error.
import { peerIdFromString } from '@libp2p/peer-id'
import type { Connection, PeerId } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'
import {
  AllAddressesFailedError, DialSelfError, DialTimeoutError, InvalidPeerIdError, PeerNotFoundError
} from '../errors.js'
import type { DialStep } from '../errors.js'
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
  try {
    return await node.dial(peerId, { signal })
  } catch (err) {
    throw mapError(err, peerId.toString(), 'dial', signal, timeoutMs, node, addrs)
  }
}

function mapError (err: unknown, peerId: string, step: DialStep, signal: AbortSignal, timeoutMs: number, node: ParleyLibp2p, addrs: Multiaddr[] = []): Error {
  if (err instanceof PeerNotFoundError || err instanceof AllAddressesFailedError) return err
  if (signal.aborted) return new DialTimeoutError(peerId, step, timeoutMs)
  // Any other lookup failure (NotFoundError, no routers, every query path failed) means
  // the DHT could not produce the peer.
  if (step === 'lookup') return new PeerNotFoundError(peerId, routingTableSize(node))
  const e = err as Error
  const inner = (e as { errors?: Error[] }).errors
  const attempts = addrs.map((a, i) => ({ addr: a.toString(), error: inner?.[i]?.message ?? e.message }))
  return new AllAddressesFailedError(peerId, attempts)
}

function combine (a: AbortSignal | undefined, b: AbortSignal): AbortSignal {
  return a == null ? b : AbortSignal.any([a, b])
}
