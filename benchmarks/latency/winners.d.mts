// Types for winners.mjs (plain ESM), for the TypeScript tests.
import type { Spread } from './ratios.mjs'
export const CATEGORIES: Array<[string, string]>
export interface Win { category: string, key: string, unit: string, winner: string | null, value: number | null, runnerUp: string | null, runnerUpValue: number | null, margin: number | null, real: boolean | null }
export function winners (summary: Record<string, Record<string, Record<string, Spread>>>, systems?: string[] | null): Record<string, Win[]>
