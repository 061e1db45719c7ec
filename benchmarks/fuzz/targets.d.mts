// Types for targets.mjs (plain ESM), for the TypeScript tests.
import type { FuzzTarget } from './driver.mjs'

export const targets: FuzzTarget[]
