// X3DH-style session setup adapted to P2P: the initiator knows the responder's identity from its
// peer ID and, if the responder was reachable, a signed prekey. There are no one-time prekeys
// (nobody holds them for an offline peer); docs/protocol.md explains the trade-off.
//
//   without SPK:  DH1 = DH(IK_A, IK_B)   DH2 = DH(EK_A, IK_B)                         ratchet peer key = IK_B
//   with SPK:     DH1 = DH(IK_A, SPK_B)  DH2 = DH(EK_A, IK_B)  DH3 = DH(EK_A, SPK_B)   ratchet peer key = SPK_B
import { compareBytes, equalBytes } from './bytes.js'
import { DM_PROTOCOL_VERSION, RATCHET_STATE_VERSION } from './constants.js'
import { BadInitError } from './errors.js'
import type { IdentityKeyPair } from './identity.js'
import { kdfRk, x3dhSharedSecret } from './kdf.js'
import { defaultRandomBytes, type RandomBytes } from './random.js'
import { ratchetDecrypt, type DecryptResult, type RatchetOptions } from './ratchet.js'
import type { RatchetState } from './ratchet-state.js'
import { decodeSessionInit, encodeSessionInit, sessionInitId, type SessionInit } from './session-init.js'
import { verifySignedPrekey, type SignedPrekeyPublic } from './signed-prekey.js'
import { dh, ed25519PublicToX25519, generateX25519KeyPair, type X25519KeyPair } from './x25519.js'

export interface InitiateSessionOptions {
  identity: IdentityKeyPair
  /** Responder's Ed25519 identity public key (from its peer ID). */
  remoteIdentity: Uint8Array
  /** Responder's signed prekey, if one could be fetched; verified here. Default: none. */
  remoteSignedPrekey?: SignedPrekeyPublic
  /** Default: the platform CSPRNG. Draws the ephemeral key, then the first ratchet key. */
  randomBytes?: RandomBytes
}

export interface InitiatedSession {
  /** Initiator state; `state.pendingInit` holds the encoded init until a reply arrives. */
  state: RatchetState
  init: SessionInit
  initId: string
}

export function initiateSession (options: InitiateSessionOptions): InitiatedSession {
  const { identity, remoteIdentity } = options
  const randomBytes = options.randomBytes ?? defaultRandomBytes
  if (equalBytes(identity.publicKey, remoteIdentity)) throw new BadInitError('cannot open a session with oneself')
  const remoteIk = ed25519PublicToX25519(remoteIdentity)
  const spk = options.remoteSignedPrekey
  if (spk !== undefined) verifySignedPrekey(remoteIdentity, spk)

  const ephemeral = generateX25519KeyPair(randomBytes)
  const dhOutputs = spk === undefined
    ? [dh(identity.x25519.secretKey, remoteIk), dh(ephemeral.secretKey, remoteIk)]
    : [dh(identity.x25519.secretKey, spk.publicKey), dh(ephemeral.secretKey, remoteIk), dh(ephemeral.secretKey, spk.publicKey)]
  const sharedSecret = x3dhSharedSecret(dhOutputs)

  const remoteRatchetKey = spk?.publicKey ?? remoteIk
  const dhSelf = generateX25519KeyPair(randomBytes)
  const first = kdfRk(sharedSecret, dh(dhSelf.secretKey, remoteRatchetKey))
  const init: SessionInit = {
    version: DM_PROTOCOL_VERSION,
    initiatorIdentity: identity.publicKey.slice(),
    ephemeralKey: ephemeral.publicKey,
    signedPrekey: spk?.publicKey.slice() ?? null
  }
  const state: RatchetState = {
    version: RATCHET_STATE_VERSION,
    role: 'initiator',
    localIdentity: identity.publicKey.slice(),
    remoteIdentity: remoteIdentity.slice(),
    initId: ephemeral.publicKey,
    rootKey: first.rootKey,
    dhSelf,
    dhRemote: remoteRatchetKey.slice(),
    send: { key: first.chainKey, n: 0 },
    recv: null,
    pn: 0,
    skipped: [],
    retiredRemoteKeys: [],
    pendingInit: encodeSessionInit(init)
  }
  return { state, init, initId: sessionInitId(init) }
}

export interface RespondToSessionOptions {
  identity: IdentityKeyPair
  /** The session-init, decoded or encoded. */
  init: SessionInit | Uint8Array
  /** Key pair of the signed prekey named by `init.signedPrekey`; required when it is non-null. */
  signedPrekey?: X25519KeyPair
  /** If set, the init must come from this Ed25519 identity (the authenticated peer ID of the connection). */
  expectedRemoteIdentity?: Uint8Array
}

export interface RespondedSession {
  /**
   * Responder state before the first message: it still holds the identity or prekey secret as its
   * ratchet key and cannot send. Decrypt the first message at once (acceptSession does both).
   */
  state: RatchetState
  init: SessionInit
  initId: string
}

export function respondToSession (options: RespondToSessionOptions): RespondedSession {
  const { identity } = options
  // A decoded init from the daemon's own wire codec is re-validated through the canonical encoding.
  const init = decodeSessionInit(options.init instanceof Uint8Array ? options.init : encodeSessionInit(options.init))
  if (equalBytes(init.initiatorIdentity, identity.publicKey)) throw new BadInitError('session-init from our own identity')
  if (options.expectedRemoteIdentity !== undefined && !equalBytes(options.expectedRemoteIdentity, init.initiatorIdentity)) {
    throw new BadInitError('session-init identity does not match the authenticated peer')
  }
  const spk = options.signedPrekey
  if (init.signedPrekey !== null && (spk === undefined || !equalBytes(spk.publicKey, init.signedPrekey))) {
    throw new BadInitError('session-init names a signed prekey we do not hold')
  }
  const remoteIk = ed25519PublicToX25519(init.initiatorIdentity)
  const ownIk = identity.x25519.secretKey
  const dhOutputs = init.signedPrekey === null || spk === undefined
    ? [dh(ownIk, remoteIk), dh(ownIk, init.ephemeralKey)]
    : [dh(spk.secretKey, remoteIk), dh(ownIk, init.ephemeralKey), dh(spk.secretKey, init.ephemeralKey)]
  const sharedSecret = x3dhSharedSecret(dhOutputs)
  const dhSelf = init.signedPrekey === null || spk === undefined ? identity.x25519 : spk
  const state: RatchetState = {
    version: RATCHET_STATE_VERSION,
    role: 'responder',
    localIdentity: identity.publicKey.slice(),
    remoteIdentity: init.initiatorIdentity.slice(),
    initId: init.ephemeralKey.slice(),
    rootKey: sharedSecret,
    dhSelf: { secretKey: dhSelf.secretKey.slice(), publicKey: dhSelf.publicKey.slice() },
    dhRemote: null,
    send: null,
    recv: null,
    pn: 0,
    skipped: [],
    retiredRemoteKeys: [],
    pendingInit: null
  }
  return { state, init, initId: sessionInitId(init) }
}

export interface AcceptSessionOptions extends RespondToSessionOptions, RatchetOptions {
  /** Header and ciphertext of the first message that travelled with the init. */
  header: Uint8Array
  ciphertext: Uint8Array
  /** Caller associated data of that message; default empty. */
  ad?: Uint8Array
}

export interface AcceptedSession extends DecryptResult {
  init: SessionInit
  initId: string
}

/**
 * Responder side in one transactional step: set up from the init and decrypt the first message.
 * Nothing is returned unless the message authenticates, so a forged init cannot create a session.
 * The caller must reject an init whose initId it has accepted before, and record the id only
 * together with the returned state.
 */
export function acceptSession (options: AcceptSessionOptions): AcceptedSession {
  const responded = respondToSession(options)
  const decrypted = ratchetDecrypt(responded.state, options.header, options.ciphertext, options.ad, options)
  return { ...decrypted, init: responded.init, initId: responded.initId }
}

/**
 * Simultaneous initiation: when both peers have an unacknowledged session they started, the session
 * started by the lexicographically lower Ed25519 identity is the one both sides send on. Returns
 * true when our own pending session wins (keep sending on it, accept the peer's only to read its
 * first messages); false when we must accept the peer's session and send on it from now on.
 */
export function localInitiationWins (localIdentity: Uint8Array, remoteIdentity: Uint8Array): boolean {
  const order = compareBytes(localIdentity, remoteIdentity)
  if (order === 0) throw new BadInitError('local and remote identity are equal')
  return order < 0
}
