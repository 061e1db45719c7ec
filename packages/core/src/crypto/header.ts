// Ratchet message header, fixed 40-byte layout: DH ratchet public key (32) || PN (u32 BE) || N (u32 BE).
// The header is not encrypted; it is authenticated as part of the AEAD associated data.
import { RATCHET_HEADER_BYTES, DM_KEY_BYTES } from './constants.js'
import { BadHeaderError } from './errors.js'

export interface RatchetHeader {
  /** Sender's current ratchet public key (X25519). */
  dh: Uint8Array
  /** Number of messages in the sender's previous sending chain. */
  pn: number
  /** Message number in the current sending chain. */
  n: number
}

function isU32 (x: number): boolean {
  return Number.isInteger(x) && x >= 0 && x <= 0xffff_ffff
}

export function encodeHeader (header: RatchetHeader): Uint8Array {
  if (header.dh.length !== DM_KEY_BYTES) throw new BadHeaderError(`header DH key must be ${DM_KEY_BYTES} bytes`)
  if (!isU32(header.pn) || !isU32(header.n)) throw new BadHeaderError('header counters must be u32')
  const out = new Uint8Array(RATCHET_HEADER_BYTES)
  out.set(header.dh, 0)
  const view = new DataView(out.buffer)
  view.setUint32(DM_KEY_BYTES, header.pn, false)
  view.setUint32(DM_KEY_BYTES + 4, header.n, false)
  return out
}

export function decodeHeader (bytes: Uint8Array): RatchetHeader {
  if (!(bytes instanceof Uint8Array)) throw new BadHeaderError('header must be a Uint8Array')
  if (bytes.length !== RATCHET_HEADER_BYTES) throw new BadHeaderError(`header must be ${RATCHET_HEADER_BYTES} bytes, got ${bytes.length}`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return {
    dh: bytes.slice(0, DM_KEY_BYTES),
    pn: view.getUint32(DM_KEY_BYTES, false),
    n: view.getUint32(DM_KEY_BYTES + 4, false)
  }
}
