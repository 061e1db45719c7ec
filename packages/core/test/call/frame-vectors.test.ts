// Verifies vectors/frame-v1.json twice: through Parley's public API (as another implementation's
// port would), and by recomputing every step straight from the primitives as docs/protocol.md §3.4
// specifies them, so the document, the vectors and the code cannot drift apart.
import { chacha20poly1305 } from '@noble/ciphers/chacha.js'
import { hkdf } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fromHex, toHex } from '../../src/crypto/bytes.js'
import { deriveCallKeys } from '../../src/crypto/index.js'
import { createFrameOpener, createFrameSealer, deriveFrameKeys, deriveFrameSubkeys, frameNonce } from '../../src/call/index.js'
import { generateFrameV1Vectors, type FrameV1Vectors } from './gen-frame-vectors.js'

const VECTORS_URL = new URL('./vectors/frame-v1.json', import.meta.url)
if (process.env['PARLEY_WRITE_VECTORS'] === '1') writeFileSync(VECTORS_URL, JSON.stringify(generateFrameV1Vectors(), null, 2) + '\n')
const file = readFileSync(VECTORS_URL, 'utf8')
const vectors = JSON.parse(file) as FrameV1Vectors
const utf8 = (s: string) => new TextEncoder().encode(s)

describe('frame-v1 vectors', () => {
  it('the file is exactly what the generator produces', () => {
    expect(file).toBe(JSON.stringify(generateFrameV1Vectors(), null, 2) + '\n')
    expect(vectors.vectors.length).toBeGreaterThanOrEqual(5)
  })

  describe.each(vectors.vectors.map(v => [v.name, v] as const))('%s', (_name, v) => {
    const i = v.input
    const seq = BigInt(i.seq)
    const other = i.role === 'caller' ? 'callee' : 'caller'

    it('public API reproduces every value, and the other side opens the frame', () => {
      const exporterSecret = fromHex(i.exporterSecret)
      const keySalt = fromHex(i.keySalt)
      const call = deriveCallKeys(exporterSecret, i.callId, i.role)
      expect(toHex(call.callerToCallee)).toBe(v.expect.callerToCallee)
      expect(toHex(call.calleeToCaller)).toBe(v.expect.calleeToCaller)
      const mine = deriveFrameKeys({ exporterSecret, callId: i.callId, role: i.role, keySalt })
      expect(toHex(mine.sendKey)).toBe(v.expect.sendFrameKey)
      expect(toHex(mine.recvKey)).toBe(v.expect.recvFrameKey)
      const sub = deriveFrameSubkeys(mine.sendKey, i.kind)
      expect(toHex(sub.aeadKey)).toBe(v.expect.aeadKey)
      expect(toHex(sub.nonceSalt)).toBe(v.expect.nonceSalt)
      expect(toHex(frameNonce(sub.nonceSalt, seq))).toBe(v.expect.nonce)
      const sealed = createFrameSealer({ key: mine.sendKey, kind: i.kind }).seal(fromHex(i.header), seq, fromHex(i.payload))
      expect(toHex(sealed)).toBe(v.expect.sealed)
      const theirs = deriveFrameKeys({ exporterSecret, callId: i.callId, role: other, keySalt })
      const opened = createFrameOpener({ key: theirs.recvKey, kind: i.kind }).open(fromHex(i.header), seq, fromHex(v.expect.sealed))
      expect(toHex(opened)).toBe(i.payload)
    })

    it('the primitives, composed as the protocol document says, give the same bytes', () => {
      const id = utf8(i.callId)
      const okm = hkdf(sha256, fromHex(i.exporterSecret), new Uint8Array(32), new Uint8Array([...utf8('Parley-Call-v1 MediaKeys'), id.length, ...id]), 64)
      const direction = i.role === 'caller' ? okm.slice(0, 32) : okm.slice(32)
      const frameKey = hkdf(sha256, direction, fromHex(i.keySalt), utf8('Parley-Frame-v1'), 32)
      expect(toHex(frameKey)).toBe(v.expect.sendFrameKey)
      const sub = hkdf(sha256, frameKey, undefined, utf8(`Parley-Frame-v1 ${i.kind}`), 44)
      const nonce = sub.slice(32)
      const view = new DataView(nonce.buffer, nonce.byteOffset, 12)
      view.setBigUint64(4, view.getBigUint64(4) ^ seq)
      expect(toHex(nonce)).toBe(v.expect.nonce)
      expect(toHex(chacha20poly1305(sub.slice(0, 32), nonce, fromHex(i.header)).encrypt(fromHex(i.payload)))).toBe(v.expect.sealed)
    })
  })
})
