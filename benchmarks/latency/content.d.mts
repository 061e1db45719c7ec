// Types for content.mjs (plain ESM), for the TypeScript tests.
import type { I420Frame } from '@parley/media'

export const VIDEO_ID_BITS: number
export const VIDEO_ID_MODULUS: number
export function crc4 (id: number): number
export function videoCode (index: number): number
export function counterBlockPx (sourceWidth: number): number
export function createVideoContent (size: { width: number, height: number }): { width: number, height: number, frame (index: number): I420Frame }
export function readVideoId (frame: { data: ArrayLike<number>, width: number, height: number }, sourceWidth: number, sourceHeight: number): number | null

export const SAMPLE_RATE_HZ: number
export const AUDIO_FRAME_SAMPLES: number
export const AUDIO_FRAME_MS: number
export const MARKER_EVERY_FRAMES: number
export const MARKER_PERIOD_MS: number
export const AUDIO_ID_MODULUS: number
export const MARKER_SAMPLES: number
export const MARKER_FREQUENCIES_HZ: number[]
export function markerOfFrame (i: number): number | null
export function audioFrame (i: number): Int16Array

export class AudioMarkerDetector {
  constructor (options?: { sampleRate?: number })
  rejected: number
  setRate (sampleRate: number): void
  push (pcm: ArrayLike<number>, atMs: number, sampleRate?: number): Array<{ id: number, atMs: number, onsetSample: number }>
}
