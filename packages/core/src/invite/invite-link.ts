// Invite links (docs/protocol.md §6): what one user hands another to become contacts with no
// DHT lookup — the inviter's peer ID, addresses it can be reached at (direct and relayed),
// when the invite expires, and a one-time secret that lets the inviter recognise the new
// contact as invited rather than a stranger. The payload is binary (one byte reader/writer,
// ../wire) in base64url after a fixed prefix, short enough for a QR code.
//
//   parley://invite/<base64url( [version u8 = 1][secret 16 B][expires u32, unix s]
//                              [peer ID: u8 length + UTF-8][addr count u8]{[u16 length + UTF-8]} )>
import { fromString, toString } from 'uint8arrays'
import { ByteReader } from '../wire/byte-reader.js'
import { ByteWriter } from '../wire/byte-writer.js'
import { FixedCodeError } from '../errors.js'

export const INVITE_LINK_PREFIX = 'parley://invite/'
export const INVITE_LINK_VERSION = 1
/** 128 bits: guessing one is out of reach, and the inviter answers only one redemption per secret. */
export const INVITE_SECRET_BYTES = 16
/** Addresses an invite carries at most (a QR code must stay scannable). */
export const MAX_INVITE_ADDRS = 8
/** Longest address text accepted in an invite. */
export const MAX_INVITE_ADDR_CHARS = 512
/** Longest link accepted at all, before decoding. */
export const MAX_INVITE_LINK_CHARS = 4096

export interface Invite {
  peerId: string
  addrs: string[]
  /** Unix ms; stored at second precision. */
  expiresAt: number
  secret: Uint8Array
}

export class InviteLinkError extends FixedCodeError {
  static override readonly name = 'InviteLinkError'
  static readonly code = 'INVITE_MALFORMED'
}

const utf8 = new TextEncoder()
const text = new TextDecoder('utf-8', { fatal: true })

export function encodeInviteLink (inv: Invite): string {
  if (inv.secret.length !== INVITE_SECRET_BYTES) throw new InviteLinkError(`an invite secret is ${INVITE_SECRET_BYTES} bytes`)
  const addrs = inv.addrs.slice(0, MAX_INVITE_ADDRS)
  const w = new ByteWriter()
  w.u8(INVITE_LINK_VERSION).bytes(inv.secret).u32(Math.ceil(inv.expiresAt / 1000))
  const id = utf8.encode(inv.peerId)
  w.u8(id.length).bytes(id).u8(addrs.length)
  for (const a of addrs) { const b = utf8.encode(a); w.u16(b.length).bytes(b) }
  return INVITE_LINK_PREFIX + toString(w.finish(), 'base64url')
}

/** Throws InviteLinkError (INVITE_MALFORMED) on anything that is not a whole, well-formed invite link. */
export function decodeInviteLink (link: string): Invite {
  const s = link.trim()
  if (s.length > MAX_INVITE_LINK_CHARS) throw new InviteLinkError('that invite link is too long to be one')
  if (!s.startsWith(INVITE_LINK_PREFIX)) throw new InviteLinkError(`an invite link starts with ${INVITE_LINK_PREFIX}`)
  const body = s.slice(INVITE_LINK_PREFIX.length)
  if (!/^[A-Za-z0-9_-]+$/.test(body)) throw new InviteLinkError('the invite link has characters that do not belong to it (was it cut or changed?)')
  let bytes: Uint8Array
  try {
    bytes = fromString(body, 'base64url')
  } catch {
    // a base64url text of an impossible length: a character was lost or added
    throw new InviteLinkError('the invite link is cut short or has a character too many')
  }
  const r = new ByteReader(bytes, { mapError: () => new InviteLinkError('the invite link is cut short') })
  const version = r.u8()
  if (version !== INVITE_LINK_VERSION) throw new InviteLinkError(`invite link version ${version} is not one this Parley reads (${INVITE_LINK_VERSION})`)
  const secret = r.bytes(INVITE_SECRET_BYTES).slice()
  const expiresAt = r.u32() * 1000
  const peerId = readText(r, r.u8())
  const n = r.u8()
  if (n > MAX_INVITE_ADDRS) throw new InviteLinkError(`the invite link holds ${n} addresses, more than ${MAX_INVITE_ADDRS}`)
  const addrs: string[] = []
  for (let i = 0; i < n; i++) {
    const len = r.u16()
    if (len > MAX_INVITE_ADDR_CHARS) throw new InviteLinkError('an address in the invite link is too long')
    addrs.push(readText(r, len))
  }
  try { r.done() } catch { throw new InviteLinkError('the invite link has bytes after its end') }
  if (peerId.length === 0) throw new InviteLinkError('the invite link names no peer')
  return { peerId, addrs, expiresAt, secret }
}

function readText (r: ByteReader, n: number): string {
  try {
    return text.decode(r.bytes(n))
  } catch (err) {
    if (err instanceof InviteLinkError) throw err
    throw new InviteLinkError('the invite link holds text that is not UTF-8')
  }
}
