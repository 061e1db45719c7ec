// Hostile input on the DM protocol against a real daemon: malformed, truncated,
// oversized, tampered and replayed envelopes are rejected, counted, logged once; the
// stream is reset, the session is unchanged and the daemon keeps serving.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { Ed25519PrivateKey, Stream } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import { lpStream } from '@libp2p/utils'
import { multiaddr } from '@multiformats/multiaddr'
import { DM_PROTOCOL, decodeAck, decodeEnvelope, decodePayload, encodeAck, encodeEnvelope, encodePayload, identityFromEd25519SecretKey } from '@parley/core'
import type { DmAck } from '@parley/core'
import { createParleyNode } from '@parley/node-daemon'
import type { ParleyLibp2p } from '@parley/node-daemon'
import { open, seal } from '@parley/node-daemon/dm/session-book'
import type { SessionBook } from '@parley/node-daemon/dm/session-book'
import { ParleyClient } from '@parley/core/ipc'
import type { WebSocketConstructor } from '@parley/core/ipc'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOOPBACK_QUIC, startTestDaemon, teardown, waitFor } from './helpers/daemons.js'
import type { TestDaemon } from './helpers/daemons.js'

describe('DM protocol bad input', () => {
  let b: TestDaemon
  let evil: ParleyLibp2p
  let key: Ed25519PrivateKey
  let book: SessionBook = { active: null, previous: null }
  let n = 0

  beforeAll(async () => {
    b = await startTestDaemon()
    key = await generateKeyPair('Ed25519')
    evil = await createParleyNode({ privateKey: key, listen: [LOOPBACK_QUIC], mdns: false })
    await evil.dial(multiaddr(b.addr))
  }, 60_000)
  afterAll(async () => { await evil?.stop(); await teardown([b]) })

  const me = (): ReturnType<typeof identityFromEd25519SecretKey> => identityFromEd25519SecretKey(key.raw)
  const bKey = (): Uint8Array => peerIdFromString(b.peerId).publicKey?.raw ?? new Uint8Array()

  function validEnvelope (text: string): Uint8Array {
    const s = seal(book, me(), bKey(), encodePayload({ id: `m${n++}`, sentAtMs: Date.now(), body: { kind: 'text', body: text } }))
    book = s.book
    return encodeEnvelope({ sessionInit: s.sessionInit ?? null, header: s.header, ciphertext: s.ciphertext })
  }

  async function exchange (frames: Uint8Array[], raw?: Uint8Array): Promise<{ acks: DmAck[], reset: boolean, stream: Stream }> {
    const stream = await evil.dialProtocol(peerIdFromString(b.peerId), DM_PROTOCOL)
    const lp = lpStream(stream)
    const acks: DmAck[] = []
    let reset = false
    try {
      if (raw != null) stream.send(raw)
      for (const f of frames) {
        await lp.write(f)
        acks.push(decodeAck((await lp.read({ signal: AbortSignal.timeout(5000) })).subarray()))
      }
      if (raw != null || acks.at(-1)?.status === 'REJECTED') {
        // the daemon must have reset the stream: the next read fails at once (not by timeout)
        await lp.read({ signal: AbortSignal.timeout(5000) }).catch((err: Error) => {
          if (err.name !== 'TimeoutError' && err.name !== 'AbortError') reset = true
        })
      }
    } catch {
      reset = true
    }
    return { acks, reset, stream }
  }

  it('a valid envelope is accepted; the identical bytes again are a duplicate, not a second message', async () => {
    const env = validEnvelope('legit')
    const r = await exchange([env, env])
    expect(r.acks.map(a => a.status)).toEqual(['OK', 'DUPLICATE'])
    const msgs = await b.client.call('dm.show', { peerId: evil.peerId.toString() })
    expect(msgs.filter(m => m.body === 'legit')).toHaveLength(1)
  })

  it('garbage, a wrong version and a truncated envelope are rejected as malformed and the stream reset', async () => {
    for (const bad of [new Uint8Array([1, 2, 3, 4, 5]), validEnvelope('x').subarray(0, 20)]) {
      const r = await exchange([bad, validEnvelope('never read')])
      expect(r.acks[0]?.status).toBe('REJECTED')
      expect(r.acks[0]?.reason).toMatch(/^DM_/)
      expect(r.reset).toBe(true)
      expect(r.acks).toHaveLength(1)
    }
  })

  it('an oversized frame resets the stream before it is read', async () => {
    // varint length 1 MiB, then a few bytes
    const r = await exchange([], new Uint8Array([0x80, 0x80, 0x40, 1, 2, 3]))
    expect(r.reset).toBe(true)
    await waitFor(async () => ((await b.client.call('dm.stats')).rejected.DM_OVERSIZED ?? 0) >= 1 || undefined, 'oversized counted')
  })

  it('tampered and replayed envelopes are rejected and the session is unchanged', async () => {
    const good = validEnvelope('before')
    expect((await exchange([good])).acks[0]?.status).toBe('OK')
    const tampered = validEnvelope('tampered')
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 0x01
    const t = await exchange([tampered])
    expect(t.acks[0]).toMatchObject({ status: 'REJECTED', reason: 'DM_DECRYPT_FAILED' })
    expect(t.reset).toBe(true)
    // a replay: the same ratchet message re-wrapped (different bytes, so not a plain duplicate)
    const s = seal(book, me(), bKey(), encodePayload({ id: `m${n++}`, sentAtMs: Date.now(), body: { kind: 'text', body: 'once' } }))
    book = s.book
    const first = encodeEnvelope({ sessionInit: s.sessionInit ?? null, header: s.header, ciphertext: s.ciphertext })
    const rewrapped = encodeEnvelope({ sessionInit: null, header: s.header, ciphertext: s.ciphertext })
    expect((await exchange([first])).acks[0]?.status).toBe('OK')
    const rp = await exchange([rewrapped])
    expect(rp.acks[0]).toMatchObject({ status: 'REJECTED', reason: 'DM_REPLAY' })
    // the session still works: the next message is accepted and B can answer
    expect((await exchange([validEnvelope('after')])).acks[0]?.status).toBe('OK')
    const bodies = (await b.client.call('dm.show', { peerId: evil.peerId.toString() })).map(m => m.body)
    expect(bodies).toEqual(expect.arrayContaining(['legit', 'before', 'once', 'after']))
    expect(bodies).not.toContain('tampered')
    expect(bodies.filter(x => x === 'once')).toHaveLength(1)
    const stats = await b.client.call('dm.stats')
    expect(stats.rejected.DM_DECRYPT_FAILED).toBe(1)
    expect(stats.rejected.DM_REPLAY).toBe(1)
    expect(stats.rejected.DM_MALFORMED ?? 0).toBeGreaterThanOrEqual(1)
    expect(stats.duplicates).toBe(1)
    const log = readFileSync(join(b.home, 'daemon.log'), 'utf8')
    expect(log.match(/rejected a DM envelope.*DM_DECRYPT_FAILED/g)).toHaveLength(1)
    expect((await b.client.call('status')).peerId).toBe(b.peerId)
  })

  it('a session-init claiming another identity is refused and surfaced as an identity mismatch', async () => {
    const ws = new ParleyClient({ url: `http://127.0.0.1:${b.port}`, token: b.token, WebSocket: WebSocket as unknown as WebSocketConstructor })
    await ws.connect()
    const seen: string[] = []
    ws.on('dm.identityMismatch', p => { seen.push(p.peerId) })
    const other = identityFromEd25519SecretKey((await generateKeyPair('Ed25519')).raw)
    const s = seal({ active: null, previous: null }, other, bKey(), encodePayload({ id: 'imposter', sentAtMs: Date.now(), body: { kind: 'text', body: 'trust me' } }))
    const r = await exchange([encodeEnvelope({ sessionInit: s.sessionInit ?? null, header: s.header, ciphertext: s.ciphertext })])
    expect(r.acks[0]).toMatchObject({ status: 'REJECTED', reason: 'DM_IDENTITY_MISMATCH' })
    await waitFor(() => seen.includes(evil.peerId.toString()) || undefined, 'identity mismatch notification')
    expect((await b.client.call('dm.show', { peerId: evil.peerId.toString() })).map(m => m.body)).not.toContain('trust me')
    ws.close()
  })

  it('a malformed call signal inside a valid DM is dropped and logged; the daemon keeps serving', async () => {
    const s = seal(book, me(), bKey(), encodePayload({ id: `m${n++}`, sentAtMs: Date.now(), body: { kind: 'call', signal: new Uint8Array([0xff, 0x01, 0x02, 0x03]) } }))
    book = s.book
    const r = await exchange([encodeEnvelope({ sessionInit: s.sessionInit ?? null, header: s.header, ciphertext: s.ciphertext })])
    expect(r.acks[0]?.status).toBe('OK') // the envelope itself is fine
    await waitFor(() => readFileSync(join(b.home, 'daemon.log'), 'utf8').includes('malformed call signal') || undefined, 'the malformed signal to be logged')
    expect(await b.client.call('call.current')).toBeNull()
    expect((await b.client.call('status')).peerId).toBe(b.peerId)
  })

  it('B answers on the same session (its reply decrypts here)', async () => {
    const got: string[] = []
    await evil.handle(DM_PROTOCOL, async (stream) => {
      const lp = lpStream(stream)
      for (let seq = 0; ; seq++) {
        let f
        try { f = await lp.read() } catch { return }
        const o = open(book, me(), bKey(), decodeEnvelope(f.subarray()), () => false)
        book = o.book
        const p = decodePayload(o.plaintext)
        if (p.body.kind === 'text') got.push(p.body.body)
        await lp.write(encodeAck({ seq, status: 'OK', reason: '' }))
      }
    })
    await b.client.call('dm.send', { peerId: evil.peerId.toString(), body: 'hi evil' })
    await waitFor(() => got.includes('hi evil') || undefined, 'reply from B', 20_000)
  })
})
