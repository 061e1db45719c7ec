// Ratchet-encrypts DM payloads for one peer and stores the session step: the sending half of
// the session book, shared by the service (messages, receipts, call signals) and the inbound
// path (receipts written back inside the receive transaction).
import { encodeEnvelope, identityFromEd25519SecretKey } from '@parley/core'
import type { IdentityKeyPair } from '@parley/core'
import type { Ed25519PrivateKey } from '@libp2p/interface'
import { InvalidPeerIdError } from '../errors.js'
import { parsePeerId } from '../p2p/dial.js'
import type { ParleyLibp2p } from '../p2p/node.js'
import type { ParleyDb } from '../storage/index.js'
import { decodeBook, encodeBook, seal } from './session-book.js'
import type { SessionBook } from './session-book.js'

export class DmSealer {
  readonly identity: IdentityKeyPair

  constructor (private readonly node: ParleyLibp2p, private readonly db: ParleyDb, privateKey: Ed25519PrivateKey) {
    this.identity = identityFromEd25519SecretKey(privateKey.raw)
  }

  /** The peer's Ed25519 identity key, from its peer ID; never our own. */
  remoteKey (peerId: string): Uint8Array {
    const pid = parsePeerId(peerId)
    if (pid.type !== 'Ed25519' || pid.publicKey == null) throw new InvalidPeerIdError(peerId)
    if (pid.equals(this.node.peerId)) throw new InvalidPeerIdError(peerId)
    return pid.publicKey.raw
  }

  loadBook (peerId: string): SessionBook {
    const raw = this.db.sessions.get(peerId)
    return raw != null ? decodeBook(raw) : { active: null, previous: null }
  }

  /** Inside a transaction: ratchet-encrypt and store the new session state; returns the envelope. */
  seal (peerId: string, remote: Uint8Array, plaintext: Uint8Array): { envelope: Uint8Array, exporterSecret: Uint8Array } {
    const sealed = seal(this.loadBook(peerId), this.identity, remote, plaintext)
    this.db.sessions.put(peerId, encodeBook(sealed.book))
    if (sealed.newInitId != null) this.db.sessions.addInit(peerId, sealed.newInitId)
    const envelope = encodeEnvelope({ sessionInit: sealed.sessionInit ?? null, header: sealed.header, ciphertext: sealed.ciphertext })
    return { envelope, exporterSecret: sealed.exporterSecret }
  }

  /** Inside a transaction: seal and put into the outbox; returns the message's exporter secret. */
  enqueue (peerId: string, remote: Uint8Array, plaintext: Uint8Array, messageId: string | null): Uint8Array {
    const { envelope, exporterSecret } = this.seal(peerId, remote, plaintext)
    this.db.outbox.enqueue(peerId, envelope, messageId)
    return exporterSecret
  }
}
