// Message requests: strangers' messages in a bounded quota (count and UTF-8 bytes over all
// strangers), the oldest dropped first; accepting turns them into an ordinary conversation.
import { afterEach, describe, expect, it } from 'vitest'
import type { NewMessage } from '../../src/storage/index.js'
import { tempDb, type TempDb } from './helpers.js'

let t: TempDb
afterEach(() => { t.cleanup() })

const req = (peerId: string, id: string, body = `body ${id}`): NewMessage => ({ peerId, id, direction: 'in', body, sentAt: 1, request: true })

describe('message requests', () => {
  it('are marked in conversations and summarised per stranger', () => {
    t = tempDb()
    t.db.messages.insert({ peerId: 'friend', id: 'f1', direction: 'in', body: 'hi', sentAt: 1 })
    t.db.messages.insert(req('s1', 'a', 'héllo')) // 6 UTF-8 bytes
    t.clock.advance(5)
    t.db.messages.insert(req('s1', 'b', 'again'))
    const convs = t.db.messages.conversations()
    expect(convs.find(c => c.peerId === 's1')?.request).toBe(true)
    expect(convs.find(c => c.peerId === 'friend')?.request).toBe(false)
    expect(t.db.messages.requestPeers()).toEqual([
      { peerId: 's1', messages: 2, bytes: 11, firstAt: t.clock.now() - 5, lastAt: t.clock.now(), lastBody: 'again' }
    ])
    expect(t.db.messages.requestUsage()).toEqual({ messages: 2, bytes: 11 })
  })

  it('the count quota drops the oldest requests of any stranger, never ordinary messages', () => {
    t = tempDb()
    t.db.messages.insert({ peerId: 'friend', id: 'f1', direction: 'in', body: 'keep me', sentAt: 1 })
    for (let i = 0; i < 5; i++) t.db.messages.insert(req(i % 2 === 0 ? 's1' : 's2', `m${i}`))
    const dropped = t.db.messages.trimRequests(3, 1_000_000)
    expect(dropped).toEqual([{ peerId: 's1', id: 'm0' }, { peerId: 's2', id: 'm1' }])
    expect(t.db.messages.requestUsage().messages).toBe(3)
    expect(t.db.messages.get('friend', 'f1')?.body).toBe('keep me')
    expect(t.db.messages.get('s1', 'm4')).toBeDefined()
  })

  it('the byte quota counts UTF-8 bytes and a message larger than the quota goes at once', () => {
    t = tempDb()
    t.db.messages.insert(req('s', 'a', 'x'.repeat(41)))
    t.db.messages.insert(req('s', 'b', 'é'.repeat(30))) // 60 bytes, 30 characters
    expect(t.db.messages.trimRequests(100, 100).map(d => d.id)).toEqual(['a'])
    expect(t.db.messages.requestUsage()).toEqual({ messages: 1, bytes: 60 })
    t.db.messages.insert(req('s', 'huge', 'y'.repeat(200)))
    expect(t.db.messages.trimRequests(100, 100).map(d => d.id)).toEqual(['huge'])
    expect(t.db.messages.requestUsage()).toEqual({ messages: 1, bytes: 60 })
  })

  it('accepting makes them ordinary messages (out of the quota); dropping deletes only requests', () => {
    t = tempDb()
    t.db.messages.insert(req('s', 'a'))
    t.db.messages.insert(req('s', 'b'))
    t.db.messages.insert(req('t', 'c'))
    expect(t.db.messages.acceptRequests('s')).toBe(2)
    expect(t.db.messages.conversations().find(c => c.peerId === 's')?.request).toBe(false)
    expect(t.db.messages.trimRequests(0, 0)).toEqual([{ peerId: 't', id: 'c' }])
    expect(t.db.messages.count('s')).toBe(2)
    t.db.messages.insert(req('u', 'd'))
    t.db.messages.insert({ peerId: 'u', id: 'mine', direction: 'out', body: 'x', sentAt: 1 })
    expect(t.db.messages.dropRequests('u')).toBe(1)
    expect(t.db.messages.get('u', 'mine')).toBeDefined()
    expect(t.db.messages.hasOutgoing('u')).toBe(true)
    expect(t.db.messages.hasOutgoing('s')).toBe(false)
  })

  it('only an incoming message can be a request; the flag survives a reopen', () => {
    t = tempDb()
    expect(() => t.db.messages.insert({ peerId: 'p', id: 'o', direction: 'out', body: 'x', sentAt: 1, request: true }))
      .toThrowError(expect.objectContaining({ code: 'STORAGE_INVALID_ARGUMENT' }) as Error)
    t.db.messages.insert(req('p', 'a'))
    t.reopen()
    expect(t.db.messages.requestUsage().messages).toBe(1)
  })
})
