import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DaemonRunningError } from '../src/errors.js'
import { acquirePidLock } from '../src/pid-lock.js'

let dir = ''
afterEach(() => { rmSync(dir, { recursive: true, force: true }) })

describe('pid lock', () => {
  it('a second holder is refused while the first lives; release frees it', () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-pid-'))
    const file = join(dir, 'daemon.pid')
    // a live foreign pid: our parent process
    writeFileSync(file, `${process.ppid}\n`)
    expect(() => acquirePidLock(file, dir)).toThrowError(DaemonRunningError)
    rmSync(file)
    const lock = acquirePidLock(file, dir)
    expect(readFileSync(file, 'utf8').trim()).toBe(String(process.pid))
    lock.release()
    expect(existsSync(file)).toBe(false)
  })

  it('takes over a stale pid file left by a crashed daemon', () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-pid-'))
    const file = join(dir, 'daemon.pid')
    writeFileSync(file, '999999999\n')
    const lock = acquirePidLock(file, dir)
    expect(readFileSync(file, 'utf8').trim()).toBe(String(process.pid))
    lock.release()
  })
})
