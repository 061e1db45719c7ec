import { describe, expect, it } from 'vitest'
import { MAX_BUFFERED_AUDIO_BYTES, MAX_BUFFERED_VIDEO_BYTES, socketAdmits } from '../src/media/send-budget.js'

describe('media socket send budget', () => {
  it('audio still goes while pictures are queued; a picture waits for the queue to drain', () => {
    const onePicture = 640 * 360 * 3 / 2
    expect(socketAdmits('audio', onePicture)).toBe(true)
    expect(socketAdmits('audio', MAX_BUFFERED_VIDEO_BYTES + 1280 * 720 * 3 / 2)).toBe(true)
    expect(socketAdmits('video', onePicture + MAX_BUFFERED_VIDEO_BYTES)).toBe(false)
    expect(socketAdmits('video', 0)).toBe(true)
  })

  it('audio gives way only when the socket holds more than pictures can ever leave queued', () => {
    expect(MAX_BUFFERED_AUDIO_BYTES).toBeGreaterThan(MAX_BUFFERED_VIDEO_BYTES + 1280 * 720 * 3 / 2)
    expect(socketAdmits('audio', MAX_BUFFERED_AUDIO_BYTES + 1)).toBe(false)
  })
})
