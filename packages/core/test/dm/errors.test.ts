import { describe, expect, it } from 'vitest'
import {
  DmWireError, MalformedAckError, MalformedEnvelopeError, MalformedPayloadError, OversizedEnvelopeError, UnsupportedVersionError
} from '../../src/dm/index.js'

describe('DM wire errors', () => {
  it.each([
    [MalformedEnvelopeError, 'MalformedEnvelopeError', 'DM_MALFORMED'],
    [OversizedEnvelopeError, 'OversizedEnvelopeError', 'DM_OVERSIZED'],
    [UnsupportedVersionError, 'UnsupportedVersionError', 'DM_VERSION'],
    [MalformedPayloadError, 'MalformedPayloadError', 'DM_MALFORMED_PAYLOAD'],
    [MalformedAckError, 'MalformedAckError', 'DM_MALFORMED_ACK']
  ] as const)('%o has a stable name and code', (E, name, code) => {
    const err = new E('boom', { cause: 'why' })
    expect(err).toBeInstanceOf(DmWireError)
    expect(err).toBeInstanceOf(Error)
    expect([err.name, E.name, err.code, err.message, err.cause]).toEqual([name, name, code, 'boom', 'why'])
  })
})
