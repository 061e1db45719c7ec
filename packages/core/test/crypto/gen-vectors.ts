// Generator of test/crypto/vectors/dm-v1.json. Deterministic: every secret comes from
// SHA-256("Parley-DM-v1 test vector " || name). Regenerate (only when the protocol changes) with
//   PARLEY_WRITE_VECTORS=1 npx vitest run packages/core/test/crypto/vectors.test.ts
import { ed25519 } from '@noble/curves/ed25519.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { toHex, utf8 } from '../../src/crypto/bytes.js'
import {
  acceptSession, deriveCallKeys, encodeHeader, encodeSessionInit, generateSignedPrekey, identityFromEd25519SecretKey,
  initiateSession, kdfCk, kdfRk, messageSecrets, ratchetDecrypt, ratchetEncrypt, safetyNumber, serializeRatchetState,
  x3dhSharedSecret, type EncryptResult, type IdentityKeyPair, type RandomBytes, type RatchetState, type SignedPrekey
} from '../../src/crypto/index.js'

export type Hex = string

export type SessionStep =
  | { op: 'initiate', by: 'alice', random: Hex[], expect: { init: Hex, initId: string, rootKey: Hex, sendChainKey: Hex } }
  | { op: 'encrypt', by: Party, plaintext: Hex, ad: Hex, expect: { header: Hex, ciphertext: Hex, exporterSecret: Hex } }
  | { op: 'accept' | 'decrypt', by: Party, message: number, random: Hex[], expect: { plaintext: Hex, exporterSecret: Hex, rootKey: Hex, skippedKeys: number } }

export type Party = 'alice' | 'bob'

export interface SessionVector {
  name: string
  aliceSeed: Hex
  bobSeed: Hex
  bobSignedPrekey: { secretKey: Hex, publicKey: Hex, signature: Hex } | null
  /** Clock (ms) passed to every decrypt. */
  now: number
  steps: SessionStep[]
  /** serializeRatchetState of both parties after the last step. */
  finalState: { alice: Hex, bob: Hex }
}

export interface DmV1Vectors {
  name: string
  version: number
  notes: string[]
  keyConversion: Array<{ ed25519Seed: Hex, ed25519Public: Hex, x25519Secret: Hex, x25519Public: Hex }>
  x3dhKdf: Array<{ dhOutputs: Hex[], sharedSecret: Hex }>
  rootKdf: Array<{ rootKey: Hex, dhOutput: Hex, newRootKey: Hex, chainKey: Hex }>
  chainKdf: Array<{ chainKey: Hex, messageKey: Hex, nextChainKey: Hex }>
  messageSecrets: Array<{ messageKey: Hex, aeadKey: Hex, nonce: Hex, exporterSecret: Hex }>
  header: Array<{ dh: Hex, pn: number, n: number, encoded: Hex }>
  sessions: SessionVector[]
  safetyNumbers: Array<{ identityA: Hex, identityB: Hex, digits: string }>
  callKeys: Array<{ exporterSecret: Hex, callId: Hex, callerToCallee: Hex, calleeToCaller: Hex }>
}

export const fixed = (name: string): Uint8Array => sha256(utf8(`Parley-DM-v1 test vector ${name}`))

/** Randomness that draws fixed values and records them, so each step lists exactly what it consumed. */
function recordingRandom (prefix: string): { rng: RandomBytes, take: () => Hex[] } {
  let counter = 0
  let taken: Hex[] = []
  return {
    rng: (length) => {
      if (length !== 32) throw new Error(`unexpected randomBytes(${length})`)
      const value = fixed(`${prefix} random ${counter++}`)
      taken.push(toHex(value))
      return value
    },
    take: () => { const t = taken; taken = []; return t }
  }
}

function sessionVector (name: string, withPrekey: boolean): SessionVector {
  const now = 1_700_000_000_000
  const aliceSeed = fixed(`${name} alice seed`)
  const bobSeed = fixed(`${name} bob seed`)
  const ids: Record<Party, IdentityKeyPair> = {
    alice: identityFromEd25519SecretKey(aliceSeed),
    bob: identityFromEd25519SecretKey(bobSeed)
  }
  const rand: Record<Party, ReturnType<typeof recordingRandom>> = {
    alice: recordingRandom(`${name} alice`),
    bob: recordingRandom(`${name} bob`)
  }
  let spk: SignedPrekey | undefined
  if (withPrekey) {
    const value = fixed(`${name} bob signed prekey`)
    spk = generateSignedPrekey(ids.bob, { randomBytes: () => value })
  }
  const steps: SessionStep[] = []
  const states: Partial<Record<Party, RatchetState>> = {}
  const sent: EncryptResult[] = []
  const sentAd: Uint8Array[] = []
  const messageIndex: number[] = []

  const started = initiateSession({
    identity: ids.alice,
    remoteIdentity: ids.bob.publicKey,
    remoteSignedPrekey: spk === undefined ? undefined : { publicKey: spk.publicKey, signature: spk.signature },
    randomBytes: rand.alice.rng
  })
  states.alice = started.state
  steps.push({
    op: 'initiate',
    by: 'alice',
    random: rand.alice.take(),
    expect: {
      init: toHex(encodeSessionInit(started.init)),
      initId: started.initId,
      rootKey: toHex(started.state.rootKey),
      sendChainKey: toHex(started.state.send?.key ?? new Uint8Array())
    }
  })

  const encrypt = (by: Party, body: string, adText: string): number => {
    const state = states[by]
    if (state === undefined) throw new Error(`${by} has no session`)
    const ad = utf8(adText)
    const r = ratchetEncrypt(state, utf8(body), ad)
    states[by] = r.state
    sent.push(r)
    sentAd.push(ad)
    steps.push({
      op: 'encrypt', by, plaintext: toHex(utf8(body)), ad: toHex(ad),
      expect: { header: toHex(r.header), ciphertext: toHex(r.ciphertext), exporterSecret: toHex(r.exporterSecret) }
    })
    messageIndex.push(steps.length - 1)
    return sent.length - 1
  }

  const receive = (by: Party, msg: number, op: 'accept' | 'decrypt'): void => {
    const m = sent[msg]
    const ad = sentAd[msg]
    const stepIndex = messageIndex[msg]
    if (m === undefined || ad === undefined || stepIndex === undefined) throw new Error('no such message')
    const result = op === 'accept'
      ? acceptSession({
        identity: ids[by], init: started.init, signedPrekey: spk?.keyPair, header: m.header, ciphertext: m.ciphertext, ad, randomBytes: rand[by].rng, now: () => now
      })
      : ratchetDecrypt(states[by] as RatchetState, m.header, m.ciphertext, ad, { randomBytes: rand[by].rng, now: () => now })
    states[by] = result.state
    steps.push({
      op, by, message: stepIndex, random: rand[by].take(),
      expect: { plaintext: toHex(result.plaintext), exporterSecret: toHex(result.exporterSecret), rootKey: toHex(result.state.rootKey), skippedKeys: result.state.skipped.length }
    })
  }

  // First flight of two messages; Bob gets only the first with the init.
  const a0 = encrypt('alice', 'hello bob', 'envelope 0')
  const a1 = encrypt('alice', 'second message, delivered late', 'envelope 1')
  receive('bob', a0, 'accept')
  const b0 = encrypt('bob', 'hi alice', 'envelope 2')
  receive('alice', b0, 'decrypt')
  const a2 = encrypt('alice', 'new chain after a DH ratchet step', '')
  receive('bob', a2, 'decrypt') // skips a1 (PN = 2)
  receive('bob', a1, 'decrypt') // from the skipped-key store
  const b1 = encrypt('bob', '', 'empty plaintext')
  receive('alice', b1, 'decrypt')

  return {
    name,
    aliceSeed: toHex(aliceSeed),
    bobSeed: toHex(bobSeed),
    bobSignedPrekey: spk === undefined ? null : { secretKey: toHex(spk.keyPair.secretKey), publicKey: toHex(spk.publicKey), signature: toHex(spk.signature) },
    now,
    steps,
    finalState: {
      alice: toHex(serializeRatchetState(states.alice as RatchetState)),
      bob: toHex(serializeRatchetState(states.bob as RatchetState))
    }
  }
}

export function generateDmV1Vectors (): DmV1Vectors {
  const libsodiumSeed = '421151a459faeade3d247115f94aedae42318124095afabe4d1451a559faedee'
  const seeds = [libsodiumSeed, toHex(fixed('conversion 1')), toHex(fixed('conversion 2'))]
  const keyConversion = seeds.map((seedHex) => {
    const id = identityFromEd25519SecretKey(Uint8Array.from(seedHex.match(/../g) ?? [], (h) => parseInt(h, 16)))
    return { ed25519Seed: seedHex, ed25519Public: toHex(id.publicKey), x25519Secret: toHex(id.x25519.secretKey), x25519Public: toHex(id.x25519.publicKey) }
  })
  const dh = [fixed('dh 1'), fixed('dh 2'), fixed('dh 3')]
  const x3dhKdf = [dh.slice(0, 2), dh].map((outs) => ({ dhOutputs: outs.map(toHex), sharedSecret: toHex(x3dhSharedSecret(outs)) }))
  const rk = kdfRk(fixed('root key'), fixed('dh output'))
  const ck = kdfCk(fixed('chain key'))
  const ms = messageSecrets(fixed('message key'))
  const headerDh = fixed('header dh')
  const idA = ed25519.getPublicKey(fixed('safety a'))
  const idB = ed25519.getPublicKey(fixed('safety b'))
  const exporter = fixed('exporter')
  const callId = utf8('call-0001')
  const call = deriveCallKeys(exporter, callId, 'caller')
  return {
    name: 'Parley DM crypto test vectors',
    version: 1,
    notes: [
      'All byte strings are lowercase hex. Generated by packages/core/test/crypto/gen-vectors.ts; see docs/protocol.md, "Test vectors".',
      'sessions[].steps run in order; "random" lists the 32-byte values the step draws from randomBytes, in order.',
      'accept = responder set-up from the init of the initiate step plus decryption of the referenced message; message = index of the encrypt step.'
    ],
    keyConversion,
    x3dhKdf,
    rootKdf: [{ rootKey: toHex(fixed('root key')), dhOutput: toHex(fixed('dh output')), newRootKey: toHex(rk.rootKey), chainKey: toHex(rk.chainKey) }],
    chainKdf: [{ chainKey: toHex(fixed('chain key')), messageKey: toHex(ck.messageKey), nextChainKey: toHex(ck.chainKey) }],
    messageSecrets: [{ messageKey: toHex(fixed('message key')), aeadKey: toHex(ms.key), nonce: toHex(ms.nonce), exporterSecret: toHex(ms.exporter) }],
    header: [
      { dh: toHex(headerDh), pn: 0, n: 0, encoded: toHex(encodeHeader({ dh: headerDh, pn: 0, n: 0 })) },
      { dh: toHex(headerDh), pn: 7, n: 0xfffffffe, encoded: toHex(encodeHeader({ dh: headerDh, pn: 7, n: 0xfffffffe })) }
    ],
    sessions: [sessionVector('identity-only', false), sessionVector('signed-prekey', true)],
    safetyNumbers: [{ identityA: toHex(idA), identityB: toHex(idB), digits: safetyNumber(idA, idB).digits }],
    callKeys: [{ exporterSecret: toHex(exporter), callId: toHex(callId), callerToCallee: toHex(call.callerToCallee), calleeToCaller: toHex(call.calleeToCaller) }]
  }
}
