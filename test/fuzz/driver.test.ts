// The fuzz driver itself (benchmarks/fuzz/): it must report what it exists to find —
// untyped errors, slow inputs, answers that depend on a view's byteOffset, decoders that
// never return — with the input that did it, and replay inputs exactly from the seed.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { fuzzTarget, generateInput, prepareCorpus, toHex } from '../../benchmarks/fuzz/driver.mjs'
import type { FuzzResult, FuzzTarget } from '../../benchmarks/fuzz/driver.mjs'
import { runTargetInWorker } from '../../benchmarks/fuzz/in-worker.mjs'
import { targets } from '../../benchmarks/fuzz/targets.mjs'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const FIXTURES = join(ROOT, 'test/fuzz/fixtures/broken-targets.mjs')

class FormatError extends Error {
  readonly code = 'TEST_BAD_FORMAT'
}

/** version byte 1, u16 length, that many bytes */
function seeds (): Uint8Array[] {
  return [Uint8Array.of(1, 0, 3, 9, 9, 9), Uint8Array.of(1, 0, 0)]
}

function target (name: string, run: (bytes: Uint8Array) => unknown, extra: Partial<FuzzTarget> = {}): FuzzTarget {
  return { name, description: 'test decoder', seeds, run, typedCode: err => (err instanceof FormatError ? err.code : undefined), ...extra }
}

function inputOf (t: FuzzTarget, seed: number, index: number): Uint8Array {
  return generateInput(t, prepareCorpus(t, seed), seed, index).bytes
}

/** Every field but the timings. */
function counts (r: FuzzResult): Omit<FuzzResult, 'ms' | 'slowestMs' | 'slowestIndex'> {
  const { ms, slowestMs, slowestIndex, ...rest } = r
  return rest
}

const tmp = mkdtempSync(join(tmpdir(), 'parley-fuzz-'))
afterAll(() => { rmSync(tmp, { recursive: true, force: true }) })

describe('fuzz driver', () => {
  it('reports an untyped error as a crash with its input and stack, and counts typed errors by code', async () => {
    const t = target('broken', function brokenDecode (bytes) {
      if (bytes[0] !== 1) throw new FormatError('version')
      // the bug under test: reads the length field without checking the size first
      const len = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint16(1)
      if (bytes.length !== 3 + len) throw new FormatError('length')
      return len
    })
    const r = await fuzzTarget(t, { seed: 7, iterations: 2000 })
    expect(r.done).toBe(2000)
    expect(r.crashes).toBeGreaterThan(0)
    expect(r.accepted + r.typedTotal + r.crashes).toBe(2000)
    expect(r.typed.TEST_BAD_FORMAT).toBe(r.typedTotal)
    expect(r.accepted).toBeGreaterThan(0)
    expect(r.crashGroups).toHaveLength(1)
    const g = r.crashGroups[0]!
    expect(g).toMatchObject({ kind: 'exception', name: 'RangeError', count: r.crashes })
    const sample = g.samples[0]!
    expect(sample.stack).toContain('brokenDecode')
    expect(sample.inputHex).toBe(toHex(inputOf(t, 7, sample.index)))
    expect(inputOf(t, 7, sample.index).length).toBeLessThan(3)
  })

  it('counts an error of another class as a crash', async () => {
    const r = await fuzzTarget(target('foreign', bytes => {
      if (bytes.length % 2 === 0) throw new FormatError('even')
      throw Object.assign(new Error('odd'), { code: 'TEST_BAD_FORMAT' })
    }), { iterations: 300 })
    expect(r.accepted).toBe(0)
    expect(r.typedTotal).toBeGreaterThan(0)
    expect(r.crashGroups.map(g => g.message)).toEqual(['odd'])
  })

  it('reports an input slower than hangMs as a hang', async () => {
    const t = target('slow', bytes => {
      if (bytes.length % 2 === 0) { const until = performance.now() + 300; while (performance.now() < until) { /* busy */ } }
      return bytes.length
    })
    // 300 ms busy against a 200 ms limit; the other inputs take microseconds, far below it even under load
    const r = await fuzzTarget(t, { seed: 3, iterations: 12, hangMs: 200 })
    const slow = Array.from({ length: 12 }, (_, i) => inputOf(t, 3, i)).filter(b => b.length % 2 === 0).length
    expect(slow).toBeGreaterThan(0)
    expect(r.crashGroups.map(g => [g.kind, g.count])).toEqual([['hang', slow]])
  })

  it('reports a result that the target check refuses', async () => {
    const r = await fuzzTarget(target('checked', bytes => bytes.length, { check: v => ((v as number) > 5 ? { crash: 'too long' } : undefined) }), { iterations: 500 })
    expect(r.crashGroups.map(g => [g.kind, g.message])).toEqual([['invalid-result', 'too long']])
  })

  it('catches a decoder that reads the whole backing buffer instead of its view', async () => {
    const r = await fuzzTarget(target('offset', bytes => bytes.length > 0 && new DataView(bytes.buffer).getUint8(0) === 1 ? 'v1' : 'other'), { iterations: 500 })
    expect(r.crashGroups.map(g => g.kind)).toEqual(['invalid-result'])
    expect(r.crashGroups[0]!.message).toContain('byteOffset')
  })

  it('replays exactly from the seed, and another seed gives other inputs', async () => {
    const header = targets.find(t => t.name === 'stream-header')!
    const a = await fuzzTarget(header, { seed: 11, iterations: 500 })
    const b = await fuzzTarget(header, { seed: 11, iterations: 500 })
    expect(counts(b)).toEqual(counts(a))
    const tail = await fuzzTarget(header, { seed: 11, iterations: 1, first: 499 })
    expect(tail.accepted + tail.typedTotal).toBe(1)
    expect(toHex(inputOf(header, 11, 3))).not.toBe(toHex(inputOf(header, 12, 3)))
  })
})

describe('fuzz runner', () => {
  // watchdogMs well above a worker's start-up on a loaded machine, so only the loop trips it
  it('stops a decoder that never returns and reports the input it hung on', async () => {
    const r = await runTargetInWorker({ targetsModule: pathToFileURL(FIXTURES).href, name: 'looping', seed: 1, iterations: 500, watchdogMs: 3000 })
    expect(r.crashGroups.map(g => [g.kind, g.count])).toEqual([['hang', 1]])
    const sample = r.crashGroups[0]!.samples[0]!
    expect(sample.inputHex).toBe('42424242')
    expect(r.done).toBe(sample.index)
  })

  it('npm run fuzz exits 1 and prints the crashing input and stack', async () => {
    const out = join(tmp, 'broken')
    const err = await run(process.execPath, ['benchmarks/fuzz/run.mjs', '--targets', FIXTURES, '--only', 'reads-past-end', '--iterations', '300', '--out', out], { cwd: ROOT })
      .then(() => undefined, (e: { code: number, stdout: string }) => e)
    expect(err?.code).toBe(1)
    expect(err?.stdout).toMatch(/CRASH reads-past-end: exception RangeError/)
    expect(err?.stdout).toMatch(/input \d+ \(\w+, \d+ bytes\): [0-9a-f]*\n/)
    expect(err?.stdout).toMatch(/replay: npm run fuzz -- --only reads-past-end --seed 1 --index \d+/)
    expect(err?.stdout).toContain('broken-targets.mjs:')
    const json = JSON.parse(readFileSync(join(out, 'fuzz.json'), 'utf8')) as { crashes: number, results: FuzzResult[] }
    expect(json.crashes).toBeGreaterThan(0)
    expect(json.results[0]!.crashGroups[0]!.samples[0]!.stack).toContain('RangeError')
  })

  it('npm run fuzz exits 0 with a table and JSON when nothing crashes', async () => {
    const out = join(tmp, 'ok')
    const { stdout } = await run(process.execPath, ['benchmarks/fuzz/run.mjs', '--only', 'stream-header,dm-ack', '--iterations', '300', '--seed', '5', '--out', out], { cwd: ROOT })
    expect(stdout).toMatch(/^stream-header\s+300\s/m)
    expect(stdout).toMatch(/^dm-ack\s+300\s/m)
    const json = JSON.parse(readFileSync(join(out, 'fuzz.json'), 'utf8')) as { seed: number, crashes: number, results: FuzzResult[] }
    expect(json).toMatchObject({ seed: 5, crashes: 0 })
    expect(json.results.map(r => r.done)).toEqual([300, 300])
  })
})
