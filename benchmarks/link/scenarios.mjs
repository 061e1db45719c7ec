// Loads the named link scenarios (scenarios.json) and turns one into relay options.
// JSON rather than code so that benchmark results can quote the exact scenario they ran.
import { readFileSync } from 'node:fs'
import { validateDirectionOptions } from './impairment.mjs'

/**
 * @typedef {import('./impairment.mjs').DirectionOptions} DirectionOptions
 * @typedef {import('./relay.mjs').RelayOptions} RelayOptions
 *
 * @typedef {object} LinkScenario
 * @property {string} name
 * @property {string} description
 * @property {number} seed
 * @property {number} durationMs how long a benchmark should run under it
 * @property {DirectionOptions} upstream
 * @property {DirectionOptions} downstream
 */

/** @returns {LinkScenario[]} validated, so a broken edit fails at load, not mid-benchmark */
export function loadScenarios () {
  const raw = JSON.parse(readFileSync(new URL('./scenarios.json', import.meta.url), 'utf8'))
  /** @type {LinkScenario[]} */
  const list = raw.scenarios
  for (const s of list) {
    validateDirectionOptions(s.upstream, `${s.name}.upstream`)
    validateDirectionOptions(s.downstream, `${s.name}.downstream`)
  }
  return list
}

/**
 * @param {string} name
 * @returns {LinkScenario}
 */
export function getScenario (name) {
  const all = loadScenarios()
  const s = all.find(x => x.name === name)
  if (s === undefined) throw new RangeError(`unknown link scenario ${JSON.stringify(name)} (known: ${all.map(x => x.name).join(', ')})`)
  return s
}

/**
 * Relay options for a scenario, pointed at `target`.
 * @param {LinkScenario} scenario
 * @param {RelayOptions['target']} target
 * @param {Partial<RelayOptions>} [extra] e.g. { scheduleStart: 'manual' }
 * @returns {RelayOptions}
 */
export function scenarioRelayOptions (scenario, target, extra = {}) {
  return { target, seed: scenario.seed, upstream: structuredClone(scenario.upstream), downstream: structuredClone(scenario.downstream), ...extra }
}
