// Browser APIs the DOM lib of TypeScript 5.9 does not declare yet (Chromium has them).

/** Breakout box: a camera track as a stream of VideoFrames (Chromium 94+). */
declare class MediaStreamTrackProcessor {
  constructor (init: { track: MediaStreamTrack, maxBufferSize?: number })
  readonly readable: ReadableStream<VideoFrame>
}

interface AudioContext {
  /** Chromium 110+: route the context's output to a chosen speaker. */
  setSinkId?: (sinkId: string) => Promise<void>
}

/** Built by Vite as a separate bundle; the import yields its URL (for audioWorklet.addModule). */
declare module '*?worker&url' {
  const url: string
  export default url
}
