// Types for quality.mjs (plain ESM), for the TypeScript tests.
export const PSNR_CAP_DB: number
export const LOW_PSNR_DB: number
export const SSIM_WINDOW_PX: number
export const SSIM_STRIDE_PX: number
export const QUALITY_BUDGET_BYTES: number
export const AUDIO_ALIGN_SAMPLES: number
export function scalePlane (src: Uint8Array, sw: number, sh: number, dw: number, dh: number): Uint8Array
export function psnr (a: ArrayLike<number>, b: ArrayLike<number>): number
export function ssim (a: ArrayLike<number>, b: ArrayLike<number>, width: number, height: number): number | null
export function correlation (a: ArrayLike<number>, b: ArrayLike<number>): number | null
export function unwrapId (id: number, previous: number | null): number
export function qualityEveryN (video: { width: number, height: number, fps: number }, durationMs: number, budgetBytes?: number): number
export class VideoQualityRecorder {
  constructor (video: { width: number, height: number, fps: number }, durationMs: number)
  everyN: number
  keep (record: { id: number, psnrDb?: number, ssim?: number | null }, data: Uint8Array | Uint8ClampedArray, width: number, height: number): void
  score (): { scored: number, everyN: number, overBudget: number, computeMs: number }
}
export class AudioSimilarityTracker {
  push (pcm: ArrayLike<number>, sampleRate?: number): void
  track (marker: { id: number, onsetSample?: number, similarity?: number | null }, onsetSample?: number): void
}
export interface VideoQualitySummary { n: number, meanPsnrDb: number | null, p5PsnrDb: number | null, belowLowShare: number | null, meanSsim: number | null }
export function summarizeVideoQuality (frames: Array<{ psnrDb?: number, ssim?: number | null }>): VideoQualitySummary
export function summarizeAudioSimilarity (markers: Array<{ similarity?: number | null }>): { n: number, mean: number | null, p5: number | null }
