import { MediaKind } from '@parley/core/wire/index'
import { describe, expect, it } from 'vitest'
import { FrameKind, WIRE_VERSION, WireTrailingBytesError, WireTruncatedError } from '../../src/index.js'
import { frameReader } from '../../src/wire/header.js'

describe('media frame header', () => {
  it('uses the one media kind table of core for its kind nibble', () => {
    expect(FrameKind).toBe(MediaKind)
    expect(WIRE_VERSION).toBe(1)
  })

  it('surfaces the byte reader\'s errors as this package\'s wire errors', () => {
    const r = frameReader('test frame', Uint8Array.from([1, 2, 3]))
    expect(() => r.u32()).toThrow(WireTruncatedError)
    expect(() => r.u32()).toThrow(/^test frame: need 4 bytes at offset 0, 3 left$/)
    r.skip(2)
    expect(() => { r.done() }).toThrow(WireTrailingBytesError)
  })
})
