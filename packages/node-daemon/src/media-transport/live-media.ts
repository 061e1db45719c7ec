// Live media: frames captured by a local media client (the GUI page's microphone and
// camera, or a benchmark harness) arrive over the /media WebSocket and feed the current
// call's encoders as they come (push, not a timer: no extra wait before the encoder);
// decoded remote frames go back to every connected media client at their playout time.
import {
  MEDIA_AUDIO_SAMPLES, MEDIA_FLAG_CONCEALED, MEDIA_FLAG_KEYFRAME, decodeMediaSocketFrame, encodeMediaSocketFrame
} from '@parley/core/ipc'
import type { LiveMediaStats } from '@parley/core/ipc'
import type { I420Frame } from '@parley/media'
import type { WebSocket } from 'ws'
import type { Logger } from '../logger.js'
import type { MediaOutput, PushAudioInput, PushVideoInput } from './media-types.js'

/**
 * Video to a client that reads slower than we send is dropped once this much is
 * buffered on its socket (≈ 12 frames of 640×360, 3 of 1280×720): a stale picture is worse than none.
 */
export const MEDIA_SOCKET_MAX_BUFFERED_BYTES = 4 * 1024 * 1024
/** Audio is dropped for a client with more than this buffered (about a second of PCM). */
export const MEDIA_SOCKET_MAX_BUFFERED_AUDIO_BYTES = 96 * 1024
/**
 * One client feeds each kind at a time (two GUI tabs must not both reach the encoder):
 * another client takes over once the current one has sent nothing for this long.
 */
export const LIVE_SOURCE_TAKEOVER_MS = 1000

/** Declared with call.stats, which carries them (`live`). */
export type { LiveMediaStats }

type Listener<T> = (v: T) => void

export class LiveMedia {
  private readonly clients = new Set<WebSocket>()
  private readonly audioListeners = new Set<Listener<Int16Array>>()
  private readonly videoListeners = new Set<Listener<I420Frame>>()
  private readonly counters: Omit<LiveMediaStats, 'clients'> = { audioIn: 0, videoIn: 0, audioOut: 0, videoOut: 0, droppedOut: 0, badFrames: 0, ignoredIn: 0 }
  private outSeq = 0
  private readonly source: Record<'audio' | 'video', { ws: WebSocket, atMs: number } | null> = { audio: null, video: null }

  constructor (private readonly log: Logger, private readonly now: () => number = Date.now) {}

  /** Take a freshly upgraded, authenticated media socket. */
  attach (ws: WebSocket): void {
    this.clients.add(ws)
    const drop = (): void => { this.clients.delete(ws) }
    ws.on('close', drop)
    ws.on('error', drop)
    ws.on('message', (data, isBinary) => {
      if (!isBinary) { ws.close(1003, 'media frames are binary'); return }
      let f
      try {
        f = decodeMediaSocketFrame(toBytes(data))
      } catch (err) {
        this.counters.badFrames++
        this.log.warn('bad media frame; closing the media socket', { error: (err as Error).message })
        ws.close(1007, (err as Error).message.slice(0, 120))
        return
      }
      if (!this.isSource(ws, f.kind)) { this.counters.ignoredIn++; return }
      if (f.kind === 'audio') {
        this.counters.audioIn++
        for (const l of this.audioListeners) l(f.pcm)
      } else {
        this.counters.videoIn++
        const frame = { data: f.data, width: f.width, height: f.height }
        for (const l of this.videoListeners) l(frame)
      }
    })
  }

  audioInput (): PushAudioInput {
    return { subscribe: (fn) => { this.audioListeners.add(fn); return () => { this.audioListeners.delete(fn) } } }
  }

  videoInput (): PushVideoInput {
    return { subscribe: (fn) => { this.videoListeners.add(fn); return () => { this.videoListeners.delete(fn) } } }
  }

  /** Decoded remote media, to every connected client. */
  output (): MediaOutput {
    return {
      audio: (pcm, info) => {
        if (pcm == null || this.clients.size === 0 || pcm.length !== MEDIA_AUDIO_SAMPLES) return
        this.send(encodeMediaSocketFrame({ kind: 'audio', seq: this.outSeq++, tsUs: info?.captureTsUs ?? 0, flags: info?.concealed === true ? MEDIA_FLAG_CONCEALED : 0, pcm }), MEDIA_SOCKET_MAX_BUFFERED_AUDIO_BYTES)
        this.counters.audioOut++
      },
      video: (packet, frame) => {
        if (frame == null || this.clients.size === 0) return
        this.send(encodeMediaSocketFrame({ kind: 'video', seq: this.outSeq++, tsUs: packet.ptsUs, flags: packet.keyframe ? MEDIA_FLAG_KEYFRAME : 0, width: frame.width, height: frame.height, data: frame.data }), MEDIA_SOCKET_MAX_BUFFERED_BYTES)
        this.counters.videoOut++
      }
    }
  }

  private isSource (ws: WebSocket, kind: 'audio' | 'video'): boolean {
    const cur = this.source[kind]
    const t = this.now()
    if (cur != null && cur.ws !== ws && t - cur.atMs < LIVE_SOURCE_TAKEOVER_MS && this.clients.has(cur.ws)) return false
    this.source[kind] = { ws, atMs: t }
    return true
  }

  stats (): LiveMediaStats { return { clients: this.clients.size, ...this.counters } }

  close (): void {
    for (const ws of this.clients) ws.close(1001, 'daemon stopping')
    this.clients.clear()
  }

  private send (bytes: Uint8Array, maxBuffered: number): void {
    for (const ws of this.clients) {
      if (ws.readyState !== ws.OPEN) continue
      if (ws.bufferedAmount > maxBuffered) { this.counters.droppedOut++; continue }
      ws.send(bytes)
    }
  }
}

function toBytes (data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}
