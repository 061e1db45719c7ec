// Safety numbers: 60 decimal digits both people can read to each other (or compare on screen) to
// confirm that neither identity key was substituted. Same shape as Signal's numeric fingerprint:
// 30 digits per identity from an iterated SHA-512, the two halves in sorted order so both sides
// display the same number.
import { sha512 } from '@noble/hashes/sha2.js'
import { concatBytes, utf8 } from './bytes.js'
import { DM_KEY_BYTES, DM_LABELS, SAFETY_NUMBER_DIGITS, SAFETY_NUMBER_GROUP_DIGITS, SAFETY_NUMBER_ITERATIONS } from './constants.js'
import { BadIdentityKeyError } from './errors.js'

const FINGERPRINT_VERSION = Uint8Array.of(0x00, 0x01)
const LABEL = utf8(DM_LABELS.safetyNumber)
const CHUNK_BYTES = 5
const CHUNKS_PER_IDENTITY = SAFETY_NUMBER_DIGITS / 2 / SAFETY_NUMBER_GROUP_DIGITS

export interface SafetyNumber {
  /** 60 digits, no separators. */
  digits: string
  /** 12 groups of 5 digits. */
  groups: string[]
  /** Groups joined by spaces, for display. */
  display: string
}

/** 30 digits for one Ed25519 identity key. */
export function identityFingerprintDigits (identityPublicKey: Uint8Array): string {
  if (identityPublicKey.length !== DM_KEY_BYTES) throw new BadIdentityKeyError('identity public key must be 32 bytes')
  let hash = sha512(concatBytes(FINGERPRINT_VERSION, LABEL, identityPublicKey))
  for (let i = 0; i < SAFETY_NUMBER_ITERATIONS; i++) hash = sha512(concatBytes(hash, identityPublicKey))
  let digits = ''
  for (let c = 0; c < CHUNKS_PER_IDENTITY; c++) {
    let value = 0
    // 40-bit big-endian chunk; stays exact in a double (< 2^53).
    for (let i = 0; i < CHUNK_BYTES; i++) value = value * 256 + (hash[c * CHUNK_BYTES + i] as number)
    digits += String(value % 10 ** SAFETY_NUMBER_GROUP_DIGITS).padStart(SAFETY_NUMBER_GROUP_DIGITS, '0')
  }
  return digits
}

/** The safety number of a pair of identities; symmetric, so both peers compute the same value. */
export function safetyNumber (identityA: Uint8Array, identityB: Uint8Array): SafetyNumber {
  const halves = [identityFingerprintDigits(identityA), identityFingerprintDigits(identityB)].sort()
  const digits = halves.join('')
  const groups: string[] = []
  for (let i = 0; i < digits.length; i += SAFETY_NUMBER_GROUP_DIGITS) groups.push(digits.slice(i, i + SAFETY_NUMBER_GROUP_DIGITS))
  return { digits, groups, display: groups.join(' ') }
}

/**
 * Compares a number typed or pasted by a user (any spacing) with the computed one. Used by
 * `parley verify <peer> <number>` before the contact is marked verified.
 */
export function safetyNumbersMatch (expected: SafetyNumber | string, entered: string): boolean {
  const want = typeof expected === 'string' ? expected.replace(/\s+/g, '') : expected.digits
  const got = entered.replace(/\s+/g, '')
  if (!/^\d+$/.test(got) || got.length !== SAFETY_NUMBER_DIGITS || want.length !== SAFETY_NUMBER_DIGITS) return false
  let diff = 0
  for (let i = 0; i < SAFETY_NUMBER_DIGITS; i++) diff |= want.charCodeAt(i) ^ got.charCodeAt(i)
  return diff === 0
}
