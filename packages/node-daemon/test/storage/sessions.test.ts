import { afterEach, describe, expect, it } from 'vitest'
import { tempDb, type TempDb } from './helpers.js'

let t: TempDb
afterEach(() => { t.cleanup() })

describe('sessions', () => {
  it('stores, replaces and deletes one state per peer as plain Uint8Array', () => {
    t = tempDb()
    expect(t.db.sessions.get('p')).toBeUndefined()
    t.db.sessions.put('p', new Uint8Array([1, 2, 3]))
    const got = t.db.sessions.get('p')
    expect(got).toEqual(new Uint8Array([1, 2, 3]))
    expect(Buffer.isBuffer(got)).toBe(false)
    t.db.sessions.put('p', new Uint8Array([4]))
    expect(t.db.sessions.get('p')).toEqual(new Uint8Array([4]))
    expect(t.db.stats().sessions).toBe(1)
    t.db.sessions.delete('p')
    expect(t.db.sessions.get('p')).toBeUndefined()
  })

  it('stores exactly the bytes of a subarray view, not its whole backing buffer', () => {
    t = tempDb()
    const backing = new Uint8Array([9, 9, 1, 2, 9])
    t.db.sessions.put('p', backing.subarray(2, 4))
    expect(t.db.sessions.get('p')).toEqual(new Uint8Array([1, 2]))
  })

  it('remembers accepted init ids across reopen; adding one twice is harmless', () => {
    t = tempDb()
    expect(t.db.sessions.hasInit('abc')).toBe(false)
    t.db.sessions.addInit('p', 'abc')
    t.db.sessions.addInit('p', 'abc')
    expect(t.db.sessions.hasInit('abc')).toBe(true)
    expect(t.reopen().sessions.hasInit('abc')).toBe(true)
    expect(t.db.sessions.hasInit('abd')).toBe(false)
  })

  it('keeps init ids when the session itself is deleted (a replayed init must stay rejected)', () => {
    t = tempDb()
    t.db.tx(() => { t.db.sessions.put('p', new Uint8Array([1])); t.db.sessions.addInit('p', 'abc') })
    t.db.sessions.delete('p')
    expect(t.db.sessions.hasInit('abc')).toBe(true)
  })
})
