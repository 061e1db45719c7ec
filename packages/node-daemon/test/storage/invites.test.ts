import { afterEach, describe, expect, it } from 'vitest'
import { tempDb, type TempDb } from './helpers.js'

let t: TempDb
afterEach(() => { t.cleanup() })

describe('invites', () => {
  it('a secret redeems once, for one peer; the same peer asking again hears yes again', () => {
    t = tempDb()
    t.db.invites.create('h1', t.clock.now() + 60_000)
    expect(t.db.invites.redeem('h1', 'peer-a')).toBe('ok')
    expect(t.db.invites.redeem('h1', 'peer-b')).toBe('used')
    expect(t.db.invites.redeem('h1', 'peer-a')).toBe('ok')
    expect(t.db.invites.redeem('nope', 'peer-a')).toBe('unknown')
  })

  it('an expired invite says so, survives a reopen, and is pruned after the grace', () => {
    t = tempDb()
    t.db.invites.create('h2', t.clock.now() + 1_000)
    t.clock.advance(1_000)
    t.reopen()
    expect(t.db.invites.redeem('h2', 'peer-a')).toBe('expired')
    expect(t.db.invites.pruneExpired(5_000)).toBe(0)
    t.clock.advance(10_000)
    expect(t.db.invites.pruneExpired(5_000)).toBe(1)
    expect(t.db.invites.redeem('h2', 'peer-a')).toBe('unknown')
  })
})
