// A camera VideoFrame (WebCodecs) → tightly packed I420 of its visible picture. Chromium's
// copyTo converts only to RGB formats, so I420 is copied as is, NV12 de-interleaved, and
// anything else (BGRA from some capture paths) read back as RGBX and converted.
import { i420Planes, nv12ToI420, rgbaToI420 } from './i420.js'
import type { I420Picture } from './i420.js'

export async function videoFrameToI420 (frame: VideoFrame): Promise<I420Picture> {
  const vr = frame.visibleRect
  // even size and origin: the encoder needs even sides, and chroma planes can only be cut at even pixels
  const x = (vr?.x ?? 0) & ~1
  const y = (vr?.y ?? 0) & ~1
  const width = (vr?.width ?? frame.displayWidth) & ~1
  const height = (vr?.height ?? frame.displayHeight) & ~1
  const rect = { x, y, width, height }
  const p = i420Planes(width, height)
  switch (frame.format) {
    case 'I420':
    case 'I420A': {
      // an explicit layout gives tight strides whatever the frame's own padding is
      const layout = [{ offset: 0, stride: width }, { offset: p.u, stride: p.cw }, { offset: p.v, stride: p.cw }]
      if (frame.format === 'I420A') layout.push({ offset: p.bytes, stride: width })
      const buf = new Uint8Array(p.bytes + (frame.format === 'I420A' ? width * height : 0))
      await frame.copyTo(buf, { rect, layout })
      return { width, height, data: buf.subarray(0, p.bytes) }
    }
    case 'NV12': {
      const buf = new Uint8Array(width * height + p.cw * 2 * p.ch)
      await frame.copyTo(buf, { rect, layout: [{ offset: 0, stride: width }, { offset: width * height, stride: p.cw * 2 }] })
      return { width, height, data: nv12ToI420(buf, width, height) }
    }
    default: {
      const buf = new Uint8Array(width * height * 4)
      await frame.copyTo(buf, { rect, format: 'RGBX', layout: [{ offset: 0, stride: width * 4 }] })
      return { width, height, data: rgbaToI420(buf, width, height) }
    }
  }
}
