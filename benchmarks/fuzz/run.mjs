// `npm run fuzz`: drives every decoder of peer and client input (benchmarks/fuzz/targets.mjs)
// with mutated valid encodings and random bytes, each decoder in its own worker thread
// under a hang watchdog. Prints a table, writes <out>/fuzz.json, exits 1 on any crash.
// See benchmarks/fuzz/README.md.
//
//   node benchmarks/fuzz/run.mjs [--iterations N] [--seed S] [--only name]... [--out dir]
//     [--hang-ms N] [--watchdog-ms N] [--index I] [--targets module.mjs]
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { machineInfo } from '../lib/args.mjs'
import { DEFAULT_HANG_MS, DEFAULT_ITERATIONS, DEFAULT_SEED, generateInput, prepareCorpus, toHex } from './driver.mjs'
import { DEFAULT_WATCHDOG_MS, runTargetInWorker } from './in-worker.mjs'
import { formatCrashes, formatTable } from './report.mjs'

function intArg (values, key, fallback) {
  const raw = values[key]
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${key} must be a non-negative integer, got "${raw}"`)
  return n
}

const { values } = parseArgs({
  options: {
    iterations: { type: 'string' },
    seed: { type: 'string' },
    only: { type: 'string', multiple: true },
    out: { type: 'string' },
    'hang-ms': { type: 'string' },
    'watchdog-ms': { type: 'string' },
    index: { type: 'string' },
    targets: { type: 'string' }
  }
})
// --targets: another module exporting `targets` (a decoder under development, the tests' broken ones)
const targetsModule = values.targets !== undefined ? pathToFileURL(resolve(values.targets)).href : new URL('./targets.mjs', import.meta.url).href
/** @type {{ targets: import('./driver.d.mts').FuzzTarget[] }} */
const { targets } = await import(targetsModule)
const seed = intArg(values, 'seed', DEFAULT_SEED)
const replayIndex = values.index === undefined ? undefined : intArg(values, 'index', 0)
const iterations = replayIndex !== undefined ? 1 : intArg(values, 'iterations', DEFAULT_ITERATIONS)
const hangMs = intArg(values, 'hang-ms', DEFAULT_HANG_MS)
const watchdogMs = intArg(values, 'watchdog-ms', DEFAULT_WATCHDOG_MS)
const out = resolve(values.out ?? 'fuzz-out')
const only = (values.only ?? []).flatMap(s => s.split(',')).filter(s => s !== '')
const unknown = only.filter(n => !targets.some(t => t.name === n))
if (unknown.length > 0) {
  process.stderr.write(`unknown decoder ${unknown.join(', ')}; known: ${targets.map(t => t.name).join(', ')}\n`)
  process.exit(2)
}
const selected = only.length > 0 ? targets.filter(t => only.includes(t.name)) : targets
if (replayIndex !== undefined && selected.length !== 1) {
  process.stderr.write('--index replays one input: name its decoder with --only\n')
  process.exit(2)
}

const results = []
for (const target of selected) {
  process.stderr.write(`fuzz ${target.name}: ${iterations} inputs (seed ${seed})… `)
  const result = await runTargetInWorker({ targetsModule, name: target.name, seed, iterations, hangMs, watchdogMs, first: replayIndex ?? 0 })
  process.stderr.write(`${(result.ms / 1000).toFixed(1)} s, ${result.crashes} crashes\n`)
  results.push(result)
}

if (replayIndex !== undefined) {
  const target = selected[0]
  const { bytes, source } = generateInput(target, prepareCorpus(target, seed), seed, replayIndex)
  const r = results[0]
  const verdict = r.crashes > 0 ? 'crash' : r.accepted > 0 ? 'accepted' : `typed error ${Object.keys(r.typed)[0]}`
  process.stdout.write(`${target.name} input ${replayIndex} (${source}, ${bytes.length} bytes): ${verdict}\n${toHex(bytes)}\n`)
}
process.stdout.write(`${formatTable(results)}\n`)
const crashes = results.reduce((n, r) => n + r.crashes, 0)
if (crashes > 0) process.stdout.write(`\n${formatCrashes(results)}`)

mkdirSync(out, { recursive: true })
const file = join(out, 'fuzz.json')
writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), machine: machineInfo(), seed, iterations, hangMs, watchdogMs, crashes, results }, null, 2))
process.stdout.write(`\n${crashes} crashes in ${results.length} decoders; wrote ${file}\n`)
process.exitCode = crashes > 0 ? 1 : 0
