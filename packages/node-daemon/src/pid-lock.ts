// One daemon per data dir: the pid file is created with O_EXCL, so two daemons
// starting at once cannot both win. A pid file whose process is gone is stale and taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'
import { DaemonRunningError } from './errors.js'
import { FILE_MODE_PRIVATE } from './constants.js'

export function readPid (file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10)
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

export function isProcessAlive (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The pid of a live daemon holding this pid file, if any. */
export function runningDaemonPid (file: string): number | undefined {
  const pid = readPid(file)
  return pid != null && pid !== process.pid && isProcessAlive(pid) ? pid : undefined
}

export interface PidLock { release: () => void }

export function acquirePidLock (file: string, home: string): PidLock {
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number
    try {
      fd = openSync(file, 'wx', FILE_MODE_PRIVATE)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const pid = readPid(file)
      if (pid != null && isProcessAlive(pid)) throw new DaemonRunningError(pid, home)
      try { unlinkSync(file) } catch {}
      continue
    }
    writeSync(fd, `${process.pid}\n`)
    closeSync(fd)
    return {
      release: () => {
        if (readPid(file) === process.pid) {
          try { unlinkSync(file) } catch {}
        }
      }
    }
  }
  const pid = readPid(file) ?? -1
  throw new DaemonRunningError(pid, home)
}
