// Micro-benchmark of the DM Double Ratchet: µs per message for encrypt + decrypt (median of batches).
// Run after building: npx tsc -b packages/core && node packages/core/bench/ratchet-bench.mjs
import { benchArgs, writeResult } from '../lib/args.mjs'
import { ed25519 } from '@noble/curves/ed25519.js'
import {
  acceptSession, identityFromEd25519SecretKey, initiateSession, ratchetDecrypt, ratchetEncrypt,
  serializeRatchetState, deserializeRatchetState
} from '@parley/core'

const BATCHES = 30
const BATCH_SIZE = 50
// Enough iterations for the JIT to settle, so the first scenario is not penalised.
const WARMUP = 400
const PAYLOAD = new Uint8Array(200).fill(0x61)
const AD = new Uint8Array(16)

function setup () {
  const alice = identityFromEd25519SecretKey(ed25519.utils.randomSecretKey())
  const bob = identityFromEd25519SecretKey(ed25519.utils.randomSecretKey())
  const started = initiateSession({ identity: alice, remoteIdentity: bob.publicKey })
  const first = ratchetEncrypt(started.state, PAYLOAD, AD)
  const accepted = acceptSession({ identity: bob, init: started.init, header: first.header, ciphertext: first.ciphertext, ad: AD })
  return { a: first.state, b: accepted.state }
}

function median (xs) {
  const s = [...xs].sort((x, y) => x - y)
  return s[Math.floor(s.length / 2)]
}

function bench (name, step) {
  let s = setup()
  for (let i = 0; i < WARMUP; i++) s = step(s)
  const perMessage = []
  for (let b = 0; b < BATCHES; b++) {
    const t0 = performance.now()
    for (let i = 0; i < BATCH_SIZE; i++) s = step(s)
    perMessage.push(((performance.now() - t0) * 1000) / BATCH_SIZE)
  }
  console.log(`${name.padEnd(52)} ${median(perMessage).toFixed(1).padStart(8)} µs/message (median of ${BATCHES}×${BATCH_SIZE})`)
  results[name] = { medianUsPerMessage: median(perMessage), batches: BATCHES, batchSize: BATCH_SIZE }
}
const results = {}

// Same sending chain: symmetric-key ratchet only (HMAC + HKDF + ChaCha20-Poly1305).
bench('encrypt+decrypt, same chain (200 B)', ({ a, b }) => {
  const m = ratchetEncrypt(a, PAYLOAD, AD)
  const r = ratchetDecrypt(b, m.header, m.ciphertext, AD)
  return { a: m.state, b: r.state }
})

// Strict ping-pong: every message starts a new chain, so each decrypt does a DH ratchet step (2 X25519 + keygen).
bench('encrypt+decrypt, alternating (DH ratchet each msg)', ({ a, b }) => {
  const m = ratchetEncrypt(a, PAYLOAD, AD)
  const r = ratchetDecrypt(b, m.header, m.ciphertext, AD)
  return { a: r.state, b: m.state }
})

// What the daemon does per received message: load state, decrypt, store state.
bench('encrypt+decrypt, same chain + state (de)serialize', ({ a, b }) => {
  const m = ratchetEncrypt(deserializeRatchetState(serializeRatchetState(a)), PAYLOAD, AD)
  const r = ratchetDecrypt(deserializeRatchetState(serializeRatchetState(b)), m.header, m.ciphertext, AD)
  return { a: deserializeRatchetState(serializeRatchetState(m.state)), b: deserializeRatchetState(serializeRatchetState(r.state)) }
})

process.stdout.write(`wrote ${writeResult(benchArgs().out, 'ratchet', { results })}\n`)
