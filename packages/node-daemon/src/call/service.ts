// Calls: signalling through the DM ratchet, the call state machine (core), ring timeout,
// glare, busy, blocked and unknown callers, the media session once answered, history,
// and live stats. One call at a time.
import { randomBytes } from 'node:crypto'
import {
  IDLE_CALL_STATE, decodeCallSignal, encodeCallSignal, transition
} from '@parley/core/call/index'
import type { ActiveCallState, CallEvent, CallSignalBody, CallState, EndReason } from '@parley/core/call/index'
import type { CallInfo, CallStats, NotificationName, NotificationParams } from '@parley/core/ipc'
import type { PeerId } from '@libp2p/interface'
import type { DmService } from '../dm/service.js'
import type { Logger } from '../logger.js'
import { dialPeer, parsePeerId } from '../p2p/dial.js'
import type { ParleyLibp2p } from '../p2p/node.js'
import type { ParleyDb } from '../storage/index.js'
import { callBusy, noCall, wrongCall } from './errors.js'
import type { FrameCipher } from '../media-transport/frame-cipher.js'
import type { LiveMedia } from '../media-transport/live-media.js'
import { audioInputFrom, combineOutputs, createRecorder, videoInputFrom } from '../media-transport/media-io.js'
import type { Recorder } from '../media-transport/media-io.js'
import type { MediaRouter } from '../media-transport/media-router.js'
import { MediaSession } from '../media-transport/media-session.js'
import type { Multiaddr } from '@multiformats/multiaddr'
import {
  MEDIA_RESUMED_WITHIN_MS, MEDIA_SILENCE_TIMEOUT_MS, MEDIA_START_TIMEOUT_MS, MEDIA_UP_WITHOUT_AUDIO_MS, MEDIA_WATCHDOG_INTERVAL_MS,
  PEER_PROBE_TIMEOUT_MS, RECONNECT_RETRY_MS, STRANGER_HISTORY_COLLAPSE_MS, STRANGER_TRACKED_PEERS
} from './constants.js'
import { probeAddress } from './peer-probe.js'
import { StrangerGate } from './stranger-gate.js'

export type Notify = <N extends NotificationName>(name: N, params: NotificationParams<N>) => void

export interface CallServiceOptions {
  node: ParleyLibp2p
  dm: DmService
  db: ParleyDb
  router: MediaRouter
  log: Logger
  notify: Notify
  /** Frame keys for one call from the offer's exporter secret (see docs/protocol.md §3). */
  makeCipher: (exporterSecret: Uint8Array, callId: string, role: 'caller' | 'callee', keySalt: Uint8Array) => FrameCipher
  /** Deterministic glare rule, antisymmetric between the two sides. */
  resolveGlare: (localPeerId: string, remotePeerId: string, localCallId: string, remoteCallId: string) => 'keep-local' | 'accept-remote'
  ringTimeoutMs: number
  reconnectTimeoutMs: number
  /** Calls from peers not in the contacts: ring (flagged unknown) or reject. */
  unknownCallers: 'ring' | 'reject'
  autoAnswer: boolean
  /** Record received media of every call into this directory. */
  recordDir?: string
  /** Head-of-line countermeasures off (benchmark ablation). */
  singleStream?: boolean
  /** Frames from and to the /media WebSocket (source `live`). */
  live?: LiveMedia
}

interface Current {
  keySalt: Uint8Array
  exporterSecret: Uint8Array | null
  unknown: boolean
  audioSource?: string
  videoSource?: string
  durationS?: number
  media?: MediaSession
  recorder?: Recorder
  timers: NodeJS.Timeout[]
  muted: boolean
  videoOn: boolean
  /** Where the peer's daemon listens (as last reached): probed when the peer goes silent. */
  peerAddrs?: Multiaddr[]
}

/** End reasons of calls that never rang (a stranger over its limits); stored in history only. */
export const STRANGER_DROP_REASON = 'rate_limited'
/** End signal reason when media could not start: the peer records the call as failed too. */
const MEDIA_FAILED_REASON = 'failed'

export class CallService {
  private state: CallState = IDLE_CALL_STATE
  private cur: Current | null = null
  private lastEnded: ActiveCallState | null = null
  private readonly strangers = new StrangerGate()
  /** Each stranger's latest history row: repeated offers add to it instead of new rows. */
  private readonly strangerRows = new Map<string, { callId: string, at: number }>()

  constructor (private readonly o: CallServiceOptions) {}

  start (): void {
    this.o.dm.setCallSignalHandler((peerId, bytes, exporterSecret) => {
      // called inside the DM receive transaction: act after it commits
      setImmediate(() => { this.onSignal(peerId, bytes, exporterSecret).catch(err => { this.o.log.warn('call signal failed', { error: (err as Error).message }) }) })
    })
    this.o.node.addEventListener('peer:disconnect', this.onDisconnect)
  }

  async stop (): Promise<void> {
    this.o.node.removeEventListener('peer:disconnect', this.onDisconnect)
    if (this.state.status !== 'idle' && this.state.status !== 'ended') {
      try { this.signal(this.state.peerId, { kind: 'end', reason: 'hung_up' }) } catch {}
      await this.finish({ type: 'hangup' })
    }
  }

  /** Calls from peers not in the contacts: ring or reject (a setting the GUI changes). */
  setUnknownCallers (policy: 'ring' | 'reject'): void { this.o.unknownCallers = policy }

  current (): CallInfo | null {
    const s = this.active()
    return s != null ? this.info(s) : null
  }

  // --- user actions ---------------------------------------------------------------------

  async call (peerId: string, opts: { video?: boolean, audioSource?: string, videoSource?: string, durationS?: number }): Promise<CallInfo> {
    await this.dropRingingStranger()
    if (this.active() != null) throw callBusy()
    parsePeerId(peerId)
    const video = opts.video ?? false
    const callId = randomBytes(12).toString('base64url')
    const keySalt = new Uint8Array(randomBytes(32))
    // reach the peer first so a wrong ID fails here, not after a silent ring timeout
    await dialPeer(this.o.node, peerId, { timeoutMs: 15_000 })
    // a call may have started (or rung in) while we were dialling
    await this.dropRingingStranger()
    if (this.active() != null) throw callBusy()
    this.cur = { keySalt, exporterSecret: null, unknown: false, timers: [], muted: false, videoOn: video, ...pick(opts) }
    this.apply({ type: 'dial', callId, peerId, video })
    this.o.db.calls.insert({ callId, peerId, direction: 'out', video, startedAt: Date.now() })
    const { exporterSecret } = this.signal(peerId, {
      kind: 'offer', audio: true, video,
      opus: { bitrateBps: 32_000, frameMs: 20, fec: true, stereo: false },
      vp9: { width: 640, height: 360, fps: 30, bitrateBps: 600_000 },
      keySalt, sentAtMs: Date.now()
    }, callId)
    this.cur.exporterSecret = exporterSecret
    try {
      await this.prepareMedia('caller')
    } catch (err) {
      this.signal(peerId, { kind: 'cancel' })
      await this.finish({ type: 'failed' })
      throw err
    }
    this.ringTimer()
    return this.currentOrThrow()
  }

  async answer (callId?: string, video?: boolean, sources: { audioSource?: string, videoSource?: string } = {}): Promise<CallInfo> {
    const s = this.expect(callId, 'answer')
    if (this.cur != null) Object.assign(this.cur, pick(sources))
    this.apply({ type: 'accept', ...(video != null ? { video } : {}) })
    const now = this.expectActive()
    this.signal(s.peerId, { kind: 'answer', video: now.video })
    await this.startMedia('callee')
    return this.currentOrThrow()
  }

  async reject (callId?: string): Promise<CallInfo> {
    const s = this.expect(callId, 'reject')
    if (this.cur?.unknown === true) this.strangers.declined(s.peerId)
    this.signal(s.peerId, { kind: 'reject', reason: 'rejected' })
    return await this.finish({ type: 'reject' })
  }

  async hangup (callId?: string): Promise<CallInfo> {
    const s = this.expect(callId, 'hang up')
    if (s.status === 'outgoing') {
      this.signal(s.peerId, { kind: 'cancel' })
      return await this.finish({ type: 'cancel' })
    }
    if (s.status === 'ringing') {
      if (this.cur?.unknown === true) this.strangers.declined(s.peerId)
      this.signal(s.peerId, { kind: 'reject', reason: 'rejected' })
      return await this.finish({ type: 'reject' })
    }
    this.signal(s.peerId, { kind: 'end', reason: 'hung_up' })
    return await this.finish({ type: 'hangup' })
  }

  mute (muted: boolean): CallInfo {
    const s = this.expect(undefined, 'mute')
    this.apply({ type: 'mute', audio: muted })
    if (this.cur != null) this.cur.muted = muted
    this.cur?.media?.setAudioMuted(muted)
    const after = this.expectActive()
    this.signal(s.peerId, { kind: 'mute', audio: after.localMute.audio, video: !(this.cur?.videoOn ?? false) })
    return this.currentOrThrow()
  }

  setVideo (on: boolean): CallInfo {
    const s = this.expect(undefined, 'turn video on or off')
    if (this.cur != null) this.cur.videoOn = on
    this.cur?.media?.setVideoOn(on)
    this.signal(s.peerId, { kind: 'video', on })
    this.notifyState()
    return this.currentOrThrow()
  }

  hold (hold: boolean): CallInfo {
    const s = this.expect(undefined, hold ? 'hold' : 'resume')
    this.apply({ type: hold ? 'hold' : 'resume' })
    this.cur?.media?.setHold(hold)
    this.signal(s.peerId, { kind: hold ? 'hold' : 'resume' })
    return this.currentOrThrow()
  }

  /** Ask the peer to send video or not, and at most this size (e.g. a small window). */
  renegotiate (video: boolean, maxWidth?: number, maxHeight?: number): CallInfo {
    const s = this.expect(undefined, 'renegotiate')
    this.signal(s.peerId, { kind: 'renegotiate', video, ...(maxWidth != null && maxHeight != null ? { width: maxWidth, height: maxHeight } : {}) })
    return this.currentOrThrow()
  }

  stats (): CallStats {
    const s = this.active()
    if (s == null) throw noCall('show statistics for')
    const m = this.cur?.media?.stats()
    return {
      callId: s.callId,
      state: s.status,
      durationMs: s.connectedAtMs != null ? Date.now() - s.connectedAtMs : 0,
      rttMs: m?.rttMs ?? null,
      audio: (m?.audio ?? {}) as Record<string, number | null>,
      video: (m?.video ?? {}) as Record<string, number | null>,
      forgedFrames: m?.forgedFrames ?? 0,
      abr: m?.abr ?? { audioBps: 0, videoRung: null, fecLossPercent: 0, reason: 'no media yet', queuedBytes: 0 },
      transport: m?.transport ?? null,
      ...(this.o.live != null ? { live: { ...this.o.live.stats() } } : {})
    }
  }

  // --- signals from the peer ------------------------------------------------------------

  private async onSignal (peerId: string, bytes: Uint8Array, exporterSecret: Uint8Array): Promise<void> {
    let sig
    try {
      sig = decodeCallSignal(bytes)
    } catch (err) {
      this.o.log.warn('malformed call signal', { peerId, error: (err as Error).message })
      return
    }
    const body = sig.body
    const s = this.active()
    if (body.kind === 'offer') {
      await this.onOffer(peerId, sig.callId, body, exporterSecret)
      return
    }
    // everything else must belong to the current call with that peer
    if (s == null || s.callId !== sig.callId || s.peerId !== peerId) return
    switch (body.kind) {
      case 'answer':
        if (s.status !== 'outgoing') return
        this.apply({ type: 'answered', video: body.video })
        await this.startMedia('caller')
        return
      case 'reject': if (s.status === 'outgoing') await this.finish({ type: 'rejected' }); return
      case 'busy': if (s.status === 'outgoing') await this.finish({ type: 'busy' }); return
      case 'cancel': if (s.status === 'ringing') await this.finish({ type: 'cancelled' }); return
      case 'end':
        if (body.reason === MEDIA_FAILED_REASON) { await this.finish({ type: 'failed' }); return }
        await this.finish(s.status === 'ringing' && body.reason === 'no_answer' ? { type: 'ring_timeout' } : { type: 'remote_hangup' })
        return
      case 'hold': this.tryApply({ type: 'remote_hold' }); return
      case 'resume': this.tryApply({ type: 'remote_resume' }); this.cur?.media?.requestKeyframe(); return
      case 'mute': this.tryApply({ type: 'remote_mute', audio: body.audio, video: body.video }); return
      case 'video': this.notifyState(); return
      case 'keyframe_request': this.cur?.media?.requestKeyframe(); return
      case 'renegotiate':
        this.cur?.media?.renegotiate(body.video, body.width, body.height)
        this.notifyState()
    }
  }

  private async onOffer (peerId: string, callId: string, offer: Extract<CallSignalBody, { kind: 'offer' }>, exporterSecret: Uint8Array): Promise<void> {
    const contact = this.o.db.contacts.get(peerId)
    if (contact?.blocked === true) {
      this.o.log.info('call from a blocked peer ignored', { peerId })
      return // refused silently: the caller hears ringing until it gives up
    }
    const unknown = contact == null || !contact.addedByUser
    // the same rule as for DMs: not added and never written to (docs/security.md "Strangers")
    const stranger = this.o.dm.isStranger(peerId)
    const now = Date.now()
    if (stranger) {
      const ringing = this.active()
      if (ringing?.callId === callId) return // the same offer twice
      // a stranger whose call is already ringing, over its limits, or just declined: no ring
      const verdict = ringing?.peerId === peerId && ringing.status === 'ringing' ? 'rate_limited' : this.strangers.admit(peerId)
      if (verdict !== 'ring') {
        this.o.log.info('stranger call not rung', { peerId, verdict })
        this.recordStrangerDrop(peerId, callId, offer.video, now)
        return
      }
    } else {
      // a contact's call takes over from a stranger's ring
      await this.dropRingingStranger()
    }
    const s = this.active()
    if (s != null) {
      if (s.callId === callId) return // the same offer twice
      if (s.status === 'outgoing' && s.peerId === peerId) {
        // glare: both called each other at once
        if (this.o.resolveGlare(this.o.node.peerId.toString(), peerId, s.callId, callId) === 'keep-local') return
        await this.finish({ type: 'cancel' }, { quiet: true })
      } else {
        this.signal(peerId, { kind: 'busy' }, callId)
        if (stranger) { this.recordStrangerDrop(peerId, callId, offer.video, now, 'busy'); return }
        this.o.db.calls.insert({ callId, peerId, direction: 'in', video: offer.video, startedAt: now })
        this.o.db.calls.end(callId, { endedAt: now, endReason: 'busy' })
        return
      }
    }
    if (unknown && this.o.unknownCallers === 'reject') {
      this.signal(peerId, { kind: 'reject', reason: 'rejected' }, callId)
      return
    }
    this.cur = { keySalt: offer.keySalt, exporterSecret, unknown, timers: [], muted: false, videoOn: offer.video }
    this.apply({ type: 'incoming', callId, peerId, video: offer.video })
    this.o.db.calls.insert({ callId, peerId, direction: 'in', video: offer.video, startedAt: now })
    if (stranger) this.rememberStrangerRow(peerId, callId, now)
    this.o.notify('call.incoming', this.currentOrThrow())
    this.ringTimer()
    if (this.o.autoAnswer) await this.answer(callId)
  }

  // --- strangers ---------------------------------------------------------------------------

  /** A stranger's call that is only ringing gives way to the user's own or a contact's call. */
  private async dropRingingStranger (): Promise<void> {
    const s = this.active()
    if (s == null || s.status !== 'ringing' || this.cur?.unknown !== true) return
    this.o.log.info('stranger ring dropped for a contact call', { peerId: s.peerId })
    try { this.signal(s.peerId, { kind: 'busy' }) } catch {}
    await this.finish({ type: 'cancelled' })
  }

  /** History for an offer that did not ring: one row per stranger, counting attempts. */
  private recordStrangerDrop (peerId: string, callId: string, video: boolean, now: number, reason = STRANGER_DROP_REASON): void {
    try {
      const last = this.strangerRows.get(peerId)
      if (last != null && now - last.at < STRANGER_HISTORY_COLLAPSE_MS) {
        this.o.db.calls.addAttempt(last.callId)
        return
      }
      this.o.db.calls.insert({ callId, peerId, direction: 'in', video, startedAt: now })
      this.o.db.calls.end(callId, { endedAt: now, endReason: reason })
      this.rememberStrangerRow(peerId, callId, now)
    } catch (err) {
      this.o.log.warn('call history update failed', { error: (err as Error).message })
    }
  }

  private rememberStrangerRow (peerId: string, callId: string, now: number): void {
    this.strangerRows.delete(peerId)
    this.strangerRows.set(peerId, { callId, at: now })
    while (this.strangerRows.size > STRANGER_TRACKED_PEERS) {
      const oldest = this.strangerRows.keys().next().value
      if (oldest == null) break
      this.strangerRows.delete(oldest)
    }
  }

  // --- internals -------------------------------------------------------------------------

  private readonly onDisconnect = (evt: CustomEvent<PeerId>): void => {
    const s = this.active()
    if (s == null || s.peerId !== evt.detail.toString()) return
    if (s.status === 'connecting') {
      const t = setTimeout(() => { if (this.active()?.status === 'connecting') void this.finish({ type: 'failed' }) }, this.o.reconnectTimeoutMs)
      this.cur?.timers.push(t)
      return
    }
    this.lost(s, true)
  }

  /** The connection closed or the peer went silent: reconnecting, and try to get it back. */
  private lost (s: ActiveCallState, connectionClosed: boolean): void {
    if (s.status !== 'connected') return
    this.tryApply({ type: 'connection_lost' })
    void this.reconnect(s.callId, s.peerId, connectionClosed)
  }

  /**
   * Get a lost call back, or end it (docs/protocol.md §4 "Liveness and reconnect"). While the call's connection
   * is still open the call waits for the peer's media to resume on it: QUIC rides out a
   * short network cut. Once the connection is gone it redials (a fresh DHT lookup every
   * other attempt, in case the peer's addresses changed) and restarts the media streams on
   * the new one; the call is back when the peer's media arrives after that. A probe of the
   * peer's listen addresses that is refused means its daemon is gone: the call ends at once
   * with connection_lost instead of waiting out the budget.
   */
  private async reconnect (callId: string, peerId: string, connectionClosed: boolean): Promise<void> {
    const lostAt = Date.now()
    const deadline = lostAt + this.o.reconnectTimeoutMs
    const still = (): boolean => { const a = this.active(); return a?.callId === callId && a.status === 'reconnecting' }
    const peer = parsePeerId(peerId)
    let restart = connectionClosed
    let restartedAt: number | null = null
    for (let attempt = 0; Date.now() < deadline && still(); attempt++) {
      const media = this.cur?.media
      if (media == null) return
      // back once the peer's media arrived after we lost it (and after our restart, if one was needed)
      const since = restart ? restartedAt : lostAt
      if (since != null && media.silentForMs() < Date.now() - since) {
        this.tryApply({ type: 'media_up' })
        return
      }
      const addrs = this.cur?.peerAddrs ?? []
      if (addrs.length > 0 && (await Promise.all(addrs.map(async a => await probeAddress(a, PEER_PROBE_TIMEOUT_MS)))).every(r => r === 'refused')) {
        this.o.log.info('peer daemon gone: its addresses refuse', { peerId, addrs: addrs.map(String) })
        break
      }
      if (!still()) return
      const open = this.o.node.getConnections(peer).some(c => c.status === 'open')
      if (!open) restart = true
      if (restart && restartedAt == null) {
        try {
          if (!open) await dialPeer(this.o.node, peerId, { timeoutMs: Math.max(500, Math.min(5_000, deadline - Date.now())), forceLookup: attempt % 2 === 1 })
          if (!still()) return
          await this.rememberPeerAddrs(peerId)
          await media.restartTransport()
          restartedAt = Date.now()
        } catch (err) {
          this.o.log.debug('reconnect attempt failed', { attempt, error: (err as Error).message })
        }
      }
      await sleep(RECONNECT_RETRY_MS)
    }
    if (still()) await this.finish({ type: 'reconnect_timeout' })
  }

  /**
   * The peer's listen addresses on the host the call runs to. An outbound connection's remote
   * address is one; an inbound one comes from the peer's dial socket, which closes with the
   * connection (a probe would read as refused), so the peer's own listen addresses on that
   * host are taken from the peer store instead.
   */
  private async rememberPeerAddrs (peerId: string): Promise<void> {
    const cur = this.cur
    const peer = parsePeerId(peerId)
    const conn = this.o.node.getConnections(peer).find(c => c.status === 'open')
    if (conn == null || cur == null) return
    if (conn.direction === 'outbound') { cur.peerAddrs = [conn.remoteAddr]; return }
    const host = hostOf(conn.remoteAddr)
    try {
      const known = (await this.o.node.peerStore.get(peer)).addresses.map(a => a.multiaddr)
      cur.peerAddrs = host == null ? [] : known.filter(a => hostOf(a) === host)
    } catch {
      cur.peerAddrs = []
    }
  }

  private ringTimer (): void {
    const t = setTimeout(() => {
      const s = this.active()
      if (s == null || (s.status !== 'outgoing' && s.status !== 'ringing')) return
      // tell the callee why, so both sides record "no answer" (not "cancelled")
      if (s.status === 'outgoing') { try { this.signal(s.peerId, { kind: 'end', reason: 'no_answer' }) } catch {} }
      void this.finish({ type: 'ring_timeout' })
    }, this.o.ringTimeoutMs)
    this.cur?.timers.push(t)
  }

  /** Build the call's media session and accept the peer's streams (no sending yet). */
  private async prepareMedia (role: 'caller' | 'callee'): Promise<MediaSession> {
    const s = this.expectActive()
    const cur = this.cur
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

  private async startMedia (role: 'caller' | 'callee'): Promise<void> {
    const s = this.expectActive()
    const cur = this.cur
    if (cur == null) throw noCall('start media for')
    try {
      const media = await this.prepareMedia(role)
      await media.start()
      media.setAudioMuted(cur.muted)
      media.setVideoOn(cur.videoOn && s.video)
    } catch (err) {
      this.o.log.warn('media start failed', { error: (err as Error).message })
      await this.failMedia(s)
      return
    }
    await this.rememberPeerAddrs(s.peerId)
    // connected once the first audio from the peer has been decoded
    const poll = setInterval(() => {
      const st = this.active()
      if (st == null || st.status !== 'connecting') { clearInterval(poll); return }
      const m = this.cur?.media
      if (m != null && (m.stats().audio.decoded > 0 || m.heardForMs() >= MEDIA_UP_WITHOUT_AUDIO_MS)) {
        clearInterval(poll)
        this.tryApply({ type: 'media_up' })
        if (cur.durationS != null) cur.timers.push(setTimeout(() => { void this.hangup().catch(() => {}) }, cur.durationS * 1000))
      }
    }, 50)
    cur.timers.push(poll)
    // a call must not hang in "connecting": no media from the peer in time ends it for both
    cur.timers.push(setTimeout(() => {
      const st = this.active()
      if (st?.callId === s.callId && st.status === 'connecting') {
        this.o.log.warn('nothing from the peer\'s media session in time', { callId: s.callId, timeoutMs: MEDIA_START_TIMEOUT_MS })
        void this.failMedia(st)
      }
    }, MEDIA_START_TIMEOUT_MS))
    // silence watchdog: no bytes from the peer for a while means reconnecting
    cur.timers.push(setInterval(() => {
      const st = this.active()
      if (st?.callId !== s.callId || st.status !== 'connected') return
      if ((cur.media?.silentForMs() ?? 0) > MEDIA_SILENCE_TIMEOUT_MS) {
        this.o.log.info('peer silent: reconnecting', { callId: s.callId, silentMs: Math.round(cur.media?.silentForMs() ?? 0) })
        this.lost(st, false)
      }
    }, MEDIA_WATCHDOG_INTERVAL_MS))
  }

  /** Media could not start: both sides end the call as failed (the peer is told why). */
  private async failMedia (s: ActiveCallState): Promise<void> {
    try { this.signal(s.peerId, { kind: 'end', reason: MEDIA_FAILED_REASON }, s.callId) } catch {}
    await this.finish({ type: 'failed' })
  }

  private async finish (event: CallEvent, opts: { quiet?: boolean } = {}): Promise<CallInfo> {
    // two endings can race (ring timer vs. remote hang-up): the first one wins
    if (this.active() == null && this.lastEnded != null) return this.info(this.lastEnded, null)
    const cur = this.cur
    this.apply(event, opts.quiet === true)
    const ended = this.state as ActiveCallState
    this.lastEnded = ended
    this.state = IDLE_CALL_STATE
    this.cur = null
    for (const t of cur?.timers ?? []) { clearTimeout(t); clearInterval(t) }
    await cur?.media?.stop().catch(() => {})
    await cur?.recorder?.close().catch(() => {})
    try {
      this.o.db.calls.end(ended.callId, { connectedAt: ended.connectedAtMs, endedAt: ended.endedAtMs ?? Date.now(), endReason: ended.endReason ?? 'failed' })
    } catch (err) {
      this.o.log.warn('call history update failed', { error: (err as Error).message })
    }
    return this.info(ended, cur)
  }

  private apply (event: CallEvent, quiet = false): void {
    this.state = transition(this.state, event)
    if (!quiet) this.notifyState()
  }

  private tryApply (event: CallEvent): void {
    try { this.apply(event) } catch (err) { this.o.log.debug('ignored call event', { event: event.type, error: (err as Error).message }) }
  }

  private notifyState (): void {
    const s = this.state.status === 'idle' ? this.lastEnded : this.state as ActiveCallState
    if (s != null) this.o.notify('call.state', this.info(s))
  }

  private signal (peerId: string, body: CallSignalBody, callId?: string): { exporterSecret: Uint8Array } {
    const id = callId ?? this.active()?.callId
    if (id == null) throw noCall('signal')
    return this.o.dm.sendCallSignal(peerId, encodeCallSignal({ callId: id, body }))
  }

  private active (): ActiveCallState | null {
    return this.state.status === 'idle' || this.state.status === 'ended' ? null : this.state as ActiveCallState
  }

  private expectActive (): ActiveCallState {
    const s = this.active()
    if (s == null) throw noCall('act on')
    return s
  }

  private expect (callId: string | undefined, what: string): ActiveCallState {
    const s = this.active()
    if (s == null) throw noCall(what)
    if (callId != null && s.callId !== callId) throw wrongCall(callId)
    return s
  }

  private currentOrThrow (): CallInfo {
    const c = this.current()
    if (c == null) throw noCall('show')
    return c
  }

  private info (s: ActiveCallState, cur: Current | null = this.cur): CallInfo {
    return {
      callId: s.callId,
      peerId: s.peerId,
      direction: s.direction,
      state: s.status,
      video: s.video,
      unknownCaller: cur?.unknown ?? false,
      startedAt: s.startedAtMs,
      connectedAt: s.connectedAtMs,
      endedAt: s.endedAtMs,
      endReason: s.endReason as EndReason | null,
      muted: s.localMute.audio,
      videoOn: cur?.videoOn ?? s.video,
      onHold: s.localHold,
      remoteHold: s.remoteHold
    }
  }
}

function hostOf (addr: Multiaddr): string | undefined {
  return addr.getComponents().find(c => c.name === 'ip4' || c.name === 'ip6')?.value
}

async function sleep (ms: number): Promise<void> {
  await new Promise(resolve => setTimeout(resolve, ms))
}

function pick (o: { audioSource?: string, videoSource?: string, durationS?: number }): Partial<Current> {
  const out: Partial<Current> = {}
  if (o.audioSource != null) out.audioSource = o.audioSource
  if (o.videoSource != null) out.videoSource = o.videoSource
  if (o.durationS != null) out.durationS = o.durationS
  return out
}
