// Invites (docs/protocol.md §6): `parley invite` makes a link with this daemon's peer ID,
// addresses and a one-time secret; `parley invite accept <link>` dials those addresses
// directly (no DHT lookup) and redeems the secret over INVITE_PROTOCOL. The inviter then
// keeps the new peer as a contact (not a stranger: its calls ring and its messages are not
// held as requests), once per invite; the accepter adds the inviter.
import { createHash, randomBytes } from 'node:crypto'
import type { Stream } from '@libp2p/interface'
import { multiaddr } from '@multiformats/multiaddr'
import type { Multiaddr } from '@multiformats/multiaddr'
import { INVITE_SECRET_BYTES, InviteLinkError, MAX_INVITE_ADDRS, decodeInviteLink, encodeInviteLink } from '@parley/core/invite/index'
import type { Logger } from '../logger.js'
import { quicFirstAddressSorter } from '../p2p/address-sorter.js'
import { parsePeerId, withoutPeerSuffix } from '../p2p/dial.js'
import { nodeProfile } from '../p2p/node.js'
import type { ParleyLibp2p } from '../p2p/node.js'
import { usableAddresses } from '../p2p/reachability.js'
import type { ParleyDb } from '../storage/index.js'
import {
  DEFAULT_INVITE_EXPIRY_MS, INVITE_ACCEPT_TIMEOUT_MS, INVITE_PROTOCOL, INVITE_PROTOCOL_VERSION, INVITE_PRUNE_GRACE_MS,
  INVITE_READ_TIMEOUT_MS, INVITE_STATUS, MAX_INBOUND_INVITE_STREAMS
} from './constants.js'
import type { InviteStatus } from './constants.js'
import { inviteBadAnswer, inviteExpired, inviteSelf, inviteUnknown, inviteUnreachable, inviteUsed } from './errors.js'
import { readExactly } from './stream-read.js'

export interface InviteServiceOptions {
  node: ParleyLibp2p
  db: ParleyDb
  log: Logger
  /** Clock for expiry; default Date.now. */
  now?: () => number
}

export interface CreatedInvite { link: string, expiresAt: number, addrs: string[] }
export interface AcceptedInvite { peerId: string, remoteAddr: string }

const hashOf = (secret: Uint8Array): string => createHash('sha256').update(secret).digest('hex')
const REQUEST_BYTES = 1 + INVITE_SECRET_BYTES

export class InviteService {
  private readonly now: () => number

  constructor (private readonly o: InviteServiceOptions) {
    this.now = o.now ?? Date.now
  }

  async start (): Promise<void> {
    this.o.db.invites.pruneExpired(INVITE_PRUNE_GRACE_MS)
    await this.o.node.handle(INVITE_PROTOCOL, (stream, connection) => {
      this.onRedeem(stream, connection.remotePeer.toString()).catch(err => {
        this.o.log.debug('invite redemption dropped', { error: (err as Error).message })
        stream.abort(err as Error)
      })
    }, { maxInboundStreams: MAX_INBOUND_INVITE_STREAMS, runOnLimitedConnection: true })
  }

  async stop (): Promise<void> {
    try { await this.o.node.unhandle(INVITE_PROTOCOL) } catch {}
  }

  /** A new invite valid for expiresInMs, carrying the addresses this daemon listens on now. */
  create (expiresInMs = DEFAULT_INVITE_EXPIRY_MS): CreatedInvite {
    const secret = new Uint8Array(randomBytes(INVITE_SECRET_BYTES))
    // whole seconds in the link: store what the link says
    const expiresAt = Math.ceil((this.now() + expiresInMs) / 1000) * 1000
    const addrs = linkAddrs(this.o.node)
      .map(a => ({ multiaddr: a, isCertified: false }))
      .sort(quicFirstAddressSorter)
      .slice(0, MAX_INVITE_ADDRS)
      .map(a => withoutPeerSuffix(a.multiaddr))
    this.o.db.invites.create(hashOf(secret), expiresAt)
    return { link: encodeInviteLink({ peerId: this.o.node.peerId.toString(), addrs, expiresAt, secret }), expiresAt, addrs }
  }

  /** Dials the inviter at the link's addresses (no DHT), redeems the secret, and adds the contact. */
  async accept (link: string, nickname?: string): Promise<AcceptedInvite> {
    const inv = decodeInviteLink(link)
    const peerId = parsePeerId(inv.peerId)
    if (peerId.equals(this.o.node.peerId)) throw inviteSelf()
    if (inv.expiresAt <= this.now()) throw inviteExpired()
    const addrs = inv.addrs.map((a, i) => toMultiaddr(a, i, inv.peerId))
    if (addrs.length === 0) throw new InviteLinkError('the invite link holds no address to reach the inviter at')
    const signal = AbortSignal.timeout(INVITE_ACCEPT_TIMEOUT_MS)
    let stream: Stream
    let remoteAddr: string
    try {
      const conn = await this.o.node.dial(addrs, { signal })
      remoteAddr = conn.remoteAddr.toString()
      stream = await conn.newStream(INVITE_PROTOCOL, { signal, runOnLimitedConnection: true })
    } catch (err) {
      throw inviteUnreachable((err as Error).message)
    }
    const request = new Uint8Array(REQUEST_BYTES)
    request[0] = INVITE_PROTOCOL_VERSION
    request.set(inv.secret, 1)
    stream.send(request)
    let answer: Uint8Array
    try {
      answer = await readExactly(stream, 1, INVITE_ACCEPT_TIMEOUT_MS)
    } catch (err) {
      stream.abort(err as Error)
      throw inviteBadAnswer((err as Error).message)
    }
    await stream.close().catch(() => { stream.abort(new Error('close failed')) })
    const status = statusOf(answer[0] ?? -1)
    if (status == null) throw inviteBadAnswer(`status ${answer[0] ?? '?'}`)
    if (status === 'expired') throw inviteExpired()
    if (status === 'used') throw inviteUsed()
    if (status === 'unknown') throw inviteUnknown()
    await this.o.node.peerStore.merge(peerId, { multiaddrs: addrs })
    const existing = this.o.db.contacts.get(inv.peerId)
    this.o.db.contacts.add(inv.peerId, nickname ?? existing?.nickname ?? null)
    return { peerId: inv.peerId, remoteAddr }
  }

  /** The inviter's side: check the secret once, keep the redeeming peer as a contact, answer. */
  private async onRedeem (stream: Stream, remotePeer: string): Promise<void> {
    const req = await readExactly(stream, REQUEST_BYTES, INVITE_READ_TIMEOUT_MS)
    if (req[0] !== INVITE_PROTOCOL_VERSION) throw new Error(`invite request version ${req[0] ?? '?'}`)
    const result = this.o.db.tx(() => {
      const r = this.o.db.invites.redeem(hashOf(req.subarray(1)), remotePeer)
      if (r === 'ok') this.o.db.contacts.add(remotePeer, this.o.db.contacts.get(remotePeer)?.nickname ?? null)
      return r
    })
    this.o.log.info('invite redeemed', { peerId: remotePeer, result })
    stream.send(Uint8Array.of(INVITE_STATUS[result]))
    await stream.close().catch(() => { stream.abort(new Error('close failed')) })
  }
}

function statusOf (code: number): InviteStatus | undefined {
  return (Object.keys(INVITE_STATUS) as InviteStatus[]).find(k => INVITE_STATUS[k] === code)
}

function toMultiaddr (text: string, i: number, peerId: string): Multiaddr {
  let ma: Multiaddr
  try {
    ma = multiaddr(text)
  } catch {
    throw new InviteLinkError(`address ${i + 1} in the invite link is not an address`)
  }
  // a relayed address holds the relay's /p2p/ too: only a trailing one names the inviter
  return ma.getComponents().at(-1)?.name === 'p2p' ? ma : ma.encapsulate(`/p2p/${peerId}`)
}

/**
 * The addresses a link carries. On the internet profile only those a stranger elsewhere can
 * use (public and relayed): a private LAN address means nothing there, and since the sorter
 * puts relayed ones last, private ones could crowd them out of the link's few slots. On a LAN
 * (or when nothing usable is known yet) every address.
 */
function linkAddrs (node: ParleyLibp2p): Multiaddr[] {
  const all = node.getMultiaddrs()
  if (nodeProfile(node).profile !== 'internet') return all
  const usable = new Set(usableAddresses(all))
  const picked = all.filter(a => usable.has(a.toString()))
  return picked.length > 0 ? picked : all
}
