import { randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CALL_ID_PATTERN, InvalidCallIdError, MAX_CALL_ID_LENGTH, MIN_CALL_ID_LENGTH, MalformedSignalError, decodeCallSignal,
  encodeCallSignal, isCallId, validateCallId
} from '../../src/call/index.js'
import { BadStateError, deriveCallKeys } from '../../src/crypto/index.js'
import { methods } from '../../src/ipc/methods.js'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'
const BAD = ['', 'a'.repeat(MAX_CALL_ID_LENGTH + 1), 'has space', 'ü', 'a/b', 'a.b', 'a\n', 'a+b=']

describe('the call-ID rule', () => {
  it('is 1..64 characters of the base64url alphabet', () => {
    expect([MIN_CALL_ID_LENGTH, MAX_CALL_ID_LENGTH]).toEqual([1, 64])
    expect(String(CALL_ID_PATTERN)).toBe('/^[A-Za-z0-9_-]{1,64}$/')
    for (const id of ['c', 'call-1', 'X_y-9', 'a'.repeat(MAX_CALL_ID_LENGTH)]) expect(isCallId(id)).toBe(true)
    for (const id of [...BAD, 42, null, undefined]) expect(isCallId(id)).toBe(false)
  })

  it('accepts the ids the daemon makes: 12 random bytes in base64url, 16 characters', () => {
    for (let i = 0; i < 100; i++) {
      const id = randomBytes(12).toString('base64url')
      expect(id).toHaveLength(16)
      expect(validateCallId(id)).toBe(id)
    }
  })

  it('validateCallId throws the typed error with a stable code', () => {
    for (const id of [...BAD, 7]) {
      expect(() => validateCallId(id)).toThrow(InvalidCallIdError)
    }
    expect(() => validateCallId('')).toThrow(expect.objectContaining({ code: 'CALL_INVALID_ID' }))
  })

  it('is the rule of every user in core: signalling, call keys and the IPC methods (property)', () => {
    const secret = new Uint8Array(32).fill(1)
    const params = methods['call.reject'].params
    const anyId = fc.oneof(fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 70 }), fc.string({ maxLength: 70 }))
    fc.assert(fc.property(anyId, id => {
      const ok = isCallId(id)
      const signal = { callId: id, body: { kind: 'busy' as const } }
      if (ok) {
        expect(decodeCallSignal(encodeCallSignal(signal)).callId).toBe(id)
        expect(deriveCallKeys(secret, id, 'caller').sendKey).toHaveLength(32)
        expect(deriveCallKeys(secret, new TextEncoder().encode(id), 'caller').sendKey).toHaveLength(32)
      } else {
        expect(() => encodeCallSignal(signal)).toThrow(MalformedSignalError)
        expect(() => deriveCallKeys(secret, id, 'caller')).toThrow(BadStateError)
      }
      expect(params.safeParse({ callId: id }).success).toBe(ok)
    }), { numRuns: 500 })
  })
})
