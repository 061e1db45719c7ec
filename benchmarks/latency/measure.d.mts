// Types for measure.mjs (plain ESM), for the TypeScript tests.
import type { VideoQualitySummary } from './quality.mjs'
export const TAIL_MS: number
export const AUDIO_MATCH_WINDOW_MS: number
export const VIDEO_MATCH_WINDOW_MS: number
export interface Matched { id: number, sentAtMs: number, atMs: number, latencyMs: number, width?: number, height?: number, psnrDb?: number, ssim?: number | null, similarity?: number | null }
export function resolutionSteps (received: Array<{ atMs: number, width: number, height: number }>, t0: number): Array<[number, number, number]>
export function matchByContent (sent: Array<{ id: number, atMs: number }>, received: Array<{ id: number, atMs: number, width?: number, height?: number, psnrDb?: number, ssim?: number | null, similarity?: number | null }>, modulus: number, windowMs: number): { matched: Matched[], unmatched: number, duplicates: number }
export interface LatencySummary { n: number, mean: number | null, p50: number | null, p95: number | null, p99: number | null, max: number | null }
export function latencySummary (values: number[]): LatencySummary
export interface KindMeasure { latencyMs: LatencySummary, sent: number, received: number, lost: number, lossPercent: number | null, unmatchedReceipts: number, duplicateReceipts: number, series: Array<[number, number]> }
export function measure (result: any, options: { warmupMs: number, tailMs?: number }): {
  window: { fromMs: number, toMs: number, seconds: number }
  video: KindMeasure & { fps: number | null, maxGapMs: number | null, sizes: Record<string, number>, quality: VideoQualitySummary, qualitySeries: Array<[number, number, number | null]>, resolution: Array<[number, number, number]> }
  audio: KindMeasure & { concealedFrames: number | null, concealment: { concealedMs: number | null, stretchedMs: number | null } | null, similarity: { n: number, mean: number | null, p5: number | null } }
  bitrate: { videoBps: number | null, audioBps: number | null, totalBps: number | null }
  timeline: any[]
}
