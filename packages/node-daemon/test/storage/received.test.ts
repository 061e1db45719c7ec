import { afterEach, describe, expect, it } from 'vitest'
import { tempDb, type TempDb } from './helpers.js'

let t: TempDb
afterEach(() => { t.cleanup() })

describe('received envelope hashes', () => {
  it('remembers hashes per peer, idempotently', () => {
    t = tempDb()
    expect(t.db.received.seen('p', 'h')).toBe(false)
    t.db.received.add('p', 'h')
    t.db.received.add('p', 'h')
    expect(t.db.received.seen('p', 'h')).toBe(true)
    expect(t.db.received.seen('q', 'h')).toBe(false)
    expect(t.reopen().received.seen('p', 'h')).toBe(true)
  })

  it('prunes hashes recorded before a time', () => {
    t = tempDb()
    t.db.received.add('p', 'old')
    t.clock.advance(10_000)
    t.db.received.add('p', 'new')
    expect(t.db.received.prune(t.clock.now())).toBe(1)
    expect([t.db.received.seen('p', 'old'), t.db.received.seen('p', 'new')]).toEqual([false, true])
  })
})
