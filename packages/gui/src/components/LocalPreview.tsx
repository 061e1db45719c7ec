// Own camera, small and mirrored (people expect a mirror), straight from the captured
// MediaStream; the avatar placeholder when the camera is off or not yet open.
import type { JSX } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import { useController } from '../context.js'
import { VideoCanvas } from './VideoCanvas.js'

export function LocalPreview ({ peerId, cameraOn }: { peerId: string, cameraOn: boolean }): JSX.Element {
  const media = useController().media
  const ref = useRef<HTMLVideoElement>(null)
  const [stream, setStream] = useState<MediaStream | null>(null)
  const [path, setPath] = useState('')
  useEffect(() => media.localStream.subscribe(setStream), [media])
  useEffect(() => media.cameraPath.subscribe(setPath), [media])
  const hasVideo = stream != null && stream.getVideoTracks().length > 0
  useEffect(() => {
    const v = ref.current
    if (v == null) return
    v.srcObject = hasVideo ? stream : null
    if (hasVideo) void v.play().catch(() => {})
  }, [stream, hasVideo])
  const showing = hasVideo && cameraOn
  return (
    <>
      {!showing && <VideoCanvas className='local-video' peerId={peerId} name='Me' label='Your camera preview' caption='Camera off' />}
      <video ref={ref} class='local-video mirrored' muted autoplay playsInline aria-label='Your camera preview' hidden={!showing} data-capture={path} />
    </>
  )
}
