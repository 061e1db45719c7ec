// Types for ratios.mjs (plain ESM), for the TypeScript tests.
export const BASELINE: string
export const METRICS: Array<[string, string, string, (run: any) => number | null | undefined, 'lower' | 'higher' | null]>
export interface Spread { median: number | null, min: number | null, max: number | null, n: number }
export function ratio (a: unknown, b: unknown): number | null
export function spread (runs: any[], f: (run: any) => unknown): Spread
export function summarize (runs: any[]): Record<string, Record<string, Record<string, Spread>>>
export function separated (a: Spread, b: Spread): boolean | null
export function ratiosVsBaseline (summary: Record<string, Record<string, Record<string, Spread>>>): Record<string, Record<string, Record<string, { ratio: number, real: boolean | null } | null>>>
export interface Group { name: string, baseline: string, systems: string[] }
export const GROUPS: Group[]
export function baselineOf (system: string): string | null
