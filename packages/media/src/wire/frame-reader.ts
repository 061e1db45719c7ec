import { mediaFrameLength, readMediaFrame } from './media-frame.js'
import type { MediaFrame } from './media-frame.js'

/**
 * Splits a byte stream (e.g. a QUIC stream's chunks) into media frames.
 * Frames are self-delimiting; the reader holds at most one partial frame,
 * whose size the header has already validated against the hard maximums.
 * After a thrown wire error the stream is unusable: close it.
 */
export class MediaFrameReader {
  private buffered: Uint8Array = new Uint8Array(0)

  /** Bytes held for an incomplete frame. */
  get pendingBytes (): number {
    return this.buffered.byteLength
  }

  push (chunk: Uint8Array): MediaFrame[] {
    let bytes = chunk
    if (this.buffered.byteLength > 0) {
      bytes = new Uint8Array(this.buffered.byteLength + chunk.byteLength)
      bytes.set(this.buffered, 0)
      bytes.set(chunk, this.buffered.byteLength)
    }
    const out: MediaFrame[] = []
    let offset = 0
    for (;;) {
      const need = mediaFrameLength(bytes, offset)
      if (need === undefined || bytes.byteLength - offset < need) break
      const { frame, byteLength } = readMediaFrame(bytes, offset)
      // Copy out (as a plain Uint8Array, even from a Buffer) so a frame never
      // pins the whole chunk it arrived in.
      frame.frame.payload = new Uint8Array(frame.frame.payload)
      out.push(frame)
      offset += byteLength
    }
    this.buffered = bytes.slice(offset)
    return out
  }
}
