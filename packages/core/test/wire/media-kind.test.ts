import { describe, expect, it } from 'vitest'
import { MEDIA_KINDS as CALL_MEDIA_KINDS } from '../../src/call/index.js'
import { MediaKind as SocketMediaKind } from '../../src/ipc/media-socket.js'
import { MEDIA_KINDS, MediaKind, mediaKindOf } from '../../src/wire/index.js'

describe('media kinds', () => {
  it('have one table of names and wire codes, which the frame keys and the media socket reuse', () => {
    expect(MediaKind).toEqual({ audio: 1, video: 2 })
    expect(MEDIA_KINDS).toEqual(['audio', 'video'])
    expect(CALL_MEDIA_KINDS).toBe(MEDIA_KINDS)
    expect(SocketMediaKind).toBe(MediaKind)
  })

  it('map codes back to names and nothing else', () => {
    expect(mediaKindOf(1)).toBe('audio')
    expect(mediaKindOf(2)).toBe('video')
    for (const code of [0, 3, 15, 255, 1.5, -1]) expect(mediaKindOf(code)).toBeUndefined()
  })
})
