// A call's media from the call service's side: build the media session once the call is
// answered, start it, watch it (connected, start timeout, silence), and handle a lost
// connection by reconnecting or ending the call (docs/protocol.md §4 "Liveness and
// reconnect"). The call's state stays with the service; this reaches it through CallHost.
import type { PeerId } from '@libp2p/interface'
import type { ActiveCallState, CallEvent, CallSignalBody } from '@parley/core/call/index'
import type { Logger } from '../logger.js'
import type { FrameCipher } from '../media-transport/frame-cipher.js'
import type { LiveMedia } from '../media-transport/live-media.js'
import { audioInputFrom, combineOutputs, createRecorder, videoInputFrom } from '../media-transport/media-io.js'
import type { MediaRouter } from '../media-transport/media-router.js'
import { MediaSession } from '../media-transport/media-session.js'
import type { ParleyLibp2p } from '../p2p/node.js'
import type { CurrentCall } from './current-call.js'
import { noCall } from './errors.js'
import { watchMedia } from './media-watch.js'
import { peerListenAddrs, reconnect } from './reconnect.js'

/** End signal reason when media could not start: the peer records the call as failed too. */
export const MEDIA_FAILED_REASON = 'failed'

/** What the media side may do to the call. */
export interface CallHost {
  active: () => ActiveCallState | null
  expectActive: () => ActiveCallState
  cur: () => CurrentCall | null
  tryApply: (event: CallEvent) => void
  finish: (event: CallEvent) => Promise<unknown>
  signal: (peerId: string, body: CallSignalBody, callId?: string) => unknown
  hangup: () => Promise<unknown>
}

export interface CallMediaOptions {
  node: ParleyLibp2p
  router: MediaRouter
  log: Logger
  makeCipher: (exporterSecret: Uint8Array, callId: string, role: 'caller' | 'callee', keySalt: Uint8Array) => FrameCipher
  reconnectTimeoutMs: number
  recordDir?: string
  singleStream?: boolean
  live?: LiveMedia
}

export class CallMedia {
  constructor (private readonly o: CallMediaOptions, private readonly host: CallHost) {}

  readonly onDisconnect = (evt: CustomEvent<PeerId>): void => {
    const s = this.host.active()
    if (s == null || s.peerId !== evt.detail.toString()) return
    if (s.status === 'connecting') {
      const t = setTimeout(() => { if (this.host.active()?.status === 'connecting') void this.host.finish({ type: 'failed' }) }, this.o.reconnectTimeoutMs)
      this.host.cur()?.timers.push(t)
      return
    }
    this.lost(s, true)
  }

  /** The connection closed or the peer went silent: reconnecting, and try to get it back. */
  lost (s: ActiveCallState, connectionClosed: boolean): void {
    if (s.status !== 'connected') return
    this.host.tryApply({ type: 'connection_lost' })
    void this.reconnect(s.callId, s.peerId, connectionClosed)
  }

  private async reconnect (callId: string, peerId: string, connectionClosed: boolean): Promise<void> {
    const still = (): boolean => { const a = this.host.active(); return a?.callId === callId && a.status === 'reconnecting' }
    const outcome = await reconnect({
      node: this.o.node,
      log: this.o.log,
      peerId,
      timeoutMs: this.o.reconnectTimeoutMs,
      still,
      media: () => this.host.cur()?.media,
      peerAddrs: () => this.host.cur()?.peerAddrs ?? [],
      redialed: async () => { await this.rememberPeerAddrs(peerId) }
    }, connectionClosed)
    if (outcome === 'back') this.host.tryApply({ type: 'media_up' })
    else if (outcome !== 'over' && still()) await this.host.finish({ type: 'reconnect_timeout' })
  }

  private async rememberPeerAddrs (peerId: string): Promise<void> {
    const cur = this.host.cur()
    const addrs = await peerListenAddrs(this.o.node, peerId)
    if (cur != null && addrs != null) cur.peerAddrs = addrs
  }

  /** Build the call's media session and accept the peer's streams (no sending yet). */
  async prepare (role: 'caller' | 'callee'): Promise<MediaSession> {
    const s = this.host.expectActive()
    const cur = this.host.cur()
    if (cur?.exporterSecret == null) throw noCall('start media for')
    if (cur.media != null) return cur.media
    const cipher = this.o.makeCipher(cur.exporterSecret, s.callId, role, cur.keySalt)
    cur.recorder = this.o.recordDir != null ? await createRecorder(this.o.recordDir, s.callId, s.video) : undefined
    const media = new MediaSession({
      node: this.o.node,
      router: this.o.router,
      log: this.o.log.child('media'),
      callId: s.callId,
      peerId: s.peerId,
      cipher,
      audio: true,
      video: s.video,
      input: { audio: await audioInputFrom(cur.audioSource, this.o.live), video: await videoInputFrom(cur.videoSource, this.o.live) },
      output: combineOutputs(cur.recorder?.output, this.o.live?.output()),
      ...(this.o.singleStream === true ? { singleStream: true } : {})
    })
    cur.media = media
    media.listen()
    return media
  }

  async start (role: 'caller' | 'callee'): Promise<void> {
    const s = this.host.expectActive()
    const cur = this.host.cur()
    if (cur == null) throw noCall('start media for')
    try {
      const media = await this.prepare(role)
      await media.start()
      media.setAudioMuted(cur.muted)
      media.setVideoOn(cur.videoOn && s.video)
    } catch (err) {
      this.o.log.warn('media start failed', { error: (err as Error).message })
      await this.fail(s)
      return
    }
    await this.rememberPeerAddrs(s.peerId)
    const same = (): ActiveCallState | null => { const st = this.host.active(); return st?.callId === s.callId ? st : null }
    cur.timers.push(...watchMedia({
      status: () => same()?.status ?? null,
      media: () => cur.media,
      up: () => {
        this.host.tryApply({ type: 'media_up' })
        if (cur.durationS != null) cur.timers.push(setTimeout(() => { void this.host.hangup().catch(() => {}) }, cur.durationS * 1000))
      },
      startTimedOut: () => {
        const st = same()
        if (st == null) return
        this.o.log.warn('nothing from the peer\'s media session in time', { callId: s.callId })
        void this.fail(st)
      },
      silent: (silentMs) => {
        const st = same()
        if (st == null) return
        this.o.log.info('peer silent: reconnecting', { callId: s.callId, silentMs: Math.round(silentMs) })
        this.lost(st, false)
      }
    }))
  }

  /** Media could not start: both sides end the call as failed (the peer is told why). */
  async fail (s: ActiveCallState): Promise<void> {
    try { this.host.signal(s.peerId, { kind: 'end', reason: MEDIA_FAILED_REASON }, s.callId) } catch {}
    await this.host.finish({ type: 'failed' })
  }
}
