// The fuzz loop for one decoder: generate input i from (seed, decoder, i), run the decoder,
// and sort the outcome into accepted / the decoder's typed error (by code) / crash.
// A crash is anything else thrown (TypeError, RangeError, a foreign error class), a
// result the target's own check refuses, or one input taking longer than `hangMs`.
// Inputs depend only on (seed, target name, index), so any one of them can be replayed
// alone (`--index`), and a worker that never returns can be reported by its index.
import { isDeepStrictEqual } from 'node:util'
import { deriveSeed, mulberry32 } from '../link/prng.mjs'
import { harvestStrings, mutateBytes, mutateJson, pick, randInt, randomBytes, randomLength } from './mutate.mjs'

/** Inputs per decoder of `npm run fuzz` (the issue asks for at least 100 000). */
export const DEFAULT_ITERATIONS = 100_000
export const DEFAULT_SEED = 1
/** One input that takes longer than this counts as a hang (decoders answer in microseconds). */
export const DEFAULT_HANG_MS = 2_000
/** Crashing inputs kept per distinct crash (same kind, error class and throw site). */
export const MAX_SAMPLES_PER_CRASH = 3
/** A crashing input's hex is cut after this many bytes in reports (replay it with --index). */
export const MAX_REPORTED_INPUT_BYTES = 16 * 1024
/** Share of inputs that are random bytes / valid encodings unchanged; the rest are mutations. */
const RANDOM_SHARE = 0.1
const VALID_SHARE = 0.05
/** For JSON targets: share of all inputs that get structural (parsed-JSON) mutations. */
const JSON_SHARE = 0.5
/** Random-byte inputs are at most this long unless a target says otherwise. */
const DEFAULT_MAX_RANDOM_BYTES = 4096
/** Share of mutated inputs grown or cut to one of the target's size limits (± 1 byte). */
const SIZE_LIMIT_SHARE = 0.03
/**
 * Share of inputs handed over as a view into a larger buffer (garbage before and after),
 * as the network stack hands them over; the decoder must answer exactly as it does for a
 * copy, or it is reading through `.buffer` without honouring byteOffset/byteLength.
 */
const OFFSET_VIEW_SHARE = 0.2

/**
 * The valid encodings mutations start from; deterministic for (seed, target).
 * @param {import('./driver.d.mts').FuzzTarget} target
 * @param {number} seed
 */
export function prepareCorpus (target, seed) {
  const rng = mulberry32(deriveSeed(seed, `${target.name}/corpus`))
  if (target.jsonSeeds !== undefined && target.encodeJson !== undefined) {
    const values = target.jsonSeeds(rng)
    return { bytes: values.map(v => target.encodeJson(v)), json: { values, strings: harvestStrings(values) } }
  }
  if (target.seeds === undefined) throw new Error(`fuzz target ${target.name} has no seeds`)
  return { bytes: target.seeds(rng), json: undefined }
}

/** The input as a view into a larger buffer with random bytes around it. */
function inLargerBuffer (rng, bytes) {
  const before = randomBytes(rng, 1 + randInt(rng, 15))
  const after = randomBytes(rng, 1 + randInt(rng, 16))
  const backing = new Uint8Array(before.length + bytes.length + after.length)
  backing.set(before)
  backing.set(bytes, before.length)
  backing.set(after, before.length + bytes.length)
  return backing.subarray(before.length, before.length + bytes.length)
}

/** Grows (with random bytes) or cuts the input to one of the target's size limits ± 1. */
function toSizeLimit (rng, bytes, limits) {
  const size = Math.max(0, pick(rng, limits) + randInt(rng, 3) - 1)
  if (size <= bytes.length) return bytes.slice(0, size)
  const out = randomBytes(rng, size)
  out.set(bytes)
  return out
}

/**
 * Input number `index` of `target` under `seed`.
 * @returns {{ bytes: Uint8Array, source: 'random' | 'valid' | 'json' | 'bytes', offsetView: boolean }}
 */
export function generateInput (target, corpus, seed, index) {
  const rng = mulberry32(deriveSeed(seed, `${target.name}#${index}`))
  const { bytes, source } = pickInput(target, corpus, rng)
  const offsetView = rng() < OFFSET_VIEW_SHARE
  return { bytes: offsetView ? inLargerBuffer(rng, bytes) : bytes, source, offsetView }
}

function pickInput (target, corpus, rng) {
  const r = rng()
  if (r < RANDOM_SHARE || corpus.bytes.length === 0) {
    return { bytes: randomBytes(rng, randomLength(rng, target.maxRandomBytes ?? DEFAULT_MAX_RANDOM_BYTES)), source: 'random' }
  }
  // a copy: a decoder that writes into its input must not change the corpus
  if (r < RANDOM_SHARE + VALID_SHARE) return { bytes: pick(rng, corpus.bytes).slice(), source: 'valid' }
  if (corpus.json !== undefined && r < RANDOM_SHARE + VALID_SHARE + JSON_SHARE) {
    const { values, strings } = corpus.json
    let value = pick(rng, values)
    for (let n = 1 + randInt(rng, 3); n > 0; n--) value = mutateJson(rng, value, values, strings)
    let bytes = target.encodeJson(value)
    if (rng() < 0.2) bytes = mutateBytes(rng, bytes, corpus.bytes)
    return { bytes, source: 'json' }
  }
  let bytes = pick(rng, corpus.bytes)
  for (let n = 1 + randInt(rng, 4); n > 0; n--) bytes = mutateBytes(rng, bytes, corpus.bytes)
  if (target.sizeLimits !== undefined && rng() < SIZE_LIMIT_SHARE) bytes = toSizeLimit(rng, bytes, target.sizeLimits)
  return { bytes, source: 'bytes' }
}

export function toHex (bytes) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
}

/** Identifies "the same crash": kind, error class, message head and the first stack frame. */
function crashKey (crash) {
  // a hang has no throw site, and its message holds the time it took
  if (crash.kind === 'hang') return 'hang'
  const frame = (crash.stack ?? '').split('\n').find(l => l.trimStart().startsWith('at ')) ?? ''
  return `${crash.kind}|${crash.name}|${crash.message.slice(0, 60)}|${frame.trim()}`
}

/** The crash record of an input (hex cut at MAX_REPORTED_INPUT_BYTES). */
export function crashRecord (kind, error, index, bytes, source) {
  const e = error instanceof Error ? error : new Error(String(error))
  return {
    kind,
    name: e.name,
    message: e.message,
    stack: e.stack ?? '',
    index,
    source,
    inputBytes: bytes.length,
    inputHex: toHex(bytes.subarray(0, MAX_REPORTED_INPUT_BYTES)),
    inputTruncated: bytes.length > MAX_REPORTED_INPUT_BYTES
  }
}

/** Adds one crash to its group (grouped by crashKey), keeping a few samples per group. */
export function addCrash (result, crash) {
  result.crashes++
  const key = crashKey(crash)
  let group = result.crashGroups.find(g => g.key === key)
  if (group === undefined) {
    group = { key, kind: crash.kind, name: crash.name, message: crash.message, count: 0, samples: [] }
    result.crashGroups.push(group)
  }
  group.count++
  if (group.samples.length < MAX_SAMPLES_PER_CRASH) group.samples.push(crash)
}

export function emptyResult (target, seed, iterations, first) {
  return {
    name: target.name,
    description: target.description,
    seed,
    first,
    iterations,
    done: 0,
    accepted: 0,
    typed: /** @type {Record<string, number>} */ ({}),
    typedTotal: 0,
    crashes: 0,
    crashGroups: [],
    sources: /** @type {Record<string, number>} */ ({}),
    slowestMs: 0,
    slowestIndex: -1,
    ms: 0
  }
}

/**
 * One decoder call, sorted: `{ value }` accepted, `{ typed }` the decoder's own error,
 * `{ crash, kind }` anything else. Returns a promise only for a decoder that does, so
 * synchronous decoders run without a tick per input.
 */
function runOnce (target, bytes) {
  const sort = (value) => {
    const verdict = target.check?.(value)
    if (verdict?.crash !== undefined) return { crash: new Error(verdict.crash), kind: 'invalid-result' }
    if (verdict?.typed !== undefined) return { typed: verdict.typed }
    return { value }
  }
  const fail = (err) => {
    const code = target.typedCode(err)
    return code !== undefined ? { typed: code } : { crash: err, kind: 'exception' }
  }
  try {
    const value = target.run(bytes)
    return value instanceof Promise ? value.then(sort, fail) : sort(value)
  } catch (err) {
    return fail(err)
  }
}

function sameOutcome (a, b) {
  if (a.typed !== undefined || b.typed !== undefined) return a.typed === b.typed
  if (a.crash !== undefined || b.crash !== undefined) return a.crash !== undefined && b.crash !== undefined
  return isDeepStrictEqual(a.value, b.value)
}

function describe (o) {
  return o.typed !== undefined ? `typed error ${o.typed}` : o.crash !== undefined ? `crash (${o.crash instanceof Error ? o.crash.message : String(o.crash)})` : 'accepted'
}

/**
 * Runs `iterations` inputs (from index `first`) through `target`.
 * @param {import('./driver.d.mts').FuzzTarget} target
 * @param {import('./driver.d.mts').FuzzOptions} [options]
 * @returns {Promise<import('./driver.d.mts').FuzzResult>}
 */
export async function fuzzTarget (target, options = {}) {
  const seed = options.seed ?? DEFAULT_SEED
  const iterations = options.iterations ?? DEFAULT_ITERATIONS
  const hangMs = options.hangMs ?? DEFAULT_HANG_MS
  const first = options.first ?? 0
  const corpus = prepareCorpus(target, seed)
  const result = emptyResult(target, seed, iterations, first)
  const started = performance.now()
  for (let index = first; index < first + iterations; index++) {
    options.onInput?.(index)
    const { bytes, source, offsetView } = generateInput(target, corpus, seed, index)
    result.sources[source] = (result.sources[source] ?? 0) + 1
    const t0 = performance.now()
    let outcome = runOnce(target, bytes)
    if (outcome instanceof Promise) outcome = await outcome
    const ms = performance.now() - t0
    if (offsetView && outcome.crash === undefined) {
      let copy = runOnce(target, bytes.slice())
      if (copy instanceof Promise) copy = await copy
      if (!sameOutcome(outcome, copy)) {
        outcome = { crash: new Error(`answer depends on the input's byteOffset: ${describe(outcome)} for a view, ${describe(copy)} for a copy`), kind: 'invalid-result' }
      }
    }
    if (ms > result.slowestMs) { result.slowestMs = ms; result.slowestIndex = index }
    if (outcome.crash === undefined && ms > hangMs) {
      outcome = { crash: new Error(`input took ${Math.round(ms)} ms (limit ${hangMs} ms)`), kind: 'hang' }
    }
    if (outcome.crash !== undefined) addCrash(result, crashRecord(outcome.kind, outcome.crash, index, bytes, source))
    else if (outcome.typed !== undefined) { result.typed[outcome.typed] = (result.typed[outcome.typed] ?? 0) + 1; result.typedTotal++ } else result.accepted++
    result.done++
  }
  result.ms = performance.now() - started
  return result
}
