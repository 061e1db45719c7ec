import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLogger, fileSink } from '../src/logger.js'

describe('fileSink rotation', () => {
  let dir: string
  let file: string
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'parley-log-')); file = join(dir, 'daemon.log') })
  afterEach(() => { rmSync(dir, { recursive: true, force: true }) })

  const line = (i: number): string => `line ${String(i).padStart(4, '0')} ${'x'.repeat(88)}\n` // 99 bytes

  it('rotates at the size cap, keeps the configured number of files, drops the oldest', async () => {
    const sink = fileSink(file, { maxFileBytes: 1000, keptFiles: 2 })
    for (let i = 0; i < 100; i++) sink.write(line(i))
    await sink.close()

    expect(existsSync(`${file}.1`)).toBe(true)
    expect(existsSync(`${file}.2`)).toBe(true)
    expect(existsSync(`${file}.3`)).toBe(false)
    for (const f of [file, `${file}.1`, `${file}.2`]) {
      expect(statSync(f).size).toBeLessThanOrEqual(1000)
      expect(statSync(f).mode & 0o777).toBe(0o600)
    }
    // newest last: .2 then .1 then the live file hold the last lines written, in order, none lost in between
    const text = [`${file}.2`, `${file}.1`, file].map(f => readFileSync(f, 'utf8')).join('')
    const kept = text.split('\n').filter(Boolean).map(l => Number(l.slice(5, 9)))
    expect(kept.at(-1)).toBe(99)
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, k) => 100 - kept.length + k))
    expect(kept.length).toBe(30) // 10 lines of 99 bytes fit under 1000, three files
  })

  it('continues an existing file and counts its size towards the cap', async () => {
    let sink = fileSink(file, { maxFileBytes: 1000, keptFiles: 1 })
    for (let i = 0; i < 8; i++) sink.write(line(i))
    await sink.close()
    sink = fileSink(file, { maxFileBytes: 1000, keptFiles: 1 })
    for (let i = 8; i < 12; i++) sink.write(line(i))
    await sink.close()
    expect(readFileSync(`${file}.1`, 'utf8').split('\n').filter(Boolean)).toHaveLength(10)
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(2)
  })

  it('a logger on a rotating sink keeps writing across rotations', async () => {
    const sink = fileSink(file, { maxFileBytes: 300, keptFiles: 3 })
    const log = createLogger(sink, 'info', 'test')
    for (let i = 0; i < 20; i++) log.warn('refused', { i })
    await sink.close()
    const live = readFileSync(file, 'utf8')
    expect(live).toContain('"i":19')
    expect(existsSync(`${file}.4`)).toBe(false)
  })
})
