import { ed25519, x25519 } from '@noble/curves/ed25519.js'
import { describe, expect, it } from 'vitest'
import { fromHex, toHex } from '../../src/crypto/bytes.js'
import {
  BadIdentityKeyError, DegenerateKeyError, x25519Dh as dh, ed25519PublicToX25519, ed25519SecretToX25519, identityFromEd25519SecretKey
} from '../../src/crypto/index.js'

// Known answer from libsodium's test/default/ed25519_convert (crypto_sign_ed25519_{pk,sk}_to_curve25519).
const LIBSODIUM_SEED = fromHex('421151a459faeade3d247115f94aedae42318124095afabe4d1451a559faedee')
const LIBSODIUM_X_PUB = 'f1814f0e8ff1043d8a44d25babff3cedcae6c22c3edaa48f857ae70de2baae50'
const LIBSODIUM_X_SEC = '8052030376d47112be7f73ed7a019293dd12ad910b654455798b4667d73de166'

// Encodings of small-order Edwards points: identity (0,1), (0,-1) and the order-4 point with y = 0.
const ED_IDENTITY = fromHex('0100000000000000000000000000000000000000000000000000000000000000')
const ED_ORDER_2 = fromHex('ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f')
const ED_ORDER_4 = new Uint8Array(32)

describe('Ed25519 → X25519 conversion', () => {
  it('matches libsodium for the public and secret key', () => {
    const edPub = ed25519.getPublicKey(LIBSODIUM_SEED)
    expect(toHex(ed25519PublicToX25519(edPub))).toBe(LIBSODIUM_X_PUB)
    expect(toHex(ed25519SecretToX25519(LIBSODIUM_SEED))).toBe(LIBSODIUM_X_SEC)
  })

  it('converted secret and public keys form an X25519 key pair', () => {
    for (let i = 0; i < 8; i++) {
      const seed = new Uint8Array(32).fill(i * 31 + 1)
      const id = identityFromEd25519SecretKey(seed)
      expect(toHex(x25519.getPublicKey(id.x25519.secretKey))).toBe(toHex(id.x25519.publicKey))
    }
  })

  it('accepts the 64-byte seed||public form and rejects a mismatched public half', () => {
    const pub = ed25519.getPublicKey(LIBSODIUM_SEED)
    const full = new Uint8Array(64)
    full.set(LIBSODIUM_SEED)
    full.set(pub, 32)
    expect(toHex(identityFromEd25519SecretKey(full).publicKey)).toBe(toHex(pub))
    full[63] = (full[63] as number) ^ 1
    expect(() => identityFromEd25519SecretKey(full)).toThrow(BadIdentityKeyError)
    expect(() => identityFromEd25519SecretKey(new Uint8Array(31))).toThrow(BadIdentityKeyError)
  })

  it('rejects small-order and undecodable Ed25519 public keys', () => {
    for (const bad of [ED_IDENTITY, ED_ORDER_2, ED_ORDER_4, new Uint8Array(32).fill(0xff), new Uint8Array(31)]) {
      expect(() => ed25519PublicToX25519(bad)).toThrow(DegenerateKeyError)
    }
  })
})

describe('dh', () => {
  const secret = new Uint8Array(32).fill(9)
  it('rejects low-order X25519 public keys (degenerate output)', () => {
    const lowOrder = [
      new Uint8Array(32),
      fromHex('0100000000000000000000000000000000000000000000000000000000000000'),
      fromHex('e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800'),
      fromHex('ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f')
    ]
    for (const pub of lowOrder) expect(() => dh(secret, pub)).toThrow(DegenerateKeyError)
    expect(() => dh(secret, new Uint8Array(16))).toThrow(DegenerateKeyError)
  })

  it('agrees in both directions', () => {
    const a = new Uint8Array(32).fill(1)
    const b = new Uint8Array(32).fill(2)
    expect(toHex(dh(a, x25519.getPublicKey(b)))).toBe(toHex(dh(b, x25519.getPublicKey(a))))
  })
})
