// The Double Ratchet (Signal specification, revision 4) as pure functions: every call takes a
// state and returns a new one; the input state is never mutated, so a failed decrypt leaves the
// caller's state exactly as it was and a successful one can be committed atomically with the message.
import { aeadOpen, aeadSeal } from './aead.js'
import { concatBytes, equalBytes } from './bytes.js'
import { MAX_RATCHET_MESSAGE_NUMBER, MAX_RETIRED_RATCHET_KEYS, MAX_SKIP, MAX_STORED_SKIPPED_KEYS, SKIPPED_KEY_MAX_AGE_MS } from './constants.js'
import { BadStateError, ReplayError, SessionNotReadyError, TooManySkippedError } from './errors.js'
import { decodeHeader, encodeHeader, type RatchetHeader } from './header.js'
import { kdfCk, kdfRk, messageSecrets } from './kdf.js'
import { defaultClock, defaultRandomBytes, type CryptoClock, type RandomBytes } from './random.js'
import { assertRatchetState, type RatchetState, type SkippedMessageKey } from './ratchet-state.js'
import { dh, generateX25519KeyPair } from './x25519.js'

export interface RatchetOptions {
  /** Randomness for new ratchet key pairs; default: the platform CSPRNG. */
  randomBytes?: RandomBytes
  /** Clock for skipped-key bookkeeping; default: Date.now. */
  now?: CryptoClock
}

export interface EncryptResult {
  state: RatchetState
  /** Encoded 40-byte header; send it in the clear next to the ciphertext. */
  header: Uint8Array
  ciphertext: Uint8Array
  /** Secret bound to this one message, equal to the receiver's; see deriveCallKeys. */
  exporterSecret: Uint8Array
}

export interface DecryptResult {
  state: RatchetState
  plaintext: Uint8Array
  exporterSecret: Uint8Array
}

const EMPTY = new Uint8Array(0)

/**
 * AD = initiator identity || responder identity || header || caller AD. The order is by role, not
 * by local/remote, so both ends compute the same bytes; the header is fixed-length, so the caller
 * part cannot be confused with it.
 */
function associatedData (state: RatchetState, header: Uint8Array, ad: Uint8Array): Uint8Array {
  const [first, second] = state.role === 'initiator'
    ? [state.localIdentity, state.remoteIdentity]
    : [state.remoteIdentity, state.localIdentity]
  return concatBytes(first, second, header, ad)
}

export function ratchetEncrypt (state: RatchetState, plaintext: Uint8Array, ad: Uint8Array = EMPTY): EncryptResult {
  assertRatchetState(state)
  const send = state.send
  if (send === null) throw new SessionNotReadyError('no sending chain yet: the responder must first decrypt a message')
  if (send.n >= MAX_RATCHET_MESSAGE_NUMBER) throw new BadStateError('sending chain exhausted')
  const { chainKey, messageKey } = kdfCk(send.key)
  const header = encodeHeader({ dh: state.dhSelf.publicKey, pn: state.pn, n: send.n })
  const secrets = messageSecrets(messageKey)
  const ciphertext = aeadSeal(secrets, plaintext, associatedData(state, header, ad))
  return {
    state: { ...state, send: { key: chainKey, n: send.n + 1 } },
    header,
    ciphertext,
    exporterSecret: secrets.exporter
  }
}

/** Mutable working copy used inside one decrypt; the caller only ever sees it if decryption succeeds. */
interface Draft {
  rootKey: Uint8Array
  dhSelf: RatchetState['dhSelf']
  dhRemote: Uint8Array | null
  send: RatchetState['send']
  recv: RatchetState['recv']
  pn: number
  skipped: SkippedMessageKey[]
  retiredRemoteKeys: Uint8Array[]
}

function skipMessageKeys (draft: Draft, until: number, now: number): void {
  const recv = draft.recv
  if (recv === null || draft.dhRemote === null) return
  if (until < recv.n) return
  if (until - recv.n > MAX_SKIP) {
    throw new TooManySkippedError(`message would skip ${until - recv.n} keys (MAX_SKIP = ${MAX_SKIP})`)
  }
  let key = recv.key
  for (let n = recv.n; n < until; n++) {
    const step = kdfCk(key)
    draft.skipped.push({ dh: draft.dhRemote, n, messageKey: step.messageKey, storedAt: now })
    key = step.chainKey
  }
  draft.recv = { key, n: until }
}

function dhRatchet (draft: Draft, header: RatchetHeader, randomBytes: RandomBytes): void {
  if (draft.dhRemote !== null && draft.recv !== null) draft.retiredRemoteKeys.push(draft.dhRemote)
  draft.pn = draft.send?.n ?? 0
  draft.dhRemote = header.dh
  const recvStep = kdfRk(draft.rootKey, dh(draft.dhSelf.secretKey, header.dh))
  draft.recv = { key: recvStep.chainKey, n: 0 }
  draft.dhSelf = generateX25519KeyPair(randomBytes)
  const sendStep = kdfRk(recvStep.rootKey, dh(draft.dhSelf.secretKey, header.dh))
  draft.rootKey = sendStep.rootKey
  draft.send = { key: sendStep.chainKey, n: 0 }
}

/**
 * Decrypts one message. Throws BadHeaderError, DecryptError, ReplayError, TooManySkippedError or
 * DegenerateKeyError; on any throw the input state is untouched and remains the state to keep.
 */
export function ratchetDecrypt (
  state: RatchetState,
  header: Uint8Array,
  ciphertext: Uint8Array,
  ad: Uint8Array = EMPTY,
  options: RatchetOptions = {}
): DecryptResult {
  assertRatchetState(state)
  const parsed = decodeHeader(header)
  const now = (options.now ?? defaultClock)()
  const randomBytes = options.randomBytes ?? defaultRandomBytes
  const fullAd = associatedData(state, header, ad)

  // Expired keys are treated as already gone, even before the state that drops them is committed.
  const liveSkipped = state.skipped.filter((k) => now - k.storedAt <= SKIPPED_KEY_MAX_AGE_MS)
  const skippedIndex = liveSkipped.findIndex((k) => k.n === parsed.n && equalBytes(k.dh, parsed.dh))
  if (skippedIndex >= 0) {
    const entry = liveSkipped[skippedIndex] as SkippedMessageKey
    const secrets = messageSecrets(entry.messageKey)
    const plaintext = aeadOpen(secrets, ciphertext, fullAd)
    const skipped = liveSkipped.filter((_, i) => i !== skippedIndex)
    return { state: finish(state, { skipped }, now), plaintext, exporterSecret: secrets.exporter }
  }

  // An initiator knows the responder's initial ratchet key but has no receiving chain for it
  // (the responder never sends with it), so only a key with a chain counts as the current chain.
  const sameChain = state.recv !== null && state.dhRemote !== null && equalBytes(parsed.dh, state.dhRemote)
  // Checked before any DH so a replay never costs a ratchet step and is reported as what it is.
  if (sameChain && state.recv !== null && parsed.n < state.recv.n) {
    throw new ReplayError(`message ${parsed.n} of the current chain was already received or its key discarded`)
  }
  if (!sameChain && state.retiredRemoteKeys.some((k) => equalBytes(k, parsed.dh))) {
    throw new ReplayError('message belongs to a finished chain and its key was already used or discarded')
  }

  const draft: Draft = {
    rootKey: state.rootKey,
    dhSelf: state.dhSelf,
    dhRemote: state.dhRemote,
    send: state.send,
    recv: state.recv,
    pn: state.pn,
    skipped: liveSkipped,
    retiredRemoteKeys: [...state.retiredRemoteKeys]
  }
  if (!sameChain) {
    skipMessageKeys(draft, parsed.pn, now)
    dhRatchet(draft, parsed, randomBytes)
  }
  skipMessageKeys(draft, parsed.n, now)
  const recv = draft.recv
  if (recv === null) throw new BadStateError('no receiving chain after ratchet step')
  const step = kdfCk(recv.key)
  draft.recv = { key: step.chainKey, n: recv.n + 1 }
  const secrets = messageSecrets(step.messageKey)
  const plaintext = aeadOpen(secrets, ciphertext, fullAd)
  return {
    state: finish(state, { ...draft, pendingInit: null }, now),
    plaintext,
    exporterSecret: secrets.exporter
  }
}

/** Applies expiry and the storage bounds (oldest first) to a successfully updated state. */
function finish (
  base: RatchetState,
  changes: Partial<Pick<RatchetState, 'rootKey' | 'dhSelf' | 'dhRemote' | 'send' | 'recv' | 'pn' | 'pendingInit'>> & {
    skipped: SkippedMessageKey[]
    retiredRemoteKeys?: Uint8Array[]
  },
  now: number
): RatchetState {
  let skipped = changes.skipped.filter((k) => now - k.storedAt <= SKIPPED_KEY_MAX_AGE_MS)
  if (skipped.length > MAX_STORED_SKIPPED_KEYS) skipped = skipped.slice(skipped.length - MAX_STORED_SKIPPED_KEYS)
  let retired = changes.retiredRemoteKeys ?? [...base.retiredRemoteKeys]
  if (retired.length > MAX_RETIRED_RATCHET_KEYS) retired = retired.slice(retired.length - MAX_RETIRED_RATCHET_KEYS)
  return { ...base, ...changes, skipped, retiredRemoteKeys: retired }
}
