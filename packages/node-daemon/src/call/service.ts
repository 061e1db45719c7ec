// Calls: signalling through the DM ratchet, the call state machine (core), ring timeout,
// glare, busy, blocked and unknown callers, the media session once answered, history,
// and live stats. One call at a time.
import { randomBytes } from 'node:crypto'
import {
  CALL_KEY_SALT_BYTES, IDLE_CALL_STATE, decodeCallSignal, encodeCallSignal, transition
} from '@parley/core/call/index'
import type { ActiveCallState, CallEvent, CallSignalBody, CallState } from '@parley/core/call/index'
import { emptyCallMediaStats } from '@parley/core/ipc'
import type { CallInfo, CallStatsResult, NotificationName, NotificationParams } from '@parley/core/ipc'
import type { DmService } from '../dm/service.js'
import type { Logger } from '../logger.js'
import { dialPeer, parsePeerId, preferQuic } from '../p2p/dial.js'
import type { ParleyLibp2p } from '../p2p/node.js'
import type { ParleyDb } from '../storage/index.js'
import { callBusy, noCall, wrongCall } from './errors.js'
import type { FrameCipher } from '../media-transport/frame-cipher.js'
import type { LiveMedia } from '../media-transport/live-media.js'
import type { MediaRouter } from '../media-transport/media-router.js'
import { offerCodecs } from '../media-transport/offer-codecs.js'
import { QUIC_UPGRADE_RELAYED_TIMEOUT_MS, QUIC_UPGRADE_TIMEOUT_MS } from '../constants.js'
import { CALL_ID_RANDOM_BYTES } from './constants.js'
import { callInfo, pickSources } from './current-call.js'
import type { CallSources, CurrentCall } from './current-call.js'
import { CallMedia, MEDIA_FAILED_REASON } from './call-media.js'
import { StrangerGate } from './stranger-gate.js'
import { StrangerHistory } from './stranger-history.js'

export { STRANGER_DROP_REASON } from './stranger-history.js'

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
  /** Budget of the dial that places a call (config dialTimeoutMs). */
  dialTimeoutMs: number
  /** Head-of-line countermeasures off (benchmark ablation). */
  singleStream?: boolean
  /** Frames from and to the /media WebSocket (source `live`). */
  live?: LiveMedia
}


export class CallService {
  private state: CallState = IDLE_CALL_STATE
  private cur: CurrentCall | null = null
  private lastEnded: ActiveCallState | null = null
  private readonly strangers = new StrangerGate()
  private readonly strangerHistory: StrangerHistory
  private readonly media: CallMedia

  constructor (private readonly o: CallServiceOptions) {
    this.strangerHistory = new StrangerHistory(o.db, o.log)
    this.media = new CallMedia(o, {
      active: () => this.active(),
      expectActive: () => this.expectActive(),
      cur: () => this.cur,
      tryApply: (e) => { this.tryApply(e) },
      finish: async (e) => await this.finish(e),
      signal: (peerId, body, callId) => this.signal(peerId, body, callId),
      hangup: async () => await this.hangup()
    })
  }

  start (): void {
    this.o.dm.setCallSignalHandler((peerId, bytes, exporterSecret) => {
      // called inside the DM receive transaction: act after it commits
      setImmediate(() => { this.onSignal(peerId, bytes, exporterSecret).catch(err => { this.o.log.warn('call signal failed', { error: (err as Error).message }) }) })
    })
    this.o.node.addEventListener('peer:disconnect', this.media.onDisconnect)
  }

  async stop (): Promise<void> {
    this.o.node.removeEventListener('peer:disconnect', this.media.onDisconnect)
    if (this.state.status !== 'idle' && this.state.status !== 'ended') {
      try { this.signal(this.state.peerId, { kind: 'end', reason: 'hung_up' }) } catch {}
      await this.finish({ type: 'hangup' })
    }
  }

  /** Calls from peers not in the contacts: ring or reject (a setting the GUI changes). */
  setUnknownCallers (policy: 'ring' | 'reject'): void { this.o.unknownCallers = policy }

  current (): CallInfo | null {
    const s = this.active()
    return s != null ? callInfo(s, this.cur) : null
  }

  // --- user actions ---------------------------------------------------------------------

  async call (peerId: string, opts: CallSources & { video?: boolean }): Promise<CallInfo> {
    await this.dropRingingStranger()
    if (this.active() != null) throw callBusy()
    parsePeerId(peerId)
    const video = opts.video ?? false
    const callId = randomBytes(CALL_ID_RANDOM_BYTES).toString('base64url')
    const keySalt = new Uint8Array(randomBytes(CALL_KEY_SALT_BYTES))
    // reach the peer first so a wrong ID fails here, not after a silent ring timeout
    await dialPeer(this.o.node, peerId, { timeoutMs: this.o.dialTimeoutMs })
    // a peer reached over TCP (found with both addresses, or dialled earlier) gets a QUIC connection for the call
    if (!await preferQuic(this.o.node, peerId, Math.min(this.o.dialTimeoutMs, QUIC_UPGRADE_TIMEOUT_MS), QUIC_UPGRADE_RELAYED_TIMEOUT_MS)) this.o.log.info('call runs without QUIC: the peer has no QUIC address that answers', { peerId })
    // a call may have started (or rung in) while we were dialling
    await this.dropRingingStranger()
    if (this.active() != null) throw callBusy()
    this.cur = { keySalt, exporterSecret: null, unknown: false, timers: [], muted: false, videoOn: video, ...pickSources(opts) }
    this.apply({ type: 'dial', callId, peerId, video })
    this.o.db.calls.insert({ callId, peerId, direction: 'out', video, startedAt: Date.now() })
    const { exporterSecret } = this.signal(peerId, { kind: 'offer', audio: true, video, ...offerCodecs(), keySalt, sentAtMs: Date.now() }, callId)
    this.cur.exporterSecret = exporterSecret
    try {
      await this.media.prepare('caller')
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
    if (this.cur != null) Object.assign(this.cur, pickSources(sources))
    this.apply({ type: 'accept', ...(video != null ? { video } : {}) })
    const now = this.expectActive()
    this.signal(s.peerId, { kind: 'answer', video: now.video })
    await this.media.start('callee')
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

  stats (): CallStatsResult {
    const s = this.active()
    if (s == null) throw noCall('show statistics for')
    // before the media starts: zeros and null medians, so the shape is always the same
    const m = this.cur?.media?.stats() ?? emptyCallMediaStats()
    return {
      ...m,
      callId: s.callId,
      state: s.status,
      durationMs: s.connectedAtMs != null ? Date.now() - s.connectedAtMs : 0,
      ...(this.o.live != null ? { live: this.o.live.stats() } : {})
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
        await this.media.start('caller')
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
        this.strangerHistory.recordDrop(peerId, callId, offer.video, now)
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
        if (stranger) { this.strangerHistory.recordDrop(peerId, callId, offer.video, now, 'busy'); return }
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
    if (stranger) this.strangerHistory.remember(peerId, callId, now)
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

  // --- internals -------------------------------------------------------------------------

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

  private async finish (event: CallEvent, opts: { quiet?: boolean } = {}): Promise<CallInfo> {
    // two endings can race (ring timer vs. remote hang-up): the first one wins
    if (this.active() == null && this.lastEnded != null) return callInfo(this.lastEnded, null)
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
    return callInfo(ended, cur)
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
    if (s != null) this.o.notify('call.state', callInfo(s, this.cur))
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
}
