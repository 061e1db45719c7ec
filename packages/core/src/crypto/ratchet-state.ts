// Double Ratchet session state: a plain object of bytes and numbers that the daemon stores as
// one BLOB (serializeRatchetState) and commits together with the message it produced.
import { equalBytes } from './bytes.js'
import {
  DM_KEY_BYTES, MAX_RATCHET_MESSAGE_NUMBER, MAX_RETIRED_RATCHET_KEYS, MAX_STORED_SKIPPED_KEYS, RATCHET_STATE_VERSION
} from './constants.js'
import { BadStateError } from './errors.js'
import type { X25519KeyPair } from './x25519.js'

export type SessionRole = 'initiator' | 'responder'

export interface ChainState {
  readonly key: Uint8Array
  /** Number of the next message in this chain. */
  readonly n: number
}

export interface SkippedMessageKey {
  /** Remote ratchet public key of the chain the key belongs to. */
  readonly dh: Uint8Array
  readonly n: number
  readonly messageKey: Uint8Array
  /** Clock time (ms) at which the key was stored; used for SKIPPED_KEY_MAX_AGE_MS expiry. */
  readonly storedAt: number
}

export interface RatchetState {
  readonly version: typeof RATCHET_STATE_VERSION
  readonly role: SessionRole
  /** Our Ed25519 identity public key. */
  readonly localIdentity: Uint8Array
  /** The peer's Ed25519 identity public key. */
  readonly remoteIdentity: Uint8Array
  /** The initiator's X3DH ephemeral public key: identifies the session (see initId). */
  readonly initId: Uint8Array
  readonly rootKey: Uint8Array
  readonly dhSelf: X25519KeyPair
  /** The peer's current ratchet public key; null for a responder before the first message. */
  readonly dhRemote: Uint8Array | null
  readonly send: ChainState | null
  readonly recv: ChainState | null
  /** Length of our previous sending chain (header PN). */
  readonly pn: number
  /** Skipped message keys, oldest first. */
  readonly skipped: readonly SkippedMessageKey[]
  /** Remote ratchet keys whose chains are finished, oldest first; a message on one of them is a replay. */
  readonly retiredRemoteKeys: readonly Uint8Array[]
  /**
   * Encoded session-init the initiator attaches to every message until it has decrypted a reply
   * (so a responder that missed the first message can still set up the session); null afterwards.
   */
  readonly pendingInit: Uint8Array | null
}

const ROLE_CODE = { initiator: 0, responder: 1 } as const
const MAX_PENDING_INIT_BYTES = 0xffff

class Writer {
  private buf = new Uint8Array(256)
  private view = new DataView(this.buf.buffer)
  private len = 0
  private reserve (n: number): void {
    if (this.len + n <= this.buf.length) return
    let size = this.buf.length * 2
    while (size < this.len + n) size *= 2
    const next = new Uint8Array(size)
    next.set(this.buf.subarray(0, this.len))
    this.buf = next
    this.view = new DataView(next.buffer)
  }

  u8 (x: number): void { this.reserve(1); this.view.setUint8(this.len, x); this.len += 1 }
  u16 (x: number): void { this.reserve(2); this.view.setUint16(this.len, x, false); this.len += 2 }
  u32 (x: number): void { this.reserve(4); this.view.setUint32(this.len, x, false); this.len += 4 }
  f64 (x: number): void { this.reserve(8); this.view.setFloat64(this.len, x, false); this.len += 8 }
  bytes (b: Uint8Array): void { this.reserve(b.length); this.buf.set(b, this.len); this.len += b.length }
  finish (): Uint8Array { return this.buf.slice(0, this.len) }
}

class Reader {
  private off = 0
  private readonly view: DataView
  constructor (private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  }

  private need (n: number): void {
    if (this.off + n > this.buf.length) throw new BadStateError('serialized ratchet state is truncated')
  }

  u8 (): number { this.need(1); const x = this.view.getUint8(this.off); this.off += 1; return x }
  u16 (): number { this.need(2); const x = this.view.getUint16(this.off, false); this.off += 2; return x }
  u32 (): number { this.need(4); const x = this.view.getUint32(this.off, false); this.off += 4; return x }
  f64 (): number { this.need(8); const x = this.view.getFloat64(this.off, false); this.off += 8; return x }
  bytes (n: number): Uint8Array { this.need(n); const b = this.buf.slice(this.off, this.off + n); this.off += n; return b }
  flag (): boolean {
    const x = this.u8()
    if (x > 1) throw new BadStateError('invalid presence flag in ratchet state')
    return x === 1
  }

  end (): void {
    if (this.off !== this.buf.length) throw new BadStateError('trailing bytes after ratchet state')
  }
}

/**
 * Layout (all integers big-endian):
 * version u8 | role u8 | localIdentity 32 | remoteIdentity 32 | initId 32 | rootKey 32 |
 * dhSelf.secret 32 | dhSelf.public 32 | [flag u8, dhRemote 32] | [flag, send.key 32, send.n u32] |
 * [flag, recv.key 32, recv.n u32] | pn u32 | [flag, len u16, pendingInit] |
 * retiredCount u16, retired 32 each | skippedCount u32, (dh 32, n u32, messageKey 32, storedAt f64) each
 */
export function serializeRatchetState (state: RatchetState): Uint8Array {
  assertRatchetState(state)
  const w = new Writer()
  w.u8(state.version)
  w.u8(ROLE_CODE[state.role])
  for (const b of [state.localIdentity, state.remoteIdentity, state.initId, state.rootKey, state.dhSelf.secretKey, state.dhSelf.publicKey]) w.bytes(b)
  w.u8(state.dhRemote === null ? 0 : 1)
  if (state.dhRemote !== null) w.bytes(state.dhRemote)
  for (const chain of [state.send, state.recv]) {
    w.u8(chain === null ? 0 : 1)
    if (chain !== null) { w.bytes(chain.key); w.u32(chain.n) }
  }
  w.u32(state.pn)
  w.u8(state.pendingInit === null ? 0 : 1)
  if (state.pendingInit !== null) { w.u16(state.pendingInit.length); w.bytes(state.pendingInit) }
  w.u16(state.retiredRemoteKeys.length)
  for (const k of state.retiredRemoteKeys) w.bytes(k)
  w.u32(state.skipped.length)
  for (const s of state.skipped) { w.bytes(s.dh); w.u32(s.n); w.bytes(s.messageKey); w.f64(s.storedAt) }
  return w.finish()
}

export function deserializeRatchetState (bytes: Uint8Array): RatchetState {
  if (!(bytes instanceof Uint8Array)) throw new BadStateError('serialized ratchet state must be a Uint8Array')
  const r = new Reader(bytes)
  const version = r.u8()
  if (version !== RATCHET_STATE_VERSION) throw new BadStateError(`unsupported ratchet state version ${version}`)
  const roleCode = r.u8()
  const role: SessionRole | undefined = roleCode === 0 ? 'initiator' : roleCode === 1 ? 'responder' : undefined
  if (role === undefined) throw new BadStateError(`invalid role code ${roleCode}`)
  const localIdentity = r.bytes(DM_KEY_BYTES)
  const remoteIdentity = r.bytes(DM_KEY_BYTES)
  const initId = r.bytes(DM_KEY_BYTES)
  const rootKey = r.bytes(DM_KEY_BYTES)
  const dhSelf = { secretKey: r.bytes(DM_KEY_BYTES), publicKey: r.bytes(DM_KEY_BYTES) }
  const dhRemote = r.flag() ? r.bytes(DM_KEY_BYTES) : null
  const send = r.flag() ? { key: r.bytes(DM_KEY_BYTES), n: r.u32() } : null
  const recv = r.flag() ? { key: r.bytes(DM_KEY_BYTES), n: r.u32() } : null
  const pn = r.u32()
  const pendingInit = r.flag() ? r.bytes(r.u16()) : null
  const retiredCount = r.u16()
  if (retiredCount > MAX_RETIRED_RATCHET_KEYS) throw new BadStateError('too many retired ratchet keys')
  const retiredRemoteKeys: Uint8Array[] = []
  for (let i = 0; i < retiredCount; i++) retiredRemoteKeys.push(r.bytes(DM_KEY_BYTES))
  const skippedCount = r.u32()
  if (skippedCount > MAX_STORED_SKIPPED_KEYS) throw new BadStateError('too many skipped message keys')
  const skipped: SkippedMessageKey[] = []
  for (let i = 0; i < skippedCount; i++) {
    skipped.push({ dh: r.bytes(DM_KEY_BYTES), n: r.u32(), messageKey: r.bytes(DM_KEY_BYTES), storedAt: r.f64() })
  }
  r.end()
  const state: RatchetState = {
    version, role, localIdentity, remoteIdentity, initId, rootKey, dhSelf, dhRemote, send, recv, pn, skipped, retiredRemoteKeys, pendingInit
  }
  assertRatchetState(state)
  return state
}

function isKey (b: unknown): b is Uint8Array {
  return b instanceof Uint8Array && b.length === DM_KEY_BYTES
}

function isCounter (x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= MAX_RATCHET_MESSAGE_NUMBER
}

/**
 * Structural check run on every state handed to the ratchet, so a corrupted row in the store
 * fails with BadStateError instead of a TypeError deep inside the crypto.
 */
export function assertRatchetState (state: unknown): asserts state is RatchetState {
  const fail = (what: string): never => { throw new BadStateError(`invalid ratchet state: ${what}`) }
  if (typeof state !== 'object' || state === null) return fail('not an object')
  const s = state as Partial<RatchetState>
  if (s.version !== RATCHET_STATE_VERSION) fail(`unsupported version ${String(s.version)}`)
  if (s.role !== 'initiator' && s.role !== 'responder') fail('role')
  if (!isKey(s.localIdentity) || !isKey(s.remoteIdentity)) fail('identity keys')
  if (equalBytes(s.localIdentity as Uint8Array, s.remoteIdentity as Uint8Array)) fail('local and remote identity are equal')
  if (!isKey(s.initId) || !isKey(s.rootKey)) fail('initId / rootKey')
  if (typeof s.dhSelf !== 'object' || s.dhSelf === null || !isKey(s.dhSelf.secretKey) || !isKey(s.dhSelf.publicKey)) fail('dhSelf')
  if (s.dhRemote !== null && !isKey(s.dhRemote)) fail('dhRemote')
  for (const chain of [s.send, s.recv]) {
    if (chain === null) continue
    if (typeof chain !== 'object' || !isKey(chain.key) || !isCounter(chain.n)) fail('chain')
  }
  if (s.recv !== null && s.dhRemote === null) fail('receiving chain without a remote ratchet key')
  if (!isCounter(s.pn)) fail('pn')
  if (s.pendingInit !== null && (!(s.pendingInit instanceof Uint8Array) || s.pendingInit.length > MAX_PENDING_INIT_BYTES)) fail('pendingInit')
  if (!Array.isArray(s.retiredRemoteKeys) || s.retiredRemoteKeys.length > MAX_RETIRED_RATCHET_KEYS || !s.retiredRemoteKeys.every(isKey)) fail('retiredRemoteKeys')
  if (!Array.isArray(s.skipped) || s.skipped.length > MAX_STORED_SKIPPED_KEYS) fail('skipped')
  for (const k of s.skipped as unknown[]) {
    const e = k as Partial<SkippedMessageKey> | null
    if (typeof e !== 'object' || e === null || !isKey(e.dh) || !isCounter(e.n) || !isKey(e.messageKey) || typeof e.storedAt !== 'number' || !Number.isFinite(e.storedAt)) fail('skipped entry')
  }
}
