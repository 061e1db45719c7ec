// Types for in-worker.mjs (plain ESM), for the TypeScript tests.
import type { FuzzResult, WorkerRunOptions } from './driver.mjs'

export const DEFAULT_WATCHDOG_MS: number
export function runTargetInWorker (options: WorkerRunOptions): Promise<FuzzResult>
