// Micro-benchmark of call frame E2EE: µs per seal+open (median of batches) for a 200 B audio frame
// and a 20 KB video frame, plus the raw AEADs the choice was made between.
// Run after building: npx tsc -b packages/core && node benchmarks/call/frame-crypto-bench.mjs [--quick] [--out dir]
import { chacha20poly1305 } from '@noble/ciphers/chacha.js'
import { gcm } from '@noble/ciphers/aes.js'
import { benchArgs, writeResult } from '../lib/args.mjs'
import { createFrameOpener, createFrameSealer, deriveFrameKeys } from '../../packages/core/dist/index.js'

const args = benchArgs()
const BATCHES = args.quick ? 10 : 30
const WARMUP_MS = args.quick ? 200 : 1000

function median (xs) {
  const s = [...xs].sort((x, y) => x - y)
  return s[Math.floor(s.length / 2)]
}

/** Runs `step` in batches sized to ≈ 20 ms each; returns the median µs per call. */
function measure (step) {
  const warmEnd = performance.now() + WARMUP_MS
  let calls = 0
  while (performance.now() < warmEnd) { step(); calls++ }
  const batchSize = Math.max(10, Math.round(calls / (WARMUP_MS / 20)))
  const perCall = []
  for (let b = 0; b < BATCHES; b++) {
    const t0 = performance.now()
    for (let i = 0; i < batchSize; i++) step()
    perCall.push(((performance.now() - t0) * 1000) / batchSize)
  }
  return { medianUs: median(perCall), batches: BATCHES, batchSize }
}

const input = { exporterSecret: new Uint8Array(32).fill(1), callId: 'bench', keySalt: new Uint8Array(32).fill(2) }
const caller = deriveFrameKeys({ ...input, role: 'caller' })
const callee = deriveFrameKeys({ ...input, role: 'callee' })
const HEADER = { audio: new Uint8Array(13).fill(1), video: new Uint8Array(17).fill(2) }
const SIZES = { audio: 200, video: 20_000 }

const results = {}
for (const kind of ['audio', 'video']) {
  const payload = new Uint8Array(SIZES[kind]).fill(0x5a)
  const header = HEADER[kind]
  const sealer = createFrameSealer({ key: caller.sendKey, kind })
  const opener = createFrameOpener({ key: callee.recvKey, kind })
  let seq = 0n
  const r = measure(() => {
    seq++
    opener.open(header, seq, sealer.seal(header, seq, payload))
  })
  const key = new Uint8Array(32).fill(3)
  const nonce = new Uint8Array(12)
  const raw = {}
  for (const [name, aead] of [['chacha20poly1305', chacha20poly1305], ['aes256gcm', gcm]]) {
    raw[name] = measure(() => aead(key, nonce, header).decrypt(aead(key, nonce, header).encrypt(payload))).medianUs
  }
  results[kind] = { payloadBytes: payload.length, sealOpenUs: r.medianUs, batchSize: r.batchSize, rawAeadSealOpenUs: raw }
  console.log(`${kind.padEnd(6)} ${String(payload.length).padStart(6)} B  seal+open ${r.medianUs.toFixed(1).padStart(7)} µs` +
    `   (raw ChaCha20-Poly1305 ${raw.chacha20poly1305.toFixed(1)} µs, AES-256-GCM ${raw.aes256gcm.toFixed(1)} µs)`)
}
const file = writeResult(args.out, 'frame-crypto', { unit: 'µs per frame (seal + open, median)', batches: BATCHES, results })
console.log(`wrote ${file}`)
