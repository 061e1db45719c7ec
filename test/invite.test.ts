// Invites between real daemon processes that share no DHT, bootstrap or LAN discovery:
// the link alone brings them together, both keep the other as a contact (the invitee's
// call rings as a contact's, not a stranger's), and a reused, forged, expired or mangled
// link gets a clear error and changes nothing.
import { decodeInviteLink, encodeInviteLink } from '@parley/core/invite/index'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reached, watch } from './helpers/call-watch.js'
import { parley } from './helpers/cli.js'
import { startTestDaemon, teardown, waitFor } from './helpers/daemons.js'
import type { TestDaemon } from './helpers/daemons.js'

const codeOf = async (p: Promise<unknown>): Promise<string> => await p.then(() => 'no error', (err: unknown) => String((err as { code?: unknown }).code))

describe('invites', () => {
  let a: TestDaemon, b: TestDaemon, c: TestDaemon

  beforeAll(async () => {
    ;[a, b, c] = await Promise.all([startTestDaemon(), startTestDaemon(), startTestDaemon()])
  }, 60_000)
  afterAll(async () => { await teardown([a, b, c]) })

  it('B accepts A\'s link: both are contacts, connected with no DHT, and B\'s call rings at A as a contact\'s', async () => {
    const { link, addrs } = await a.client.call('invite.create', {})
    expect(addrs.length).toBeGreaterThan(0)
    expect(b.status.dhtRoutingTableSize).toBe(0)
    const r = await b.client.call('invite.accept', { link, nickname: 'Alice' })
    expect(r.peerId).toBe(a.peerId)
    const bSees = (await b.client.call('contacts.list')).find(x => x.peerId === a.peerId)
    expect(bSees).toMatchObject({ nickname: 'Alice', addedByUser: true })
    const aSees = (await a.client.call('contacts.list')).find(x => x.peerId === b.peerId)
    expect(aSees).toMatchObject({ addedByUser: true })

    const wa = await watch(a)
    try {
      const { callId } = await b.client.call('call.start', { peerId: a.peerId })
      const ring = await waitFor(() => wa.incoming.find(s => s.callId === callId), 'the call to ring at A')
      expect(ring.unknownCaller).toBe(false)
      await a.client.call('call.reject', {})
      await waitFor(() => reached(wa, callId, 'ended'), 'the call to end')
    } finally {
      wa.client.close()
    }

    // the link is used up: C cannot take it, and A does not add C
    expect(await codeOf(c.client.call('invite.accept', { link }))).toBe('INVITE_USED')
    expect((await a.client.call('contacts.list')).some(x => x.peerId === c.peerId && x.addedByUser)).toBe(false)
  }, 90_000)

  it('a forged secret is unknown to the inviter; an expired link, a mangled one and one\'s own are refused', async () => {
    const { link } = await a.client.call('invite.create', { expiresInMs: 60_000 })
    const inv = decodeInviteLink(link)
    const forged = encodeInviteLink({ ...inv, secret: inv.secret.map(x => x ^ 0xff) })
    expect(await codeOf(c.client.call('invite.accept', { link: forged }))).toBe('INVITE_UNKNOWN')
    expect(await codeOf(c.client.call('invite.accept', { link: link.slice(0, -10) }))).toBe('INVITE_MALFORMED')
    expect(await codeOf(a.client.call('invite.accept', { link }))).toBe('INVITE_SELF')
    const short = await a.client.call('invite.create', { expiresInMs: 1_000 })
    await new Promise(resolve => setTimeout(resolve, 2_100))
    expect(await codeOf(c.client.call('invite.accept', { link: short.link }))).toBe('INVITE_EXPIRED')
    // the unused 60 s link still works after all that
    expect((await c.client.call('invite.accept', { link })).peerId).toBe(a.peerId)
  }, 60_000)

  it('the CLI prints a link and a QR code, and explains a bad link in words', async () => {
    const made = await parley(['--home', a.home, 'invite', '--expires', '2h'])
    expect(made.code).toBe(0)
    expect(made.stdout).toMatch(/^parley:\/\/invite\/[A-Za-z0-9_-]+\n/)
    expect(made.stdout).toMatch(/[▀▄█]/)
    const bad = await parley(['--home', b.home, 'invite', 'accept', 'parley://invite/AAAA'])
    expect(bad.code).not.toBe(0)
    expect(bad.stderr).toMatch(/invite link/)
    const dur = await parley(['--home', a.home, 'invite', '--expires', 'soon'])
    expect(dur.code).not.toBe(0)
    expect(dur.stderr).toMatch(/not a duration/)
  }, 60_000)
})
