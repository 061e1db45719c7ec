// Verifies vectors/dm-v1.json by recomputing every output from the inputs in the file, through
// the public API only, the same way another implementation would check itself against Parley.
import { readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fromHex, toHex } from '../../src/crypto/bytes.js'
import {
  acceptSession, decodeHeader, decodeSessionInit, deriveCallKeys, deserializeRatchetState, encodeHeader, identityFromEd25519SecretKey,
  initiateSession, kdfCk, kdfRk, messageSecrets, ratchetDecrypt, ratchetEncrypt, safetyNumber, serializeRatchetState,
  verifySignedPrekey, x25519KeyPairFromSecret, x3dhSharedSecret, type RandomBytes, type RatchetState
} from '../../src/crypto/index.js'
import { generateDmV1Vectors, type DmV1Vectors, type Hex, type Party, type SessionVector } from './gen-vectors.js'

const VECTORS_URL = new URL('./vectors/dm-v1.json', import.meta.url)
if (process.env['PARLEY_WRITE_VECTORS'] === '1') writeFileSync(VECTORS_URL, JSON.stringify(generateDmV1Vectors(), null, 2) + '\n')
const vectors = JSON.parse(readFileSync(VECTORS_URL, 'utf8')) as DmV1Vectors

/** Serves exactly the listed values, and fails the test if the step draws more or fewer. */
function scriptedRandom (values: Hex[]): { rng: RandomBytes, done: () => void } {
  const queue = [...values]
  return {
    rng: (length) => {
      const next = queue.shift()
      if (next === undefined) throw new Error('step drew more randomness than the vector lists')
      const bytes = fromHex(next)
      expect(bytes.length).toBe(length)
      return bytes
    },
    done: () => expect(queue).toEqual([])
  }
}

function runSession (v: SessionVector): void {
  const ids = { alice: identityFromEd25519SecretKey(fromHex(v.aliceSeed)), bob: identityFromEd25519SecretKey(fromHex(v.bobSeed)) }
  const spk = v.bobSignedPrekey
  const spkPair = spk === null ? undefined : x25519KeyPairFromSecret(fromHex(spk.secretKey))
  if (spk !== null) {
    expect(toHex(spkPair?.publicKey ?? new Uint8Array())).toBe(spk.publicKey)
    verifySignedPrekey(ids.bob.publicKey, { publicKey: fromHex(spk.publicKey), signature: fromHex(spk.signature) })
  }
  const states: Partial<Record<Party, RatchetState>> = {}
  let initBytes: Uint8Array | undefined
  const encryptSteps = new Map<number, { header: Hex, ciphertext: Hex, ad: Hex }>()
  v.steps.forEach((step, index) => {
    if (step.op === 'initiate') {
      const r = scriptedRandom(step.random)
      const started = initiateSession({
        identity: ids.alice, remoteIdentity: ids.bob.publicKey, randomBytes: r.rng,
        remoteSignedPrekey: spk === null ? undefined : { publicKey: fromHex(spk.publicKey), signature: fromHex(spk.signature) }
      })
      r.done()
      initBytes = fromHex(step.expect.init)
      expect(toHex(started.state.pendingInit ?? new Uint8Array())).toBe(step.expect.init)
      expect(started.initId).toBe(step.expect.initId)
      expect(toHex(started.state.rootKey)).toBe(step.expect.rootKey)
      expect(toHex(started.state.send?.key ?? new Uint8Array())).toBe(step.expect.sendChainKey)
      expect(toHex(decodeSessionInit(initBytes).initiatorIdentity)).toBe(toHex(ids.alice.publicKey))
      states.alice = started.state
    } else if (step.op === 'encrypt') {
      const r = ratchetEncrypt(states[step.by] as RatchetState, fromHex(step.plaintext), fromHex(step.ad))
      expect(toHex(r.header)).toBe(step.expect.header)
      expect(toHex(r.ciphertext)).toBe(step.expect.ciphertext)
      expect(toHex(r.exporterSecret)).toBe(step.expect.exporterSecret)
      states[step.by] = r.state
      encryptSteps.set(index, { header: step.expect.header, ciphertext: step.expect.ciphertext, ad: step.ad })
    } else {
      const msg = encryptSteps.get(step.message)
      if (msg === undefined || initBytes === undefined) throw new Error(`step ${index} references an unknown message`)
      const r = scriptedRandom(step.random)
      const opts = { randomBytes: r.rng, now: () => v.now }
      const result = step.op === 'accept'
        ? acceptSession({ identity: ids[step.by], init: initBytes, signedPrekey: spkPair, header: fromHex(msg.header), ciphertext: fromHex(msg.ciphertext), ad: fromHex(msg.ad), ...opts })
        : ratchetDecrypt(states[step.by] as RatchetState, fromHex(msg.header), fromHex(msg.ciphertext), fromHex(msg.ad), opts)
      r.done()
      expect(toHex(result.plaintext)).toBe(step.expect.plaintext)
      expect(toHex(result.exporterSecret)).toBe(step.expect.exporterSecret)
      expect(toHex(result.state.rootKey)).toBe(step.expect.rootKey)
      expect(result.state.skipped.length).toBe(step.expect.skippedKeys)
      states[step.by] = result.state
    }
  })
  for (const party of ['alice', 'bob'] as const) {
    const state = states[party] as RatchetState
    expect(toHex(serializeRatchetState(state))).toBe(v.finalState[party])
    expect(deserializeRatchetState(fromHex(v.finalState[party]))).toEqual(state)
  }
}

describe('test vectors dm-v1.json', () => {
  it('the checked-in file is what the generator produces', () => {
    expect(generateDmV1Vectors()).toEqual(vectors)
  })

  it('key conversion', () => {
    expect(vectors.keyConversion.length).toBeGreaterThan(0)
    for (const v of vectors.keyConversion) {
      const id = identityFromEd25519SecretKey(fromHex(v.ed25519Seed))
      expect([toHex(id.publicKey), toHex(id.x25519.secretKey), toHex(id.x25519.publicKey)]).toEqual([v.ed25519Public, v.x25519Secret, v.x25519Public])
    }
  })

  it('KDFs', () => {
    for (const v of vectors.x3dhKdf) expect(toHex(x3dhSharedSecret(v.dhOutputs.map(fromHex)))).toBe(v.sharedSecret)
    for (const v of vectors.rootKdf) {
      const r = kdfRk(fromHex(v.rootKey), fromHex(v.dhOutput))
      expect([toHex(r.rootKey), toHex(r.chainKey)]).toEqual([v.newRootKey, v.chainKey])
    }
    for (const v of vectors.chainKdf) {
      const r = kdfCk(fromHex(v.chainKey))
      expect([toHex(r.messageKey), toHex(r.chainKey)]).toEqual([v.messageKey, v.nextChainKey])
    }
    for (const v of vectors.messageSecrets) {
      const r = messageSecrets(fromHex(v.messageKey))
      expect([toHex(r.key), toHex(r.nonce), toHex(r.exporter)]).toEqual([v.aeadKey, v.nonce, v.exporterSecret])
    }
  })

  it('header encoding', () => {
    for (const v of vectors.header) {
      expect(toHex(encodeHeader({ dh: fromHex(v.dh), pn: v.pn, n: v.n }))).toBe(v.encoded)
      const back = decodeHeader(fromHex(v.encoded))
      expect([toHex(back.dh), back.pn, back.n]).toEqual([v.dh, v.pn, v.n])
    }
  })

  it('sessions: setup, first ratchet steps, message encryption', () => {
    expect(vectors.sessions.map((s) => s.name)).toEqual(['identity-only', 'signed-prekey'])
    for (const session of vectors.sessions) runSession(session)
  })

  it('safety numbers and call keys', () => {
    for (const v of vectors.safetyNumbers) expect(safetyNumber(fromHex(v.identityA), fromHex(v.identityB)).digits).toBe(v.digits)
    for (const v of vectors.callKeys) {
      const k = deriveCallKeys(fromHex(v.exporterSecret), fromHex(v.callId), 'callee')
      expect([toHex(k.recvKey), toHex(k.sendKey)]).toEqual([v.callerToCallee, v.calleeToCaller])
    }
  })
})
