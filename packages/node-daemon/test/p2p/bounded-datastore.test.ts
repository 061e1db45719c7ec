// The datastore kad-dht writes other peers' records into: capped per prefix (records and
// bytes) and per provider peer, the oldest evicted first; everything else is untouched.
import { Key } from 'interface-datastore'
import { describe, expect, it } from 'vitest'
import { BoundedDatastore } from '../../src/p2p/bounded-datastore.js'

const bytes = (n: number): Uint8Array => new Uint8Array(n)
const providerKey = (cid: number, peer: string): Key => new Key(`/dht/provider/CID${cid}/${peer}`)

async function keys (ds: BoundedDatastore, prefix: string): Promise<string[]> {
  const out: string[] = []
  for await (const k of ds.queryKeys({ prefix })) out.push(k.toString())
  return out
}

describe('BoundedDatastore', () => {
  it('caps provider records per provider peer and in total, oldest first', async () => {
    const ds = new BoundedDatastore([{ prefix: '/dht/provider/', maxRecords: 5, maxBytes: 1_000_000, owner: k => k.split('/').pop(), maxPerOwner: 3 }])
    for (let i = 0; i < 10; i++) await ds.put(providerKey(i, 'evil'), bytes(4))
    expect(await keys(ds, '/dht/provider/')).toEqual([7, 8, 9].map(i => `/dht/provider/CID${i}/evil`))
    await ds.put(providerKey(100, 'alice'), bytes(4))
    await ds.put(providerKey(101, 'bob'), bytes(4))
    await ds.put(providerKey(102, 'carol'), bytes(4)) // 6 > 5: the oldest (evil's CID7) goes
    const held = await keys(ds, '/dht/provider/')
    expect(held).toHaveLength(5)
    expect(held).not.toContain('/dht/provider/CID7/evil')
    expect(held).toContain('/dht/provider/CID100/alice')
    expect(ds.evicted).toBe(8)
  })

  it('caps value records by bytes; a rewrite of a key moves it to the newest; deletes are accounted', async () => {
    const ds = new BoundedDatastore([{ prefix: '/dht/record/', maxRecords: 100, maxBytes: 300 }])
    const k = (n: number): Key => new Key(`/dht/record/K${n}`)
    for (let i = 0; i < 3; i++) await ds.put(k(i), bytes(80)) // 14 (key) + 80 bytes each
    await ds.put(k(0), bytes(80)) // rewritten: now the newest
    await ds.put(k(3), bytes(80))
    expect((await keys(ds, '/dht/record/')).sort()).toEqual(['/dht/record/K0', '/dht/record/K2', '/dht/record/K3'])
    await ds.delete(k(2))
    expect(ds.held()[0]).toMatchObject({ records: 2, bytes: 2 * 94 })
  })

  it('leaves keys outside every quota alone (the peer store, our own data)', async () => {
    const ds = new BoundedDatastore([{ prefix: '/dht/record/', maxRecords: 1, maxBytes: 1000 }])
    for (let i = 0; i < 50; i++) await ds.put(new Key(`/peers/P${i}`), bytes(10))
    expect(await keys(ds, '/peers/')).toHaveLength(50)
    expect(await ds.has(new Key('/peers/P0'))).toBe(true)
  })
})
