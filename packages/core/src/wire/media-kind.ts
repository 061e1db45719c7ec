// The kinds of media Parley carries, defined once, with the one-byte code every format that names a
// kind uses for it: the media frame's kind nibble, the media-socket frame's kind byte and the stream
// header's kind byte (which adds `control`), docs/protocol.md §4. The names key the frame keys too
// (docs/protocol.md §3.4: info "Parley-Frame-v1 audio" | "… video").
export const MediaKind = { audio: 1, video: 2 } as const
/** 'audio' | 'video'. */
export type MediaKind = keyof typeof MediaKind
export type MediaKindCode = (typeof MediaKind)[MediaKind]

export const MEDIA_KINDS: readonly MediaKind[] = ['audio', 'video']

/** The kind a wire code names, or undefined for any other byte. */
export function mediaKindOf (code: number): MediaKind | undefined {
  return MEDIA_KINDS.find(kind => MediaKind[kind] === code)
}
