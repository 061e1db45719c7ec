// The ratchet sessions held with one peer: the active one (used to send) and at most one
// previous one, kept so messages already encrypted under it (in flight, or queued before
// a session reset or a glare) still decrypt. Both are stored as one blob per peer, so a
// session switch commits atomically with the message that caused it.
import {
  acceptSession, BadStateError, DecryptError, decodeSessionInit, deserializeRatchetState,
  initiateSession, localInitiationWins, ratchetDecrypt, ratchetEncrypt, ReplayError, serializeRatchetState, sessionInitId
} from '@parley/core'
import type { IdentityKeyPair, RatchetState } from '@parley/core'
import { ParleyError } from '../errors.js'

export interface SessionBook {
  active: RatchetState | null
  previous: RatchetState | null
}

const BOOK_VERSION = 1

export function encodeBook (book: SessionBook): Uint8Array {
  const a = book.active != null ? serializeRatchetState(book.active) : new Uint8Array(0)
  const p = book.previous != null ? serializeRatchetState(book.previous) : new Uint8Array(0)
  const out = new Uint8Array(1 + 4 + a.length + 4 + p.length)
  const view = new DataView(out.buffer)
  out[0] = BOOK_VERSION
  view.setUint32(1, a.length)
  out.set(a, 5)
  view.setUint32(5 + a.length, p.length)
  out.set(p, 9 + a.length)
  return out
}

export function decodeBook (bytes: Uint8Array): SessionBook {
  if (bytes.length < 9 || bytes[0] !== BOOK_VERSION) throw new BadStateError('session book: bad version or length')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const aLen = view.getUint32(1)
  if (9 + aLen > bytes.length) throw new BadStateError('session book: truncated')
  const pLen = view.getUint32(5 + aLen)
  if (9 + aLen + pLen !== bytes.length) throw new BadStateError('session book: bad length')
  return {
    active: aLen > 0 ? deserializeRatchetState(bytes.subarray(5, 5 + aLen)) : null,
    previous: pLen > 0 ? deserializeRatchetState(bytes.subarray(9 + aLen, 9 + aLen + pLen)) : null
  }
}

export interface Sealed {
  book: SessionBook
  sessionInit: Uint8Array | undefined
  header: Uint8Array
  ciphertext: Uint8Array
  /** Per-message exporter secret (call keys derive from the offer's). */
  exporterSecret: Uint8Array
  /** Set when this call started a new session. */
  newInitId: string | undefined
}

/** Encrypt with the active session, starting one (X3DH, identity keys) if there is none. */
export function seal (book: SessionBook, identity: IdentityKeyPair, remoteIdentity: Uint8Array, plaintext: Uint8Array): Sealed {
  let active = book.active
  let newInitId: string | undefined
  if (active == null) {
    const started = initiateSession({ identity, remoteIdentity })
    active = started.state
    newInitId = started.initId
  }
  const r = ratchetEncrypt(active, plaintext)
  return {
    book: { active: r.state, previous: book.previous },
    sessionInit: active.pendingInit ?? undefined,
    header: r.header,
    ciphertext: r.ciphertext,
    exporterSecret: r.exporterSecret,
    newInitId
  }
}

export interface Opened {
  book: SessionBook
  plaintext: Uint8Array
  exporterSecret: Uint8Array
  /** The init id of a session this envelope created (record it with the state). */
  acceptedInitId: string | undefined
}

export interface OpenInput {
  sessionInit: Uint8Array | null | undefined
  header: Uint8Array
  ciphertext: Uint8Array
}

/**
 * Decrypt an envelope. Pure: returns the new book; the caller commits it together with
 * whatever the message caused. `initSeen` says whether an init id was accepted before.
 */
export function open (book: SessionBook, identity: IdentityKeyPair, remoteIdentity: Uint8Array, env: OpenInput, initSeen: (initId: string) => boolean): Opened {
  if (env.sessionInit != null) {
    const init = decodeSessionInit(env.sessionInit)
    for (const which of ['active', 'previous'] as const) {
      const s = book[which]
      if (s != null && sameBytes(s.initId, init.ephemeralKey)) {
        const r = ratchetDecrypt(s, env.header, env.ciphertext)
        return { book: { ...book, [which]: r.state }, plaintext: r.plaintext, exporterSecret: r.exporterSecret, acceptedInitId: undefined }
      }
    }
    // The identity in the init must be the one the transport authenticated (the peer
    // ID embeds it). Anything else is someone claiming another identity: refuse and say so.
    if (!sameBytes(init.initiatorIdentity, remoteIdentity)) throw new IdentityMismatchError()
    const initId = sessionInitId(init)
    if (initSeen(initId)) throw new ReplayError('session-init already used')
    const accepted = acceptSession({ identity, init, header: env.header, ciphertext: env.ciphertext, expectedRemoteIdentity: remoteIdentity })
    const ours = book.active
    // Glare: both sides started a session before hearing from the other. The session
    // started by the lower identity key wins on both sides; the other is kept only to
    // decrypt what was already sent on it.
    const oursIsUnanswered = ours != null && ours.role === 'initiator' && ours.pendingInit != null
    const keepOurs = oursIsUnanswered && localInitiationWins(identity.publicKey, remoteIdentity)
    const next: SessionBook = keepOurs
      ? { active: ours, previous: accepted.state }
      : { active: accepted.state, previous: ours }
    return { book: next, plaintext: accepted.plaintext, exporterSecret: accepted.exporterSecret, acceptedInitId: accepted.initId }
  }
  let lastErr: unknown = new DecryptError('no session with this peer')
  for (const which of ['active', 'previous'] as const) {
    const s = book[which]
    if (s == null) continue
    try {
      const r = ratchetDecrypt(s, env.header, env.ciphertext)
      return { book: { ...book, [which]: r.state }, plaintext: r.plaintext, exporterSecret: r.exporterSecret, acceptedInitId: undefined }
    } catch (err) {
      lastErr = err
      if (err instanceof ReplayError) throw err
    }
  }
  throw lastErr
}

export class IdentityMismatchError extends ParleyError {
  static override readonly name = 'IdentityMismatchError'
  constructor () {
    super('DM_IDENTITY_MISMATCH', 'the session-init names an identity key that is not the sender\'s peer ID')
  }
}

function sameBytes (a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}
