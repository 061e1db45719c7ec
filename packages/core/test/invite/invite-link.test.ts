import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { INVITE_LINK_PREFIX, InviteLinkError, MAX_INVITE_ADDRS, decodeInviteLink, encodeInviteLink } from '../../src/invite/index.js'
import type { Invite } from '../../src/invite/index.js'

const sample: Invite = {
  peerId: '12D3KooWGRUVh2F6Sn1zKTeS5w2ToLn7ZmxShmhJJyNQJTxBwe5u',
  addrs: ['/ip4/203.0.113.7/udp/4001/quic-v1', '/ip4/198.51.100.2/tcp/4001/p2p/12D3KooWLRPJAA5o6Z6rJLxTCbsyR5NAuxoTt5eU5J6mgDTwNjss/p2p-circuit'],
  expiresAt: 1_900_000_000_000,
  secret: new Uint8Array(16).map((_, i) => i * 7)
}

const malformed = (link: string): string => {
  try { decodeInviteLink(link) } catch (err) {
    expect(err).toBeInstanceOf(InviteLinkError)
    expect((err as InviteLinkError).code).toBe('INVITE_MALFORMED')
    return (err as Error).message
  }
  return expect.fail(`decoded ${link}`)
}

describe('invite links', () => {
  it('round-trip, with the prefix, short enough for a QR code', () => {
    const link = encodeInviteLink(sample)
    expect(link.startsWith(INVITE_LINK_PREFIX)).toBe(true)
    expect(link.length).toBeLessThan(400)
    expect(decodeInviteLink(`  ${link}\n`)).toEqual(sample)
  })

  it('expiry is kept to the second, rounded up', () => {
    expect(decodeInviteLink(encodeInviteLink({ ...sample, expiresAt: 1_000_000_000_001 })).expiresAt).toBe(1_000_000_001_000)
  })

  it('at most MAX_INVITE_ADDRS addresses are written', () => {
    const many = Array.from({ length: 12 }, (_, i) => `/ip4/10.0.0.${i}/udp/1/quic-v1`)
    expect(decodeInviteLink(encodeInviteLink({ ...sample, addrs: many })).addrs).toHaveLength(MAX_INVITE_ADDRS)
  })

  it('anything else is INVITE_MALFORMED with a reason in words', () => {
    const link = encodeInviteLink(sample)
    expect(malformed('https://example.com/x')).toMatch(/starts with parley:\/\/invite\//)
    expect(malformed(link.slice(0, link.length - 20))).toMatch(/cut short/)
    expect(malformed(`${link}!`)).toMatch(/do not belong/)
    expect(malformed(`${link}AAAA`)).toMatch(/after its end/)
    expect(malformed(`${INVITE_LINK_PREFIX}Ag`)).toMatch(/version 2/)
    // 4k + 1 base64url characters cannot be decoded at all (found by npm run fuzz)
    expect(malformed(`${INVITE_LINK_PREFIX}AaYEV`)).toMatch(/character too many/)
    expect(malformed(INVITE_LINK_PREFIX + 'x'.repeat(5000))).toMatch(/too long/)
  })

  it('random links never decode to anything but an invite or INVITE_MALFORMED', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), bytes => {
      const link = INVITE_LINK_PREFIX + Buffer.from(bytes).toString('base64url') + (bytes.length % 3 === 0 ? 'A' : '')
      try { decodeInviteLink(link) } catch (err) { expect(err).toBeInstanceOf(InviteLinkError) }
    }), { numRuns: 2000 })
  })
})
