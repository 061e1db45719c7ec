// DHT records from other peers are capped: real kad-dht ADD_PROVIDER and PUT_VALUE traffic
// from two peers into a Parley node with small quotas (the same wiring as the daemon's,
// with limits a test can reach) leaves at most the quota held, the newest kept.
import { generateKeyPair, publicKeyToProtobuf } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import drain from 'it-drain'
import { base32 } from 'multiformats/bases/base32'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { sha256 } from 'multiformats/hashes/sha2'
import { createParleyNode, dhtDatastore, routingTableSize } from '@parley/node-daemon'
import type { ParleyLibp2p } from '@parley/node-daemon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOOPBACK_QUIC, waitFor } from './helpers/daemons.js'

const PROVIDERS_TOTAL = 20
const PROVIDERS_PER_PEER = 12
const VALUE_RECORDS = 10

async function keysUnder (node: ParleyLibp2p, prefix: string): Promise<string[]> {
  const out: string[] = []
  for await (const k of dhtDatastore(node)?.queryKeys({ prefix }) ?? []) out.push(k.toString())
  return out
}

async function cidOf (text: string): Promise<CID> {
  return CID.createV1(raw.code, await sha256.digest(new TextEncoder().encode(text)))
}

/** How kad-dht names a CID in its provider keys: the multihash in base32, no multibase prefix. */
async function cidKey (text: string): Promise<string> {
  return base32.baseEncode((await cidOf(text)).multihash.bytes)
}

describe('DHT record quotas', () => {
  let target: ParleyLibp2p, a: ParleyLibp2p, b: ParleyLibp2p
  beforeAll(async () => {
    target = await createParleyNode({
      privateKey: await generateKeyPair('Ed25519'),
      listen: [LOOPBACK_QUIC],
      mdns: false,
      dhtQuotas: [
        { prefix: '/dht/provider/', maxRecords: PROVIDERS_TOTAL, maxBytes: 1024 * 1024, owner: k => k.split('/').pop(), maxPerOwner: PROVIDERS_PER_PEER },
        { prefix: '/dht/record/', maxRecords: VALUE_RECORDS, maxBytes: 1024 * 1024 }
      ]
    })
    const boot = [target.getMultiaddrs()[0]?.toString() ?? '']
    a = await createParleyNode({ privateKey: await generateKeyPair('Ed25519'), listen: [LOOPBACK_QUIC], mdns: false, bootstrap: boot })
    b = await createParleyNode({ privateKey: await generateKeyPair('Ed25519'), listen: [LOOPBACK_QUIC], mdns: false, bootstrap: boot })
    await waitFor(() => routingTableSize(a) > 0 && routingTableSize(b) > 0, 'the peers to know the target', 30_000)
  }, 60_000)
  afterAll(async () => { await Promise.all([target, a, b].map(async n => { await n?.stop() })) })

  it('provider records: at most the per-peer share of each peer, at most the total, newest kept', async () => {
    for (let i = 0; i < 30; i++) await drain(a.services.dht.provide(await cidOf(`a ${i}`)))
    const fromA = await keysUnder(target, '/dht/provider/')
    expect(fromA).toHaveLength(PROVIDERS_PER_PEER)
    expect(fromA.every(k => k.endsWith(a.peerId.toString()))).toBe(true)
    // the newest survive: a's last CID is held, its first is not
    const newest = await cidKey('a 29')
    const oldest = await cidKey('a 0')
    expect(fromA.some(k => k.includes(newest))).toBe(true)
    expect(fromA.some(k => k.includes(oldest))).toBe(false)
    for (let i = 0; i < 30; i++) await drain(b.services.dht.provide(await cidOf(`b ${i}`)))
    const all = await keysUnder(target, '/dht/provider/')
    expect(all).toHaveLength(PROVIDERS_TOTAL)
    expect(all.filter(k => k.endsWith(b.peerId.toString()))).toHaveLength(PROVIDERS_PER_PEER)
    expect(all.filter(k => k.endsWith(a.peerId.toString()))).toHaveLength(PROVIDERS_TOTAL - PROVIDERS_PER_PEER)
  }, 120_000)

  it('/pk/ value records: at most the quota, newest kept', async () => {
    const keys = []
    for (let i = 0; i < 25; i++) {
      const k = await generateKeyPair('Ed25519')
      const dhtKey = new Uint8Array([...new TextEncoder().encode('/pk/'), ...peerIdFromPrivateKey(k).toMultihash().bytes])
      keys.push(dhtKey)
      await drain(a.services.dht.put(dhtKey, publicKeyToProtobuf(k.publicKey)))
    }
    const held = await keysUnder(target, '/dht/record/')
    expect(held).toHaveLength(VALUE_RECORDS)
    // kad-dht keeps a value under /dht/record/<the key in base32>
    const recordKey = (key: Uint8Array | undefined): string => `/dht/record/${base32.baseEncode(key ?? new Uint8Array())}`
    expect(held).toContain(recordKey(keys.at(-1)))
    expect(held).not.toContain(recordKey(keys[0]))
    expect(dhtDatastore(target)?.evicted).toBeGreaterThanOrEqual(25 - VALUE_RECORDS)
  }, 120_000)
})
