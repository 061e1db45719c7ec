// The fake camera and microphone files the `gui` systems' browsers play, shared by both
// systems and every run of one bench process (writing 720p content takes a while).
import { fakeDeviceCache } from './fake-devices.mjs'

/**
 * The device opens when the call starts ringing, before media time starts: the file lasts
 * the media time plus this, so it does not loop while measured (a loop fails the run).
 * Ring + answer + connect take 1–5 s here; the harness waits up to 30 s for each step.
 */
export const DEVICE_SLACK_S = 25

let cache = null

export function deviceSeconds (durationMs) { return durationMs / 1000 + DEVICE_SLACK_S }

/** @returns {{ video: string, audio: string, frames: number }} */
export function fakeDevices (video, seconds, progress) {
  cache ??= fakeDeviceCache()
  const t = performance.now()
  const files = cache.get(video, seconds, progress)
  const ms = performance.now() - t
  if (ms > 1000) progress(`fake devices: ${files.frames} frames of ${video.width}×${video.height} written in ${(ms / 1000).toFixed(1)} s`)
  return files
}
