// Camera track → I420 pictures, at the pace the caller asks for. Breakout box
// (MediaStreamTrackProcessor → VideoFrame.copyTo) where the browser has it; otherwise the
// track plays in a detached <video> that is drawn to a canvas and read back as RGBA.
import { rgbaToI420 } from './i420.js'
import type { I420Picture } from './i420.js'
import { videoFrameToI420 } from './video-frame.js'

/** The daemon's encoder never runs faster; the canvas fallback polls at this rate. */
export const VIDEO_MAX_FPS = 30

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
  const timer = setInterval(() => {
    const width = video.videoWidth & ~1
    const height = video.videoHeight & ~1
    if (g == null || width === 0 || height === 0 || !wanted()) return
    if (canvas.width !== width || canvas.height !== height) { canvas.width = width; canvas.height = height }
    g.drawImage(video, 0, 0, width, height)
    onPicture({ width, height, data: rgbaToI420(g.getImageData(0, 0, width, height).data, width, height) })
  }, 1000 / VIDEO_MAX_FPS)
  return {
    path: 'canvas',
    stop: () => { clearInterval(timer); video.srcObject = null }
  }
}
