// Types for collect.mjs (plain ESM), for the TypeScript tests.
export const ENVELOPE_MS: number
export const GUI_KEEP_MS: number
export function nextMarkerIndex (last: number | null, cls: number): number
export function productionTimes (seen: Array<{ id: number, atMs: number }>, periodMs: number, firstId: number, lastId: number): { produced: Array<{ id: number, atMs: number }>, delayMs: number[] }
export interface AudioChunk { ctxMs: number, arrivalMs: number, rate: number, n: number, pcm: string }
export function batchClock (): { add: (chunks: AudioChunk[]) => void, flush: () => void, ready: () => Array<{ atMs: number, rate: number, pcm: string }> }
export function pageCollector (video: { width: number, height: number, fps: number }, durationMs: number): unknown
