import { describe, expect, it } from 'vitest'
import * as crypto from '../../src/crypto/index.js'

const classes = [
  crypto.DecryptError, crypto.ReplayError, crypto.TooManySkippedError, crypto.BadHeaderError, crypto.DegenerateKeyError,
  crypto.BadStateError, crypto.SessionNotReadyError, crypto.BadSignatureError, crypto.BadInitError, crypto.BadIdentityKeyError
]

describe('DM crypto errors', () => {
  it('each class has a distinct stable DM_* code and its own name', () => {
    const codes = classes.map((C) => new C('x').code)
    expect(new Set(codes).size).toBe(classes.length)
    for (const C of classes) {
      const err = new C('x')
      expect(err).toBeInstanceOf(crypto.DmCryptoError)
      expect(err).toBeInstanceOf(Error)
      expect(err.code).toMatch(/^DM_[A-Z_]+$/)
      expect(err.name).toBe(C.name)
    }
    expect(new crypto.DecryptError('x').code).toBe('DM_DECRYPT_FAILED')
    expect(new crypto.ReplayError('x').code).toBe('DM_REPLAY')
    expect(new crypto.TooManySkippedError('x').code).toBe('DM_TOO_MANY_SKIPPED')
  })
})
