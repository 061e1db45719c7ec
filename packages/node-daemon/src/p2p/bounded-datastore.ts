// A memory datastore that caps what kad-dht keeps for other peers. kad-dht 16 has no quota
// of its own: every ADD_PROVIDER and PUT_VALUE a peer sends is written to the libp2p
// datastore and kept until it expires (provider records: 48 h), so one peer could make us
// hold tens of thousands. Keys under a quota's prefix are counted (records and key+value
// bytes, optionally per owner); over a limit the oldest are evicted. A DHT record is a
// cache that its publisher refreshes, so evicting one costs a re-publish, never data.
import { MemoryDatastore } from 'datastore-core/memory'
import { Key } from 'interface-datastore'
import type { AbortOptions } from '@libp2p/interface'
import {
  DHT_DATASTORE_PREFIX, DHT_MAX_PROVIDER_BYTES, DHT_MAX_PROVIDER_RECORDS, DHT_MAX_PROVIDER_RECORDS_PER_PEER,
  DHT_MAX_VALUE_RECORDS, DHT_MAX_VALUE_RECORD_BYTES
} from './constants.js'

export interface DatastoreQuota {
  /** Keys starting with this (a path ending in '/') are counted. */
  prefix: string
  maxRecords: number
  /** Key plus value bytes. */
  maxBytes: number
  /** Who a key belongs to, for maxPerOwner (undefined: no per-owner limit for it). */
  owner?: (key: string) => string | undefined
  maxPerOwner?: number
}

/** kad-dht's provider keys end in the provider's peer ID: /dht/provider/<multihash>/<peerId>. */
const providerOwner = (key: string): string | undefined => key.slice(key.lastIndexOf('/') + 1) || undefined

/** The quotas Parley's node runs with (p2p/constants.ts). */
export const DHT_QUOTAS: readonly DatastoreQuota[] = [
  {
    prefix: `${DHT_DATASTORE_PREFIX}/provider/`,
    maxRecords: DHT_MAX_PROVIDER_RECORDS,
    maxBytes: DHT_MAX_PROVIDER_BYTES,
    owner: providerOwner,
    maxPerOwner: DHT_MAX_PROVIDER_RECORDS_PER_PEER
  },
  { prefix: `${DHT_DATASTORE_PREFIX}/record/`, maxRecords: DHT_MAX_VALUE_RECORDS, maxBytes: DHT_MAX_VALUE_RECORD_BYTES }
]

class Usage {
  /** key → bytes, oldest first (a Map keeps insertion order). */
  readonly keys = new Map<string, number>()
  readonly byOwner = new Map<string, Set<string>>()
  bytes = 0
  constructor (readonly quota: DatastoreQuota) {}

  add (key: string, bytes: number): void {
    this.remove(key)
    this.keys.set(key, bytes)
    this.bytes += bytes
    const owner = this.quota.owner?.(key)
    if (owner != null) {
      const set = this.byOwner.get(owner) ?? new Set<string>()
      set.add(key)
      this.byOwner.set(owner, set)
    }
  }

  remove (key: string): void {
    const bytes = this.keys.get(key)
    if (bytes == null) return
    this.keys.delete(key)
    this.bytes -= bytes
    const owner = this.quota.owner?.(key)
    const set = owner != null ? this.byOwner.get(owner) : undefined
    if (owner != null && set != null) {
      set.delete(key)
      if (set.size === 0) this.byOwner.delete(owner)
    }
  }

  /** Keys to evict, oldest first, so that the quota holds after `key` was added. */
  victims (key: string): string[] {
    const out: string[] = []
    const owner = this.quota.owner?.(key)
    const mine = owner != null ? this.byOwner.get(owner) : undefined
    if (mine != null && this.quota.maxPerOwner != null) {
      for (const k of mine) {
        if (mine.size - out.length <= this.quota.maxPerOwner) break
        if (k !== key) out.push(k)
      }
    }
    let records = this.keys.size - out.length
    let bytes = this.bytes - out.reduce((n, k) => n + (this.keys.get(k) ?? 0), 0)
    for (const [k, b] of this.keys) {
      if (records <= this.quota.maxRecords && bytes <= this.quota.maxBytes) break
      if (out.includes(k)) continue
      out.push(k)
      records--
      bytes -= b
    }
    return out
  }
}

export class BoundedDatastore extends MemoryDatastore {
  private readonly usage: Usage[]
  /** Records evicted for a quota since start. */
  evicted = 0

  constructor (quotas: readonly DatastoreQuota[] = DHT_QUOTAS) {
    super()
    this.usage = quotas.map(q => new Usage(q))
  }

  override put (key: Key, val: Uint8Array, options?: AbortOptions): Key {
    super.put(key, val, options)
    const k = key.toString()
    const u = this.usage.find(x => k.startsWith(x.quota.prefix))
    if (u != null) {
      u.add(k, k.length + val.byteLength)
      for (const victim of u.victims(k)) {
        super.delete(new Key(victim))
        u.remove(victim)
        this.evicted++
      }
    }
    return key
  }

  override delete (key: Key, options?: AbortOptions): void {
    super.delete(key, options)
    const k = key.toString()
    this.usage.find(x => k.startsWith(x.quota.prefix))?.remove(k)
  }

  /** Records and bytes held under each quota's prefix. */
  held (): Array<{ prefix: string, records: number, bytes: number, owners: number }> {
    return this.usage.map(u => ({ prefix: u.quota.prefix, records: u.keys.size, bytes: u.bytes, owners: u.byOwner.size }))
  }
}
