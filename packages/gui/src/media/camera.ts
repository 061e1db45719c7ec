// Camera track → I420 pictures, at the pace the caller asks for. Breakout box
// (MediaStreamTrackProcessor → VideoFrame.copyTo) where the browser has it; otherwise the
// track plays in a detached <video> that is drawn to a canvas and read back as RGBA.
import { rgbaToI420 } from './i420.js'
import type { I420Picture } from './i420.js'
import { videoFrameToI420 } from './video-frame.js'

/** The daemon's encoder never runs faster; the canvas fallback polls at this rate. */
export const VIDEO_MAX_FPS = 30
/** Canvas capture may use at most 1 / CANVAS_CAPTURE_DUTY of the main thread (default 3: a third). */
export const CANVAS_CAPTURE_DUTY = 3

export interface CameraReader {
  stop: () => void
  /** 'processor' (breakout box) or 'canvas' (fallback); shown in the page for diagnosis. */
  readonly path: 'processor' | 'canvas'
}

/**
 * Read pictures from a camera track. `wanted()` is asked before each conversion, so a
 * camera that is off, a congested socket or a frame too soon for the encoder's rate
 * costs no copy.
 */
export function readCamera (track: MediaStreamTrack, wanted: () => boolean, onPicture: (p: I420Picture) => void): CameraReader {
  return typeof MediaStreamTrackProcessor === 'function'
    ? readWithProcessor(track, wanted, onPicture)
    : readWithCanvas(track, wanted, onPicture)
}

function readWithProcessor (track: MediaStreamTrack, wanted: () => boolean, onPicture: (p: I420Picture) => void): CameraReader {
  let stopped = false
  // maxBufferSize 1: a slow reader gets the newest frame, not a queue of old ones
  const reader = new MediaStreamTrackProcessor({ track, maxBufferSize: 1 }).readable.getReader()
  void (async () => {
    while (!stopped) {
      const { value: frame, done } = await reader.read().catch(() => ({ value: undefined, done: true }))
      if (done === true || frame == null) break
      try {
        if (!wanted()) continue
        const pic = await videoFrameToI420(frame)
        if (!stopped) onPicture(pic)
      } catch {
        // one unreadable frame (a format change mid-stream) is skipped, not fatal
      } finally {
        frame.close()
      }
    }
  })()
  return { path: 'processor', stop: () => { stopped = true; void reader.cancel().catch(() => {}) } }
}

function readWithCanvas (track: MediaStreamTrack, wanted: () => boolean, onPicture: (p: I420Picture) => void): CameraReader {
  const video = document.createElement('video')
  video.muted = true
  video.playsInline = true
  video.srcObject = new MediaStream([track])
  void video.play().catch(() => {})
  const canvas = document.createElement('canvas')
  const g = canvas.getContext('2d', { willReadFrequently: true })
  // Each picture is drawn, read back and converted on the main thread. Where that takes long (a
  // slow machine, software rendering) a fixed 30 fps timer kept the thread busy all the time and
  // starved the microphone's messages, so the call lost its audio. The next picture is therefore
  // taken no sooner than CANVAS_CAPTURE_DUTY times the last one's cost: the main thread stays
  // mostly free, and the frame rate drops instead of the sound.
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  const tick = (): void => {
    if (stopped) return
    const t0 = performance.now()
    const width = video.videoWidth & ~1
    const height = video.videoHeight & ~1
    if (g != null && width > 0 && height > 0 && wanted()) {
      if (canvas.width !== width || canvas.height !== height) { canvas.width = width; canvas.height = height }
      g.drawImage(video, 0, 0, width, height)
      onPicture({ width, height, data: rgbaToI420(g.getImageData(0, 0, width, height).data, width, height) })
    }
    const cost = performance.now() - t0
    timer = setTimeout(tick, Math.max(1000 / VIDEO_MAX_FPS - cost, cost * (CANVAS_CAPTURE_DUTY - 1)))
  }
  timer = setTimeout(tick, 1000 / VIDEO_MAX_FPS)
  return {
    path: 'canvas',
    stop: () => { stopped = true; clearTimeout(timer); video.srcObject = null }
  }
}
