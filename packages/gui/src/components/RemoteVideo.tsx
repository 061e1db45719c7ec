// The peer's picture, drawn from the daemon's decoded I420 frames (WebGL, or canvas 2D).
// The avatar placeholder stays underneath and shows whenever no picture is fresh: an
// audio call, the peer's camera off, or the first second before a keyframe arrives.
import type { JSX } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import { useController } from '../context.js'
import { createYuvRenderer } from '../media/yuv-renderer.js'
import { VideoCanvas } from './VideoCanvas.js'

/** No picture for this long = the peer's camera is off (or the stream stalled). */
const STALE_MS = 1_500

export function RemoteVideo ({ peerId, name, caption, video }: { peerId: string, name: string, caption: string, video: boolean }): JSX.Element {
  const media = useController().media
  const ref = useRef<HTMLCanvasElement>(null)
  const [fresh, setFresh] = useState(false)

  useEffect(() => {
    const canvas = ref.current
    if (canvas == null || !video) return
    const renderer = createYuvRenderer(canvas)
    canvas.dataset.renderer = renderer?.kind ?? 'none'
    let frames = 0
    let lastAt = 0
    let pending = false
    let newest = media.remoteVideo.value
    // draw at most once per display frame, always the newest picture
    const paint = (): void => {
      pending = false
      if (newest == null || renderer == null) return
      renderer.draw(newest)
      canvas.dataset.frames = String(++frames)
    }
    const off = media.remoteVideo.subscribe(pic => {
      newest = pic
      if (pic == null) return
      lastAt = performance.now()
      setFresh(true)
      if (!pending) { pending = true; requestAnimationFrame(paint) }
    })
    const watchdog = setInterval(() => { if (performance.now() - lastAt > STALE_MS) setFresh(false) }, 500)
    return () => { off(); clearInterval(watchdog); renderer?.dispose() }
  }, [media, video])

  const showing = video && fresh
  return (
    <>
      {!showing && <VideoCanvas className='remote-video' peerId={peerId} name={name} label={`Video from ${name}`} caption={caption} />}
      <canvas ref={ref} class='remote-video live' data-testid='remote-video' role='img' aria-label={`Video from ${name}`} hidden={!showing} />
    </>
  )
}
