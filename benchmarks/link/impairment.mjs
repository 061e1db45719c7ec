// Impairment settings for one direction of the relay: their validation and defaults.
// Validation is strict (unknown keys throw) because a typo such as `loss: 0.03` would
// otherwise silently run a clean link and invalidate a benchmark.

/**
 * @typedef {import('./gilbert-elliott.mjs').GilbertElliottParams} GilbertElliottParams
 *
 * @typedef {object} Impairment
 * @property {number} delayMs one-way delay added to every packet
 * @property {number} jitterMs extra delay, uniform in [0, jitterMs]
 * @property {boolean} reorder whether jitter may reorder packets (false: a packet never
 *   overtakes an earlier one, so jitter also delays its successors, as on a FIFO path)
 * @property {number} lossRate independent random loss probability per packet
 * @property {GilbertElliottParams | null} gilbertElliott bursty loss (applied in addition to lossRate)
 * @property {number | null} rateBps bottleneck rate in bit/s of UDP payload; null = unlimited
 * @property {number | null} queueBytes bottleneck queue limit (tail drop); null = 100 ms at the current rate
 *
 * @typedef {{ atMs: number } & Partial<Impairment>} ScheduleEntry
 * @typedef {Partial<Impairment> & { schedule?: ScheduleEntry[] }} DirectionOptions
 */

/** @type {Readonly<Impairment>} */
export const NO_IMPAIRMENT = Object.freeze({
  delayMs: 0,
  jitterMs: 0,
  reorder: false,
  lossRate: 0,
  gilbertElliott: null,
  rateBps: null,
  queueBytes: null
})

/** Queue depth used when a rate cap has no explicit queueBytes: ~100 ms, a typical home router buffer. */
export const DEFAULT_QUEUE_MS = 100

const IMPAIRMENT_KEYS = new Set(Object.keys(NO_IMPAIRMENT))
const GE_KEYS = new Set(['pGoodToBad', 'pBadToGood', 'lossInGood', 'lossInBad'])

/**
 * @param {unknown} v
 * @param {string} name
 * @param {number} min
 * @param {number} max
 */
function checkNumber (v, name, min, max) {
  if (typeof v !== 'number' || Number.isNaN(v)) throw new TypeError(`${name} must be a number, got ${describe(v)}`)
  if (!(v >= min && v <= max)) throw new RangeError(`${name} must be in [${min}, ${max}], got ${v}`)
}

/** @param {unknown} v */
function describe (v) {
  if (typeof v === 'string') return JSON.stringify(v)
  if (v === null || typeof v !== 'object') return String(v)
  return Array.isArray(v) ? 'an array' : 'an object'
}

/**
 * @param {unknown} v
 * @param {string} name
 * @returns {asserts v is Record<string, unknown>}
 */
export function checkPlainObject (v, name) {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new TypeError(`${name} must be an object, got ${describe(v)}`)
}

/**
 * Validates a partial impairment (no schedule) and returns a clean copy.
 * @param {unknown} partial
 * @param {string} name option path used in error messages, e.g. "upstream"
 * @returns {Partial<Impairment>}
 */
export function validatePartialImpairment (partial, name) {
  checkPlainObject(partial, name)
  /** @type {Partial<Impairment>} */
  const out = {}
  for (const [key, v] of Object.entries(partial)) {
    const path = `${name}.${key}`
    if (!IMPAIRMENT_KEYS.has(key)) throw new TypeError(`${path} is not a known impairment option (known: ${[...IMPAIRMENT_KEYS].join(', ')})`)
    switch (key) {
      case 'delayMs':
      case 'jitterMs':
        checkNumber(v, path, 0, 3_600_000)
        out[key] = /** @type {number} */ (v)
        break
      case 'lossRate':
        checkNumber(v, path, 0, 1)
        out.lossRate = /** @type {number} */ (v)
        break
      case 'reorder':
        if (typeof v !== 'boolean') throw new TypeError(`${path} must be a boolean, got ${describe(v)}`)
        out.reorder = v
        break
      case 'rateBps':
        if (v === null) { out.rateBps = null; break }
        checkNumber(v, path, 1, 1e12)
        out.rateBps = /** @type {number} */ (v)
        break
      case 'queueBytes':
        if (v === null) { out.queueBytes = null; break }
        checkNumber(v, path, 0, Infinity)
        out.queueBytes = /** @type {number} */ (v)
        break
      case 'gilbertElliott':
        out.gilbertElliott = v === null ? null : validateGilbertElliott(v, path)
        break
    }
  }
  return out
}

/**
 * @param {unknown} v
 * @param {string} path
 * @returns {GilbertElliottParams}
 */
function validateGilbertElliott (v, path) {
  checkPlainObject(v, path)
  for (const key of Object.keys(v)) {
    if (!GE_KEYS.has(key)) throw new TypeError(`${path}.${key} is not a Gilbert–Elliott parameter (known: ${[...GE_KEYS].join(', ')})`)
  }
  for (const key of ['pGoodToBad', 'pBadToGood']) {
    if (v[key] === undefined) throw new TypeError(`${path}.${key} is required`)
    checkNumber(v[key], `${path}.${key}`, 0, 1)
  }
  for (const key of ['lossInGood', 'lossInBad']) {
    if (v[key] !== undefined) checkNumber(v[key], `${path}.${key}`, 0, 1)
  }
  return {
    pGoodToBad: /** @type {number} */ (v.pGoodToBad),
    pBadToGood: /** @type {number} */ (v.pBadToGood),
    lossInGood: /** @type {number | undefined} */ (v.lossInGood) ?? 0,
    lossInBad: /** @type {number | undefined} */ (v.lossInBad) ?? 1
  }
}

/**
 * Validates one direction's options: a partial impairment plus an optional schedule.
 * @param {unknown} options
 * @param {string} name "upstream" or "downstream"
 * @returns {{ base: Impairment, schedule: ScheduleEntry[] }} schedule sorted by atMs (stable)
 */
export function validateDirectionOptions (options, name) {
  if (options === undefined) return { base: { ...NO_IMPAIRMENT }, schedule: [] }
  checkPlainObject(options, name)
  const { schedule, ...rest } = options
  const base = { ...NO_IMPAIRMENT, ...validatePartialImpairment(rest, name) }
  /** @type {ScheduleEntry[]} */
  const entries = []
  if (schedule !== undefined) {
    if (!Array.isArray(schedule)) throw new TypeError(`${name}.schedule must be an array, got ${describe(schedule)}`)
    schedule.forEach((entry, i) => {
      const path = `${name}.schedule[${i}]`
      checkPlainObject(entry, path)
      const { atMs, ...change } = entry
      if (atMs === undefined) throw new TypeError(`${path}.atMs is required`)
      checkNumber(atMs, `${path}.atMs`, 0, 86_400_000)
      entries.push({ atMs: /** @type {number} */ (atMs), ...validatePartialImpairment(change, path) })
    })
    entries.sort((a, b) => a.atMs - b.atMs)
  }
  return { base, schedule: entries }
}

/**
 * Effective queue limit in bytes for the current settings.
 * @param {Impairment} imp
 * @returns {number}
 */
export function queueLimitBytes (imp) {
  if (imp.queueBytes !== null) return imp.queueBytes
  if (imp.rateBps === null) return Infinity
  return imp.rateBps * DEFAULT_QUEUE_MS / 8000
}
