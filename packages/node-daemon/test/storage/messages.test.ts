import { afterEach, describe, expect, it } from 'vitest'
import type { MessageStatus, NewMessage } from '../../src/storage/index.js'
import { tempDb, type TempDb } from './helpers.js'

let t: TempDb
afterEach(() => { t.cleanup() })

const out = (peerId: string, id: string, sentAt: number, body = `body ${id}`): NewMessage => ({ peerId, id, direction: 'out', body, sentAt })
const incoming = (peerId: string, id: string, body = `body ${id}`): NewMessage => ({ peerId, id, direction: 'in', body, sentAt: 1 })

describe('messages.insert / get', () => {
  it('fills defaults: pending + no receivedAt when outgoing, received + now when incoming', () => {
    t = tempDb()
    expect(t.db.messages.insert(out('p', 'o1', 100))).toBe(true)
    expect(t.db.messages.insert({ ...incoming('p', 'i1'), replyTo: 'o1' })).toBe(true)
    expect(t.db.messages.get('p', 'o1')).toEqual({
      peerId: 'p', id: 'o1', direction: 'out', body: 'body o1', replyTo: null, sentAt: 100, receivedAt: null, status: 'pending', readAt: null, deleted: false
    })
    expect(t.db.messages.get('p', 'i1')).toMatchObject({ direction: 'in', status: 'received', receivedAt: t.clock.now(), replyTo: 'o1' })
    expect(t.db.messages.get('p', 'nope')).toBeUndefined()
  })

  it('dedupes on (peerId, id): a re-delivered message is not stored twice and does not overwrite', () => {
    t = tempDb()
    expect(t.db.messages.insert(incoming('p', 'm', 'first'))).toBe(true)
    expect(t.db.messages.insert(incoming('p', 'm', 'second'))).toBe(false)
    expect(t.db.messages.get('p', 'm')?.body).toBe('first')
    expect(t.db.messages.insert(incoming('q', 'm'))).toBe(true) // ids are per conversation
    expect(t.db.messages.count()).toBe(2)
    expect(t.db.messages.count('p')).toBe(1)
  })

  it('rejects impossible rows instead of storing them', () => {
    t = tempDb()
    const bad = expect.objectContaining({ code: 'STORAGE_INVALID_ARGUMENT' }) as Error
    expect(() => t.db.messages.insert({ ...incoming('p', 'm'), status: 'sent' })).toThrowError(bad)
    expect(() => t.db.messages.insert({ ...out('p', 'm', 1), status: 'received' })).toThrowError(bad)
    expect(() => t.db.messages.insert({ ...out('p', 'm', 1), direction: 'sideways' as 'in' })).toThrowError(bad)
    expect(() => t.db.messages.insert(out('p', 'm', 1.5))).toThrowError(bad)
    expect(() => t.db.messages.insert(out('p', '', 1))).toThrowError(bad)
    expect(t.db.messages.count()).toBe(0)
  })
})

describe('messages.setStatus', () => {
  it('moves an outgoing message forward only', () => {
    t = tempDb()
    t.db.messages.insert(out('p', 'm', 1))
    const status = (): MessageStatus | undefined => t.db.messages.get('p', 'm')?.status
    expect(t.db.messages.setStatus('p', 'm', 'sent')).toBe(true)
    expect(t.db.messages.setStatus('p', 'm', 'pending')).toBe(false)
    expect(status()).toBe('sent')
    t.clock.advance(500)
    expect(t.db.messages.setStatus('p', 'm', 'read')).toBe(true) // a read receipt may overtake delivered
    expect(t.db.messages.get('p', 'm')?.readAt).toBe(t.clock.now())
    expect(t.db.messages.setStatus('p', 'm', 'delivered')).toBe(false)
    expect(t.db.messages.setStatus('p', 'm', 'read')).toBe(false)
    expect(t.db.messages.setStatus('p', 'm', 'failed')).toBe(false)
    expect(status()).toBe('read')
  })

  it('lets a late ack override failed, but never failed override sent', () => {
    t = tempDb()
    t.db.messages.insert(out('p', 'a', 1))
    expect(t.db.messages.setStatus('p', 'a', 'failed')).toBe(true)
    expect(t.db.messages.setStatus('p', 'a', 'pending')).toBe(false)
    expect(t.db.messages.setStatus('p', 'a', 'sent')).toBe(true)
    expect(t.db.messages.setStatus('p', 'a', 'failed')).toBe(false)
  })

  it('allows only received → read for incoming messages', () => {
    t = tempDb()
    t.db.messages.insert(incoming('p', 'm'))
    expect(t.db.messages.setStatus('p', 'm', 'delivered')).toBe(false)
    expect(t.db.messages.setStatus('p', 'm', 'sent')).toBe(false)
    expect(t.db.messages.setStatus('p', 'm', 'read')).toBe(true)
    expect(t.db.messages.get('p', 'm')?.status).toBe('read')
  })

  it('returns false for an unknown message', () => {
    t = tempDb()
    expect(t.db.messages.setStatus('p', 'ghost', 'sent')).toBe(false)
  })
})

describe('messages.markDeleted', () => {
  it('wipes bodies, counts only newly deleted, ignores unknown ids', () => {
    t = tempDb()
    t.db.messages.insert(incoming('p', 'a', 'secret'))
    t.db.messages.insert(incoming('p', 'b'))
    t.db.messages.insert(incoming('q', 'a'))
    expect(t.db.messages.markDeleted('p', ['a', 'ghost'])).toBe(1)
    expect(t.db.messages.markDeleted('p', ['a', 'b'])).toBe(1)
    expect(t.db.messages.get('p', 'a')).toMatchObject({ deleted: true, body: '' })
    expect(t.db.messages.get('q', 'a')?.deleted).toBe(false)
    expect(t.db.messages.markDeleted('p', [])).toBe(0)
  })
})

describe('messages.list', () => {
  it('returns the newest page oldest-first and pages back with beforeTs', () => {
    t = tempDb()
    for (let i = 0; i < 120; i++) t.db.messages.insert(out('p', `m${i}`, 1_000 + i))
    t.db.messages.insert(out('other', 'x', 5_000))
    const first = t.db.messages.list('p')
    expect(first).toHaveLength(50)
    expect(first.map(m => m.id)).toEqual(Array.from({ length: 50 }, (_, i) => `m${70 + i}`))
    const second = t.db.messages.list('p', { limit: 60, beforeTs: first[0]!.sentAt })
    expect(second.map(m => m.id)).toEqual(Array.from({ length: 60 }, (_, i) => `m${10 + i}`))
    const last = t.db.messages.list('p', { limit: 60, beforeTs: second[0]!.sentAt })
    expect(last.map(m => m.id)).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`))
  })

  it('orders incoming messages by our receive time, not the sender clock, and ties by insertion', () => {
    t = tempDb()
    t.db.messages.insert({ ...incoming('p', 'late-clock'), sentAt: 9_999_999_999_999 })
    t.db.messages.insert({ ...incoming('p', 'same-ms'), sentAt: 0 })
    t.clock.advance(1)
    t.db.messages.insert(out('p', 'mine', t.clock.now()))
    expect(t.db.messages.list('p').map(m => m.id)).toEqual(['late-clock', 'same-ms', 'mine'])
  })

  it('rejects a non-positive limit', () => {
    t = tempDb()
    expect(() => t.db.messages.list('p', { limit: 0 })).toThrowError(expect.objectContaining({ code: 'STORAGE_INVALID_ARGUMENT' }) as Error)
  })
})

describe('unread and conversations', () => {
  it('markIncomingRead marks only unread incoming messages and returns their ids oldest first', () => {
    t = tempDb()
    t.db.messages.insert(incoming('p', 'i1'))
    t.clock.advance(1)
    t.db.messages.insert(incoming('p', 'i2'))
    t.db.messages.insert(incoming('p', 'gone'))
    t.db.messages.markDeleted('p', ['gone'])
    t.db.messages.insert(out('p', 'o1', t.clock.now()))
    t.db.messages.insert(incoming('q', 'i1'))
    t.clock.advance(1)
    expect(t.db.messages.markIncomingRead('p')).toEqual(['i1', 'i2'])
    expect(t.db.messages.get('p', 'i2')).toMatchObject({ status: 'read', readAt: t.clock.now() })
    expect(t.db.messages.get('p', 'o1')?.status).toBe('pending')
    expect(t.db.messages.markIncomingRead('p')).toEqual([])
    expect(t.db.messages.get('q', 'i1')?.status).toBe('received')
  })

  it('lists one conversation per peer, newest first, with unread counts and nicknames', () => {
    t = tempDb()
    t.db.contacts.add('alice', 'Alice')
    t.db.messages.insert(incoming('alice', 'a1', 'hi'))
    t.db.messages.insert(incoming('alice', 'a2', 'there'))
    t.clock.advance(10)
    t.db.messages.insert(incoming('bob', 'b1', 'yo'))
    t.clock.advance(10)
    t.db.messages.insert(out('alice', 'a3', t.clock.now(), 'reply'))
    expect(t.db.messages.conversations()).toEqual([
      { peerId: 'alice', nickname: 'Alice', lastBody: 'reply', lastAt: t.clock.now(), unread: 2, request: false },
      { peerId: 'bob', nickname: null, lastBody: 'yo', lastAt: t.clock.now() - 10, unread: 1, request: false }
    ])
    t.db.messages.markIncomingRead('alice')
    t.db.messages.markDeleted('bob', ['b1'])
    expect(t.db.messages.conversations().map(c => [c.peerId, c.unread, c.lastBody])).toEqual([['alice', 0, 'reply'], ['bob', 0, '']])
  })
})
