// One error base for every package: each exported error class extends core's ParleyError, and
// every code a class fixes is UPPER_SNAKE and its own. Imported through the package names, as the
// daemon does, so the classes are the ones that cross IPC.
import { describe, expect, it } from 'vitest'
import * as core from '@parley/core'
import { ParleyError } from '@parley/core/errors'
import * as ipc from '@parley/core/ipc'
import * as media from '@parley/media'
import * as daemonErrors from '../src/errors.js'
import * as callErrors from '../src/call/errors.js'
import * as storageErrors from '../src/storage/errors.js'
import * as sourceErrors from '../src/media-transport/media-source-errors.js'
import { BadControlMessageError } from '../src/media-transport/control.js'
import { BadStreamHeaderError } from '../src/media-transport/stream-header.js'
import { IdentityMismatchError } from '../src/dm/session-book.js'
import { DmRejectedError } from '../src/dm/errors.js'

const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/
/** Still on its own base (media-socket.ts): `extends FixedCodeError`, code MEDIA_SOCKET_BAD_FRAME. */
type Ctor = abstract new (...args: never[]) => Error
const errorClasses = (mod: Record<string, unknown>): Array<[string, Ctor]> =>
  Object.entries(mod).filter((e): e is [string, Ctor] => typeof e[1] === 'function' && e[1].prototype instanceof Error)

const all = [
  ...errorClasses(core), ...errorClasses(ipc), ...errorClasses(media), ...errorClasses(daemonErrors), ...errorClasses(callErrors),
  ...errorClasses(storageErrors), ...errorClasses(sourceErrors),
  ...errorClasses({ BadControlMessageError, BadStreamHeaderError, IdentityMismatchError, DmRejectedError })
]

describe('errors', () => {
  it('every package\'s error classes extend ParleyError', () => {
    expect(all.length).toBeGreaterThan(50)
    expect(daemonErrors.ParleyError).toBe(ParleyError)
    expect(core.ParleyError).toBe(ParleyError)
    const outside = all.filter(([name, C]) => C !== ParleyError && !(C.prototype instanceof ParleyError))
    expect(outside.map(([name]) => name)).toEqual([])
  })

  it('codes fixed by a class are UPPER_SNAKE and distinct', () => {
    const byCode = new Map<string, string>()
    for (const [name, C] of all) {
      const code = (C as unknown as { code?: unknown }).code
      if (typeof code !== 'string') continue
      expect(code, name).toMatch(UPPER_SNAKE)
      const other = byCode.get(code)
      if (other != null && other !== name) expect.fail(`${name} and ${other} share ${code}`)
      byCode.set(code, name)
    }
    expect(byCode.size).toBeGreaterThan(40)
  })

  it('an instance carries its class\'s code and name, and the codes the daemon builds keep their style', () => {
    const e = new media.WireTruncatedError('short', { cause: 'why' })
    expect([e.code, e.name, e.message, e.cause]).toEqual(['MEDIA_WIRE_TRUNCATED', 'WireTruncatedError', 'short', 'why'])
    expect(e).toBeInstanceOf(ParleyError)
    expect(new core.FrameAuthError('x').code).toBe(core.FrameAuthError.code)
    expect(new ipc.ClientClosedError('gone').code).toBe('IPC_CLOSED')
    expect(new ipc.RpcError({ code: -32000, message: 'm', data: { code: 'DIAL_TIMEOUT' } })).toMatchObject({ code: 'DIAL_TIMEOUT', rpcCode: -32000 })
    expect(new ipc.RpcError({ code: -32601, message: 'm' }).code).toBe('METHOD_NOT_FOUND')
    for (const err of [
      callErrors.callBusy(), callErrors.noCall('x'), callErrors.wrongCall('c'), new daemonErrors.DialSelfError('p'),
      new sourceErrors.UnknownMediaSourceError('audio', 'x'), new sourceErrors.LiveMediaUnavailableError(), new sourceErrors.EmptyMediaFileError('f')
    ]) {
      expect(err).toBeInstanceOf(ParleyError)
      expect(err.code).toMatch(UPPER_SNAKE)
    }
    expect(callErrors.callBusy()).toBeInstanceOf(callErrors.CallCommandError)
  })
})
