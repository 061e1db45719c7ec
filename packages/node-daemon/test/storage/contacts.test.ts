import { afterEach, describe, expect, it } from 'vitest'
import { tempDb, type TempDb } from './helpers.js'

let t: TempDb
afterEach(() => { t.cleanup() })

describe('contacts', () => {
  it('ensure creates an unknown contact once and returns the existing one after', () => {
    t = tempDb()
    expect(t.db.contacts.get('p')).toBeUndefined()
    const c = t.db.contacts.ensure('p')
    expect(c).toEqual({ peerId: 'p', nickname: null, blocked: false, verified: false, addedByUser: false, createdAt: t.clock.now(), lastSeenAt: null })
    t.clock.advance(1000)
    expect(t.db.contacts.ensure('p').createdAt).toBe(c.createdAt)
    expect(t.db.contacts.list()).toHaveLength(1)
  })

  it('add marks a contact as added by the user, also when it already existed', () => {
    t = tempDb()
    t.db.contacts.ensure('stranger')
    expect(t.db.contacts.add('stranger', 'Bob')).toMatchObject({ addedByUser: true, nickname: 'Bob' })
    expect(t.db.contacts.add('new', null)).toMatchObject({ peerId: 'new', addedByUser: true, nickname: null })
    // ensure never downgrades a contact the user added
    expect(t.db.contacts.ensure('stranger').addedByUser).toBe(true)
  })

  it('setters update fields and create the contact if needed', () => {
    t = tempDb()
    t.db.contacts.setBlocked('spammer', true)
    expect(t.db.contacts.get('spammer')).toMatchObject({ blocked: true, addedByUser: false })
    t.db.contacts.setBlocked('spammer', false)
    t.db.contacts.setVerified('spammer', true)
    t.db.contacts.setNickname('spammer', 'Not a spammer')
    expect(t.db.contacts.get('spammer')).toMatchObject({ blocked: false, verified: true, nickname: 'Not a spammer' })
    t.db.contacts.setNickname('spammer', null)
    expect(t.db.contacts.get('spammer')?.nickname).toBeNull()
  })

  it('touch records lastSeenAt from the injected clock', () => {
    t = tempDb()
    t.db.contacts.ensure('p')
    t.clock.set(1_800_000_000_000)
    t.db.contacts.touch('p')
    expect(t.db.contacts.get('p')?.lastSeenAt).toBe(1_800_000_000_000)
  })

  it('lists named contacts first (case-insensitive), then the rest by peer id', () => {
    t = tempDb()
    t.db.contacts.ensure('z-unnamed')
    t.db.contacts.ensure('a-unnamed')
    t.db.contacts.add('p1', 'bob')
    t.db.contacts.add('p2', 'Alice')
    expect(t.db.contacts.list().map(c => c.peerId)).toEqual(['p2', 'p1', 'a-unnamed', 'z-unnamed'])
  })

  it('rejects an empty peer id', () => {
    t = tempDb()
    expect(() => t.db.contacts.ensure('')).toThrowError(expect.objectContaining({ code: 'STORAGE_INVALID_ARGUMENT' }) as Error)
  })
})
