// Types for scenarios.mjs.
import type { DirectionOptions, RelayOptions } from './relay.mjs'

export interface LinkScenario {
  name: string
  description: string
  seed: number
  durationMs: number
  upstream: DirectionOptions
  downstream: DirectionOptions
}

export function loadScenarios (): LinkScenario[]
export function getScenario (name: string): LinkScenario
export function scenarioRelayOptions (scenario: LinkScenario, target: RelayOptions['target'], extra?: Partial<RelayOptions>): RelayOptions
