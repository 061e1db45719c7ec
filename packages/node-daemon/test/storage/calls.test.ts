import { afterEach, describe, expect, it } from 'vitest'
import { tempDb, type TempDb } from './helpers.js'

let t: TempDb
afterEach(() => { t.cleanup() })

describe('call history', () => {
  it('records start and end with a duration measured from connect', () => {
    t = tempDb()
    t.db.calls.insert({ callId: 'c1', peerId: 'p', direction: 'out', video: true, startedAt: 1_000 })
    expect(t.db.calls.list()).toEqual([{
      callId: 'c1', peerId: 'p', direction: 'out', video: true, startedAt: 1_000, connectedAt: null, endedAt: null, durationMs: null, endReason: null, attempts: 1
    }])
    t.db.calls.end('c1', { connectedAt: 3_000, endedAt: 63_000, endReason: 'hangup' })
    expect(t.db.calls.list()[0]).toMatchObject({ connectedAt: 3_000, endedAt: 63_000, durationMs: 60_000, endReason: 'hangup' })
  })

  it('a call that never connected has no duration; the first end wins', () => {
    t = tempDb()
    t.db.calls.insert({ callId: 'c1', peerId: 'p', direction: 'in', video: false, startedAt: 1_000 })
    t.db.calls.end('c1', { endedAt: 31_000, endReason: 'missed' })
    t.db.calls.end('c1', { connectedAt: 2_000, endedAt: 40_000, endReason: 'hangup' })
    expect(t.db.calls.list()[0]).toMatchObject({ connectedAt: null, endedAt: 31_000, durationMs: null, endReason: 'missed' })
  })

  it('counts repeated offers on one row; an unknown row is STORAGE_NOT_FOUND', () => {
    t = tempDb()
    t.db.calls.insert({ callId: 'c1', peerId: 'stranger', direction: 'in', video: false, startedAt: 1_000 })
    t.db.calls.end('c1', { endedAt: 1_000, endReason: 'rate_limited' })
    for (let i = 0; i < 4; i++) t.db.calls.addAttempt('c1')
    expect(t.db.calls.list()).toHaveLength(1)
    expect(t.db.calls.list()[0]).toMatchObject({ attempts: 5, endReason: 'rate_limited' })
    expect(() => { t.db.calls.addAttempt('nope') }).toThrowError(expect.objectContaining({ code: 'STORAGE_NOT_FOUND' }) as Error)
  })

  it('lists newest first with a limit', () => {
    t = tempDb()
    for (let i = 0; i < 5; i++) t.db.calls.insert({ callId: `c${i}`, peerId: 'p', direction: 'in', video: false, startedAt: i * 100 })
    expect(t.db.calls.list({ limit: 2 }).map(c => c.callId)).toEqual(['c4', 'c3'])
    expect(t.db.calls.list()).toHaveLength(5)
  })

  it('refuses a duplicate call id and an end for an unknown call', () => {
    t = tempDb()
    t.db.calls.insert({ callId: 'c1', peerId: 'p', direction: 'in', video: false, startedAt: 1 })
    expect(() => t.db.calls.insert({ callId: 'c1', peerId: 'q', direction: 'out', video: true, startedAt: 2 }))
      .toThrowError(expect.objectContaining({ code: 'STORAGE_DUPLICATE' }) as Error)
    expect(() => t.db.calls.end('nope', { endedAt: 5, endReason: 'x' }))
      .toThrowError(expect.objectContaining({ code: 'STORAGE_NOT_FOUND' }) as Error)
    expect(t.db.calls.list()[0]?.peerId).toBe('p')
  })
})
