import { sha256 } from '@noble/hashes/sha2.js'
import { concatBytes, utf8 } from '../../src/crypto/bytes.js'
import {
  acceptSession, identityFromEd25519SecretKey, initiateSession, ratchetEncrypt,
  type IdentityKeyPair, type RandomBytes, type RatchetState
} from '../../src/crypto/index.js'

/** Deterministic randomness: SHA-256(label || counter), concatenated. Tests only. */
export function seededRandom (label: string): RandomBytes {
  let counter = 0
  return (length) => {
    const out = new Uint8Array(length)
    let off = 0
    while (off < length) {
      const block = sha256(concatBytes(utf8(label), Uint8Array.of(counter >>> 24, counter >>> 16, counter >>> 8, counter)))
      counter++
      out.set(block.subarray(0, Math.min(block.length, length - off)), off)
      off += block.length
    }
    return out
  }
}

export function identity (name: string): IdentityKeyPair {
  return identityFromEd25519SecretKey(sha256(utf8(`identity ${name}`)))
}

export const text = (s: string): Uint8Array => utf8(s)
export const str = (b: Uint8Array): string => new TextDecoder().decode(b)

export interface Pair {
  alice: RatchetState
  bob: RatchetState
  rngA: RandomBytes
  rngB: RandomBytes
}

/** Alice initiates, sends "hello", Bob accepts: both states ready to send. */
export function establishedPair (seed = 'pair'): Pair {
  const rngA = seededRandom(`${seed} alice`)
  const rngB = seededRandom(`${seed} bob`)
  const a = identity('alice')
  const b = identity('bob')
  const started = initiateSession({ identity: a, remoteIdentity: b.publicKey, randomBytes: rngA })
  const first = ratchetEncrypt(started.state, text('hello'))
  const accepted = acceptSession({
    identity: b, init: started.init, header: first.header, ciphertext: first.ciphertext, randomBytes: rngB, now: () => 0
  })
  return { alice: first.state, bob: accepted.state, rngA, rngB }
}
