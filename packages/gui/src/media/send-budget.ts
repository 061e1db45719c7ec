// How much may wait on the media socket before a frame is dropped instead of queued. The
// socket is one FIFO: audio queued behind pictures waits for them. A 640×360 I420 picture
// is 345 600 bytes, more than a second of PCM, so a picture limit above the audio limit let
// one queued picture silence the microphone: on a busy machine the peer heard nothing for
// tens of seconds (the GUI video-call test caught it: 283 audio frames reached the daemon in
// 47 s). Pictures now go only while little is queued, and audio gives way only when the
// socket is stuck beyond anything pictures can leave queued.

/** A picture is sent only while less than this waits (so at most about one picture is ever queued ahead of audio). */
export const MAX_BUFFERED_VIDEO_BYTES = 400_000
/** The largest picture the page sends (1280×720 I420). */
const LARGEST_PICTURE_BYTES = 1280 * 720 * 3 / 2
/** Audio is dropped only beyond what pictures can leave queued, plus about a second of PCM: then the socket is stuck, and a gap beats a growing lag. */
export const MAX_BUFFERED_AUDIO_BYTES = MAX_BUFFERED_VIDEO_BYTES + LARGEST_PICTURE_BYTES + 100_000

/** May a frame of this kind be sent with `buffered` bytes waiting on the socket? */
export function socketAdmits (kind: 'audio' | 'video', buffered: number): boolean {
  return buffered <= (kind === 'audio' ? MAX_BUFFERED_AUDIO_BYTES : MAX_BUFFERED_VIDEO_BYTES)
}
