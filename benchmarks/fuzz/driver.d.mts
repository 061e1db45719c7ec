// Types for driver.mjs (plain ESM), for the TypeScript tests and the JSDoc of the fuzz scripts.

/** A decoder under fuzz. Give either `seeds` (valid encodings) or `jsonSeeds` + `encodeJson`. */
export interface FuzzTarget {
  name: string
  description: string
  /** Valid encodings that mutations start from; `rng` is seeded from (seed, name). */
  seeds?: (rng: () => number) => Uint8Array[]
  /** Valid JSON values, mutated structurally as well as byte-wise. */
  jsonSeeds?: (rng: () => number) => unknown[]
  encodeJson?: (value: unknown) => Uint8Array
  /** Size limits of the format: some mutated inputs are grown or cut to one of them ± 1 byte. */
  sizeLimits?: number[]
  /** Longest random-byte input (default 4096). */
  maxRandomBytes?: number
  /** Runs the decoder the way the daemon does; throws to reject. */
  run: (bytes: Uint8Array) => unknown
  /** The decoder's own typed error's code, or undefined for anything else (= a crash). */
  typedCode: (err: unknown) => string | undefined
  /** For decoders that never throw by contract: classify what `run` returned. */
  check?: (value: unknown) => { typed?: string, crash?: string } | undefined
}

export interface FuzzOptions {
  seed?: number
  iterations?: number
  /** One input slower than this is a hang. */
  hangMs?: number
  /** Index of the first input (inputs are numbered from 0). */
  first?: number
  onInput?: (index: number) => void
}

export interface CrashSample {
  kind: 'exception' | 'hang' | 'invalid-result' | 'worker-error'
  name: string
  message: string
  stack: string
  index: number
  source: string
  inputBytes: number
  inputHex: string
  inputTruncated: boolean
}

export interface CrashGroup {
  key: string
  kind: CrashSample['kind']
  name: string
  message: string
  count: number
  samples: CrashSample[]
}

export interface FuzzResult {
  name: string
  description: string
  seed: number
  first: number
  iterations: number
  done: number
  accepted: number
  typed: Record<string, number>
  typedTotal: number
  crashes: number
  crashGroups: CrashGroup[]
  sources: Record<string, number>
  slowestMs: number
  slowestIndex: number
  ms: number
}

export interface WorkerRunOptions {
  /** URL (file:) of a module exporting `targets: FuzzTarget[]`. */
  targetsModule: string
  name: string
  seed: number
  iterations: number
  hangMs?: number
  watchdogMs?: number
  first?: number
}

export const DEFAULT_ITERATIONS: number
export const DEFAULT_SEED: number
export const DEFAULT_HANG_MS: number
export const MAX_SAMPLES_PER_CRASH: number
export const MAX_REPORTED_INPUT_BYTES: number
export function prepareCorpus (target: FuzzTarget, seed: number): { bytes: Uint8Array[], json: { values: unknown[], strings: string[] } | undefined }
export function generateInput (target: FuzzTarget, corpus: ReturnType<typeof prepareCorpus>, seed: number, index: number): { bytes: Uint8Array, source: 'random' | 'valid' | 'json' | 'bytes', offsetView: boolean }
export function toHex (bytes: Uint8Array): string
export function fuzzTarget (target: FuzzTarget, options?: FuzzOptions): Promise<FuzzResult>
