// What a media session reads from (sources) and writes to (sinks).
import type { I420Frame } from '@parley/media'

/** Produces the PCM of frame i (20 ms, 48 kHz mono) when the session's timer asks. */
export interface PullAudioInput { frame: (index: number) => Int16Array }
/** Produces video frame i at the given size when the session's timer asks. */
export interface PullVideoInput { frame: (index: number, width: number, height: number) => I420Frame }
/** Live capture: calls back with each 20 ms frame as it is captured; returns an unsubscribe. */
export interface PushAudioInput { subscribe: (onFrame: (pcm: Int16Array) => void) => () => void }
/** Live capture: calls back with each picture (any even size; the session scales it). */
export interface PushVideoInput { subscribe: (onFrame: (frame: I420Frame) => void) => () => void }
export type AudioInput = PullAudioInput | PushAudioInput
export type VideoInput = PullVideoInput | PushVideoInput
/** Receives decoded media. */
export interface MediaOutput {
  /** pcm null = nothing to play yet; captureTsUs = the remote capture time on our clock. */
  audio?: (pcm: Int16Array | null, info?: { captureTsUs: number | null, concealed: boolean }) => void
  video?: (packet: { data: Uint8Array, ptsUs: number, keyframe: boolean, width: number, height: number }, frame: I420Frame | null) => void
}
