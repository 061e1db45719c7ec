import { afterEach, describe, expect, it } from 'vitest'
import { tempDb, type TempDb } from './helpers.js'

let t: TempDb
afterEach(() => { t.cleanup() })

const env = (n: number): Uint8Array => new Uint8Array([n, n, n])

describe('outbox', () => {
  it('hands out increasing seqs and returns a peer\'s entries in seq order', () => {
    t = tempDb()
    const s1 = t.db.outbox.enqueue('p', env(1), 'm1')
    const s2 = t.db.outbox.enqueue('q', env(2), null)
    const s3 = t.db.outbox.enqueue('p', env(3), 'm3')
    expect(s1 < s2 && s2 < s3).toBe(true)
    const pending = t.db.outbox.pending('p', 10)
    expect(pending.map(e => e.seq)).toEqual([s1, s3])
    expect(pending[0]).toEqual({
      seq: s1, peerId: 'p', envelope: env(1), messageId: 'm1', attempts: 0, nextAttemptAt: t.clock.now(), createdAt: t.clock.now(), lastError: null
    })
    expect(t.db.outbox.pending('p', 1).map(e => e.seq)).toEqual([s1])
    expect(t.db.outbox.peersWithPending()).toEqual(['p', 'q'])
  })

  it('remove returns the entry once; seqs are never reused, even for the newest entry', () => {
    t = tempDb()
    t.db.outbox.enqueue('p', env(1), null)
    const s2 = t.db.outbox.enqueue('p', env(2), 'm2')
    expect(t.db.outbox.remove(s2)).toMatchObject({ seq: s2, envelope: env(2), messageId: 'm2' })
    expect(t.db.outbox.remove(s2)).toBeUndefined()
    const s3 = t.reopen().outbox.enqueue('p', env(3), null)
    expect(s3).toBeGreaterThan(s2)
  })

  it('markAttempt counts attempts, records the error and reschedules; dueAt is the earliest', () => {
    t = tempDb()
    expect(t.db.outbox.dueAt()).toBeUndefined()
    const a = t.db.outbox.enqueue('p', env(1), null)
    const b = t.db.outbox.enqueue('q', env(2), null)
    const now = t.clock.now()
    t.db.outbox.markAttempt(a, now + 5_000, 'dial failed')
    t.db.outbox.markAttempt(a, now + 10_000, 'timeout')
    expect(t.db.outbox.pending('p', 1)[0]).toMatchObject({ attempts: 2, nextAttemptAt: now + 10_000, lastError: 'timeout' })
    expect(t.db.outbox.dueAt()).toBe(now)
    t.db.outbox.markAttempt(b, now + 7_000)
    expect(t.db.outbox.pending('q', 1)[0]).toMatchObject({ attempts: 1, lastError: null })
    expect(t.db.outbox.dueAt()).toBe(now + 7_000)
    t.db.outbox.remove(b)
    t.db.outbox.remove(a)
    expect(t.db.outbox.dueAt()).toBeUndefined()
    expect(t.db.outbox.peersWithPending()).toEqual([])
  })
})
