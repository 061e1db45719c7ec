import { describe, expect, it } from 'vitest'
import { toHex } from '../../src/crypto/bytes.js'
import {
  BadHeaderError, BadInitError, BadSignatureError, DecryptError, acceptSession, decodeSessionInit, encodeSessionInit, generateSignedPrekey,
  initiateSession, localInitiationWins, ratchetDecrypt, ratchetEncrypt, respondToSession, sessionInitId, type RatchetState
} from '../../src/crypto/index.js'
import { identity, seededRandom, str, text } from './helpers.js'

const alice = identity('alice')
const bob = identity('bob')
const mallory = identity('mallory')

describe('X3DH-style session setup', () => {
  it('identity-only mode: both sides derive the same session', () => {
    const started = initiateSession({ identity: alice, remoteIdentity: bob.publicKey, randomBytes: seededRandom('s1') })
    expect(started.init.signedPrekey).toBeNull()
    expect(started.initId).toBe(toHex(started.init.ephemeralKey))
    expect(toHex(started.state.pendingInit ?? new Uint8Array())).toBe(toHex(encodeSessionInit(started.init)))
    const m = ratchetEncrypt(started.state, text('first'))
    const accepted = acceptSession({ identity: bob, init: encodeSessionInit(started.init), header: m.header, ciphertext: m.ciphertext, expectedRemoteIdentity: alice.publicKey })
    expect(str(accepted.plaintext)).toBe('first')
    expect(accepted.initId).toBe(started.initId)
    expect(toHex(accepted.state.initId)).toBe(toHex(started.state.initId))
    // The responder has ratcheted: its identity key is no longer its ratchet key.
    expect(toHex(accepted.state.dhSelf.secretKey)).not.toBe(toHex(bob.x25519.secretKey))
  })

  it('signed-prekey mode: verifies the signature and derives the same session', () => {
    const spk = generateSignedPrekey(bob, { randomBytes: seededRandom('spk') })
    const started = initiateSession({
      identity: alice, remoteIdentity: bob.publicKey, remoteSignedPrekey: { publicKey: spk.publicKey, signature: spk.signature }, randomBytes: seededRandom('s2')
    })
    expect(toHex(started.init.signedPrekey ?? new Uint8Array())).toBe(toHex(spk.publicKey))
    const m = ratchetEncrypt(started.state, text('with prekey'))
    const accepted = acceptSession({ identity: bob, init: started.init, signedPrekey: spk.keyPair, header: m.header, ciphertext: m.ciphertext })
    expect(str(accepted.plaintext)).toBe('with prekey')
    // Without the prekey the responder cannot set up the session.
    expect(() => respondToSession({ identity: bob, init: started.init })).toThrow(BadInitError)
    const other = generateSignedPrekey(bob, { randomBytes: seededRandom('spk2') })
    expect(() => respondToSession({ identity: bob, init: started.init, signedPrekey: other.keyPair })).toThrow(BadInitError)
  })

  it('rejects a signed prekey not signed by the responder identity', () => {
    const spk = generateSignedPrekey(mallory, { randomBytes: seededRandom('spk') })
    expect(() => initiateSession({ identity: alice, remoteIdentity: bob.publicKey, remoteSignedPrekey: spk })).toThrow(BadSignatureError)
    const good = generateSignedPrekey(bob, { randomBytes: seededRandom('spk') })
    const sig = good.signature.slice()
    sig[5] = (sig[5] as number) ^ 1
    expect(() => initiateSession({ identity: alice, remoteIdentity: bob.publicKey, remoteSignedPrekey: { publicKey: good.publicKey, signature: sig } })).toThrow(BadSignatureError)
    const swapped = generateSignedPrekey(bob, { randomBytes: seededRandom('spk-other') })
    expect(() => initiateSession({ identity: alice, remoteIdentity: bob.publicKey, remoteSignedPrekey: { publicKey: swapped.publicKey, signature: good.signature } })).toThrow(BadSignatureError)
  })

  it('a forged or altered init does not authenticate', () => {
    const started = initiateSession({ identity: alice, remoteIdentity: bob.publicKey, randomBytes: seededRandom('s3') })
    const m = ratchetEncrypt(started.state, text('first'))
    // Mallory claims to be Alice: she does not hold Alice's identity secret, so DH1 differs.
    const forged = { ...started.init, initiatorIdentity: mallory.publicKey }
    expect(() => acceptSession({ identity: bob, init: forged, header: m.header, ciphertext: m.ciphertext })).toThrow(DecryptError)
    const otherEk = initiateSession({ identity: alice, remoteIdentity: bob.publicKey, randomBytes: seededRandom('s4') }).init.ephemeralKey
    expect(() => acceptSession({ identity: bob, init: { ...started.init, ephemeralKey: otherEk }, header: m.header, ciphertext: m.ciphertext })).toThrow(DecryptError)
    // An init meant for Bob does not open for Mallory.
    expect(() => acceptSession({ identity: mallory, init: started.init, header: m.header, ciphertext: m.ciphertext })).toThrow(DecryptError)
  })

  it('rejects an init from an unexpected peer or from ourselves, and malformed init objects', () => {
    const started = initiateSession({ identity: alice, remoteIdentity: bob.publicKey, randomBytes: seededRandom('s5') })
    expect(() => respondToSession({ identity: bob, init: { ...started.init, version: 2 as 1 } })).toThrow(BadHeaderError)
    expect(() => respondToSession({ identity: bob, init: { ...started.init, ephemeralKey: new Uint8Array(31) } })).toThrow(BadHeaderError)
    expect(() => respondToSession({ identity: bob, init: started.init, expectedRemoteIdentity: mallory.publicKey })).toThrow(BadInitError)
    expect(() => respondToSession({ identity: alice, init: started.init })).toThrow(BadInitError)
    expect(() => initiateSession({ identity: alice, remoteIdentity: alice.publicKey })).toThrow(BadInitError)
  })

  it('a replayed init yields the same init id, so the caller can refuse it', () => {
    const started = initiateSession({ identity: alice, remoteIdentity: bob.publicKey, randomBytes: seededRandom('s6') })
    const m = ratchetEncrypt(started.state, text('once'))
    const accepted = new Set<string>()
    const deliver = (): string => {
      const r = acceptSession({ identity: bob, init: started.init, header: m.header, ciphertext: m.ciphertext })
      if (accepted.has(r.initId)) return 'replay'
      accepted.add(r.initId)
      return str(r.plaintext)
    }
    expect(deliver()).toBe('once')
    expect(deliver()).toBe('replay')
    expect(sessionInitId(decodeSessionInit(encodeSessionInit(started.init)))).toBe(started.initId)
  })

  it('simultaneous initiation converges on the session of the lower identity', () => {
    const rngA = seededRandom('simA')
    const rngB = seededRandom('simB')
    const sA = initiateSession({ identity: alice, remoteIdentity: bob.publicKey, randomBytes: rngA })
    const sB = initiateSession({ identity: bob, remoteIdentity: alice.publicKey, randomBytes: rngB })
    const mA = ratchetEncrypt(sA.state, text('from A'))
    const mB = ratchetEncrypt(sB.state, text('from B'))
    // Both inits cross in flight; each side reads the other's first message.
    const atAlice = acceptSession({ identity: alice, init: sB.init, header: mB.header, ciphertext: mB.ciphertext, randomBytes: rngA })
    const atBob = acceptSession({ identity: bob, init: sA.init, header: mA.header, ciphertext: mA.ciphertext, randomBytes: rngB })
    expect(str(atAlice.plaintext)).toBe('from B')
    expect(str(atBob.plaintext)).toBe('from A')
    const aliceWins = localInitiationWins(alice.publicKey, bob.publicKey)
    expect(localInitiationWins(bob.publicKey, alice.publicKey)).toBe(!aliceWins)
    // Each side picks the same canonical session to send on.
    let aliceSend: RatchetState = aliceWins ? mA.state : atAlice.state
    let bobSend: RatchetState = aliceWins ? atBob.state : mB.state
    expect(toHex(aliceSend.initId)).toBe(toHex(bobSend.initId))
    const x = ratchetEncrypt(aliceSend, text('on the winner'))
    aliceSend = x.state
    const rx = ratchetDecrypt(bobSend, x.header, x.ciphertext, undefined, { randomBytes: rngB })
    bobSend = rx.state
    expect(str(rx.plaintext)).toBe('on the winner')
    const y = ratchetEncrypt(bobSend, text('reply on the winner'))
    expect(str(ratchetDecrypt(aliceSend, y.header, y.ciphertext, undefined, { randomBytes: rngA }).plaintext)).toBe('reply on the winner')
  })
})
