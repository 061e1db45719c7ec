import { describe, expect, it } from 'vitest'
import { toHex } from '../../src/crypto/bytes.js'
import { BadStateError, deriveCallKeys, ratchetDecrypt, ratchetEncrypt } from '../../src/crypto/index.js'
import { establishedPair, text } from './helpers.js'

describe('call keys', () => {
  it('caller and callee get complementary keys from the offer message exporter', () => {
    const { alice, bob } = establishedPair('call')
    const offer = ratchetEncrypt(alice, text('call offer'))
    const received = ratchetDecrypt(bob, offer.header, offer.ciphertext)
    const caller = deriveCallKeys(offer.exporterSecret, 'call-1', 'caller')
    const callee = deriveCallKeys(received.exporterSecret, 'call-1', 'callee')
    expect(toHex(caller.sendKey)).toBe(toHex(callee.recvKey))
    expect(toHex(caller.recvKey)).toBe(toHex(callee.sendKey))
    expect(toHex(caller.sendKey)).not.toBe(toHex(caller.recvKey))
  })

  it('differ per call id and per exporter secret', () => {
    const secret = new Uint8Array(32).fill(1)
    const k1 = deriveCallKeys(secret, 'call-1', 'caller').sendKey
    expect(toHex(deriveCallKeys(secret, 'call-2', 'caller').sendKey)).not.toBe(toHex(k1))
    expect(toHex(deriveCallKeys(new Uint8Array(32).fill(2), 'call-1', 'caller').sendKey)).not.toBe(toHex(k1))
    expect(toHex(deriveCallKeys(secret, new TextEncoder().encode('call-1'), 'caller').sendKey)).toBe(toHex(k1))
  })

  it('reject malformed input', () => {
    expect(() => deriveCallKeys(new Uint8Array(31), 'c', 'caller')).toThrow(BadStateError)
    expect(() => deriveCallKeys(new Uint8Array(32), '', 'caller')).toThrow(BadStateError)
    expect(() => deriveCallKeys(new Uint8Array(32), 'x'.repeat(256), 'caller')).toThrow(BadStateError)
  })
})
