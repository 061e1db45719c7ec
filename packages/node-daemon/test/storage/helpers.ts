import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../../src/storage/index.js'
import type { ParleyDb } from '../../src/storage/index.js'

/** A settable clock: every stored time in these tests comes from here. */
export interface FakeClock { now: () => number, set: (t: number) => void, advance: (ms: number) => void }

export function fakeClock (start = 1_700_000_000_000): FakeClock {
  let t = start
  return { now: () => t, set: (v) => { t = v }, advance: (ms) => { t += ms } }
}

export interface TempDb { dir: string, file: string, db: ParleyDb, clock: FakeClock, reopen: () => ParleyDb, cleanup: () => void }

export function tempDb (): TempDb {
  const dir = mkdtempSync(join(tmpdir(), 'parley-db-'))
  const file = join(dir, 'parley.db')
  const clock = fakeClock()
  const handle: TempDb = {
    dir,
    file,
    clock,
    db: openDatabase(file, { now: clock.now }),
    reopen: () => { handle.db.close(); handle.db = openDatabase(file, { now: clock.now }); return handle.db },
    cleanup: () => { handle.db.close(); rmSync(dir, { recursive: true, force: true }) }
  }
  return handle
}
