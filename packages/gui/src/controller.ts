// Talks to the daemon: one ParleyClient over a WebSocket, state refreshed on (re)connect
// and kept live by notifications. No polling, except call.stats once a second in a call
// (stats-poller.ts); typing indicators both ways are typing.ts.
// The page's camera and microphone go over a second, binary socket (media/engine.ts);
// calls are placed and answered with the 'live' sources so the daemon encodes them.
// Deep imports for values: the package index also pulls in the zod schemas (≈ 100 kB)
// that only the daemon needs to validate params. Types come from the index (erased).
import { ParleyClient } from '@parley/core/ipc/client'
import { RpcError } from '@parley/core/ipc/jsonrpc'
import type { CallInfo, Message, MethodName, NotificationParams, ParamsOf, ResultOf } from '@parley/core/ipc'
import { LIVE_SOURCES, isLiveCall } from './live-call.js'
import { MediaEngine } from './media/engine.js'
import { loadSettings } from './settings.js'
import { StatsPoller } from './stats-poller.js'
import { store } from './store.js'
import type { View } from './store.js'
import { Typing } from './typing.js'

export { isLiveCall }

const RECONNECT_MIN_MS = 500
const RECONNECT_MAX_MS = 5_000
const THREAD_PAGE = 200
/** How long the ended call stays on screen before the page goes back to the thread. */
const ENDED_LINGER_MS = 2_500

const STATUS_RANK: Record<Message['status'], number> = { pending: 0, failed: 0, sent: 1, delivered: 2, received: 2, read: 3 }

export function isUnauthorized (err: unknown): boolean {
  return err instanceof RpcError && err.code === 'IPC_UNAUTHORIZED'
}

export class Controller {
  readonly client: ParleyClient
  readonly media: MediaEngine
  private retryMs = RECONNECT_MIN_MS
  private retryTimer: ReturnType<typeof setTimeout> | undefined
  private readonly stats: StatsPoller
  private readonly typingIndicators = new Typing((peerId, active) => { void this.quiet('dm.typing', { peerId, active }) })
  private stopped = false

  constructor (token: string, url: string, private readonly onUnauthorized: () => void) {
    this.client = new ParleyClient({ url, token })
    this.media = new MediaEngine(url, token, loadSettings, notice => { this.notify(notice) })
    this.stats = new StatsPoller(this.client, this.media)
    this.subscribe()
    this.client.onClose(() => {
      if (this.stopped) return
      store.update(() => ({ link: 'offline' }))
      this.scheduleReconnect()
    })
  }

  async start (): Promise<void> {
    await this.connect()
  }

  stop (): void {
    this.stopped = true
    clearTimeout(this.retryTimer)
    this.stats.stop()
    this.media.stop()
    this.client.close()
  }

  // --- connection -----------------------------------------------------------------------

  private async connect (): Promise<void> {
    try {
      // Plain HTTP first: it tells a refused token (401) from a daemon that is down,
      // which a failed WebSocket handshake cannot.
      await this.client.call('status')
      await this.client.connect()
    } catch (err) {
      if (isUnauthorized(err)) {
        store.update(() => ({ link: 'unauthorized' }))
        this.onUnauthorized()
        return
      }
      store.update(() => ({ link: 'offline' }))
      this.scheduleReconnect()
      return
    }
    this.retryMs = RECONNECT_MIN_MS
    store.update(() => ({ link: 'online' }))
    this.media.connect()
    await this.refreshAll()
  }

  private scheduleReconnect (): void {
    if (this.stopped || this.retryTimer != null) return
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined
      void this.connect()
    }, this.retryMs)
    this.retryMs = Math.min(this.retryMs * 2, RECONNECT_MAX_MS)
  }

  /** Everything the page shows, re-read after every (re)connect: notifications may have been missed. */
  private async refreshAll (): Promise<void> {
    await Promise.all([
      this.guard(async () => { const status = await this.client.call('status'); store.update(() => ({ status })) }),
      this.refreshContacts(),
      this.refreshConversations(),
      this.refreshHistory(),
      this.guard(async () => { this.applyCall(await this.client.call('call.current')) })
    ])
    const v = store.get().view
    if (v.kind === 'thread') await this.loadThread(v.peerId)
  }

  private async refreshContacts (): Promise<void> {
    await this.guard(async () => { const contacts = await this.client.call('contacts.list'); store.update(() => ({ contacts })) })
  }

  private async refreshConversations (): Promise<void> {
    await this.guard(async () => { const conversations = await this.client.call('dm.list'); store.update(() => ({ conversations })) })
  }

  private async refreshHistory (): Promise<void> {
    await this.guard(async () => { const history = await this.client.call('call.history', { limit: 100 }); store.update(() => ({ history })) })
  }

  // --- notifications --------------------------------------------------------------------

  private subscribe (): void {
    const c = this.client
    c.on('peer.connected', p => { this.setOnline(p.peerId, true) })
    c.on('peer.disconnected', p => { this.setOnline(p.peerId, false) })
    c.on('dm.received', p => { void this.onReceived(p) })
    c.on('dm.sent', p => { this.setStatus(p.peerId, p.ids, 'sent') })
    c.on('dm.delivered', p => { this.setStatus(p.peerId, p.ids, 'delivered') })
    c.on('dm.read', p => { this.setStatus(p.peerId, p.ids, 'read') })
    c.on('dm.failed', p => { this.setStatus(p.peerId, [p.id], 'failed') })
    c.on('dm.deleted', p => {
      const ids = new Set(p.ids)
      store.update(s => ({ messages: { ...s.messages, [p.peerId]: (s.messages[p.peerId] ?? []).filter(m => !ids.has(m.id)) } }))
      void this.refreshConversations()
    })
    c.on('dm.typing', p => { this.typingIndicators.remote(p.peerId, p.active) })
    c.on('call.incoming', p => { this.applyCall(p) })
    c.on('call.state', p => { this.applyCall(p) })
    c.on('dm.identityMismatch', p => { this.notify(`Warning: ${p.peerId.slice(0, 12)}… presented a different identity key`) })
  }

  private setOnline (peerId: string, online: boolean): void {
    store.update(s => ({ contacts: s.contacts.map(c => c.peerId === peerId ? { ...c, online, lastSeenAt: Date.now() } : c) }))
  }

  private async onReceived (p: NotificationParams<'dm.received'>): Promise<void> {
    this.typingIndicators.remote(p.peerId, false)
    const msg: Message = { ...p, direction: 'in', status: 'received', readAt: null, deleted: false }
    store.update(s => s.messages[p.peerId] == null ? {} : { messages: { ...s.messages, [p.peerId]: [...(s.messages[p.peerId] ?? []), msg] } })
    const s = store.get()
    if (s.view.kind === 'thread' && s.view.peerId === p.peerId && document.visibilityState === 'visible') {
      await this.markRead(p.peerId)
    }
    // A first message from a stranger also creates a contact entry on the daemon.
    if (!s.contacts.some(c => c.peerId === p.peerId)) await this.refreshContacts()
    await this.refreshConversations()
  }

  private setStatus (peerId: string, ids: string[], status: Message['status']): void {
    const set = new Set(ids)
    store.update(s => {
      const list = s.messages[peerId]
      if (list == null) return {}
      // Receipts can arrive out of order; a message's status only moves forward (failed aside).
      const next = list.map(m => set.has(m.id) && (status === 'failed' || STATUS_RANK[status] > STATUS_RANK[m.status]) ? { ...m, status } : m)
      return { messages: { ...s.messages, [peerId]: next } }
    })
  }

  private applyCall (call: CallInfo | null): void {
    const prev = store.get().call
    const isNew = call != null && (prev == null || prev.callId !== call.callId || prev.state === 'ringing')
    store.update(s => {
      // Going into a call (placed here, or answered here or from the CLI) shows the call.
      const view: View = isLiveCall(call) && isNew && s.view.kind !== 'call' ? { kind: 'call' } : s.view
      const fresh = call != null && call.callId !== prev?.callId
      return { call, view, ...(fresh ? { samples: [], stats: null } : {}) }
    })
    this.media.follow(call)
    if (call?.state === 'connected' || call?.state === 'reconnecting') this.stats.start()
    else this.stats.stop()
    if (call?.state === 'connected' && prev?.state !== 'connected' && call.video) void this.applyResolution()
    if (call?.state === 'ended') {
      void this.refreshHistory()
      setTimeout(() => {
        store.update(s => {
          if (s.call?.callId !== call.callId) return {}
          return { call: null, view: s.view.kind === 'call' ? { kind: 'thread', peerId: call.peerId } : s.view }
        })
        if (store.get().view.kind === 'thread') void this.loadThread(call.peerId)
      }, ENDED_LINGER_MS)
    }
  }

  /** Ask the peer for at most the resolution chosen in settings. */
  private async applyResolution (): Promise<void> {
    const { maxWidth, maxHeight } = loadSettings().resolution
    await this.guard(async () => { await this.client.call('call.renegotiate', { video: true, maxWidth, maxHeight }) })
  }

  // --- actions (called by components) ---------------------------------------------------

  go (view: View): void {
    store.update(() => ({ view }))
    if (view.kind === 'thread') void this.openThread(view.peerId)
    if (view.kind === 'history') void this.refreshHistory()
  }

  private async openThread (peerId: string): Promise<void> {
    await this.loadThread(peerId)
    await this.markRead(peerId)
  }

  private async loadThread (peerId: string): Promise<void> {
    await this.guard(async () => {
      const list = await this.client.call('dm.show', { peerId, limit: THREAD_PAGE })
      store.update(s => ({ messages: { ...s.messages, [peerId]: list } }))
    })
  }

  private async markRead (peerId: string): Promise<void> {
    const unread = store.get().conversations.find(c => c.peerId === peerId)?.unread ?? 0
    const hasUnread = unread > 0 || (store.get().messages[peerId] ?? []).some(m => m.direction === 'in' && m.status !== 'read')
    if (!hasUnread) return
    await this.guard(async () => {
      const { ids } = await this.client.call('dm.markRead', { peerId })
      this.setStatus(peerId, ids, 'read')
      store.update(s => ({ conversations: s.conversations.map(c => c.peerId === peerId ? { ...c, unread: 0 } : c) }))
    })
  }

  async sendMessage (peerId: string, body: string): Promise<boolean> {
    return await this.guard(async () => {
      this.typingIndicators.stop(peerId)
      await this.client.call('dm.send', { peerId, body })
      // Re-read rather than append: receipts may already have arrived for the new id.
      await Promise.all([this.loadThread(peerId), this.refreshConversations()])
    })
  }

  /** Called on every keystroke in the composer; sends at most one indicator per few seconds. */
  typing (peerId: string): void {
    this.typingIndicators.keystroke(peerId)
  }

  async addContact (peerId: string, nickname: string): Promise<boolean> {
    return await this.guard(async () => {
      await this.client.call('contacts.add', { peerId, ...(nickname !== '' ? { nickname } : {}) })
      await Promise.all([this.refreshContacts(), this.refreshConversations()])
    })
  }

  /** A one-time invite link of this daemon (docs/protocol.md §6), or null after a shown error. */
  async createInvite (): Promise<{ link: string, expiresAt: number } | null> {
    let made: { link: string, expiresAt: number } | null = null
    await this.guard(async () => { made = await this.client.call('invite.create', {}) })
    return made
  }

  /** Accepts someone's invite link: they become a contact; returns their peer ID, or null after a shown error. */
  async acceptInvite (link: string, nickname: string): Promise<string | null> {
    let peerId: string | null = null
    await this.guard(async () => {
      peerId = (await this.client.call('invite.accept', { link, ...(nickname !== '' ? { nickname } : {}) })).peerId
      await Promise.all([this.refreshContacts(), this.refreshConversations()])
    })
    return peerId
  }

  async setBlocked (peerId: string, blocked: boolean): Promise<boolean> {
    return await this.guard(async () => {
      await this.client.call('contacts.block', { peerId, blocked })
      // Blocking a stranger also drops their message requests.
      await Promise.all([this.refreshContacts(), this.refreshConversations()])
    })
  }

  async setVerified (peerId: string, verified: boolean): Promise<boolean> {
    return await this.guard(async () => {
      await this.client.call('contacts.verify', { peerId, verified })
      await this.refreshContacts()
    })
  }

  async safetyNumber (peerId: string): Promise<ResultOf<'contacts.safetyNumber'> | undefined> {
    let out: ResultOf<'contacts.safetyNumber'> | undefined
    await this.guard(async () => { out = await this.client.call('contacts.safetyNumber', { peerId }) })
    return out
  }

  /** The daemon's own settings (the unknown-caller policy), from its config.json. */
  async daemonSettings (): Promise<ResultOf<'config.get'> | undefined> {
    let out: ResultOf<'config.get'> | undefined
    await this.guard(async () => { out = await this.client.call('config.get') })
    return out
  }

  async setUnknownCallers (policy: 'ring' | 'reject'): Promise<ResultOf<'config.set'> | undefined> {
    let out: ResultOf<'config.set'> | undefined
    await this.guard(async () => { out = await this.client.call('config.set', { unknownCallers: policy }) })
    return out
  }

  async startCall (peerId: string, video: boolean): Promise<void> {
    this.media.prepare()
    await this.guard(async () => { this.applyCall(await this.client.call('call.start', { peerId, video, ...LIVE_SOURCES })) })
  }

  async answer (video: boolean): Promise<void> {
    this.media.prepare()
    const callId = store.get().call?.callId
    await this.guard(async () => { this.applyCall(await this.client.call('call.answer', { callId, video, ...LIVE_SOURCES })) })
  }

  async reject (): Promise<void> {
    const callId = store.get().call?.callId
    await this.guard(async () => { this.applyCall(await this.client.call('call.reject', { callId })) })
  }

  async hangup (): Promise<void> {
    const callId = store.get().call?.callId
    await this.guard(async () => { this.applyCall(await this.client.call('call.hangup', { callId })) })
  }

  async mute (muted: boolean): Promise<void> {
    this.media.setMuted(muted)
    await this.guard(async () => { this.applyCall(await this.client.call('call.mute', { muted })) })
  }

  async camera (on: boolean): Promise<void> {
    this.media.setCameraOn(on)
    await this.guard(async () => { this.applyCall(await this.client.call('call.video', { on })) })
  }

  async hold (hold: boolean): Promise<void> {
    await this.guard(async () => { this.applyCall(await this.client.call('call.hold', { hold })) })
  }

  dismissNotice (): void {
    store.update(() => ({ notice: null }))
  }

  // --- helpers --------------------------------------------------------------------------

  private notify (notice: string): void {
    store.update(() => ({ notice }))
  }

  /** Run an IPC action; a failure becomes the toast instead of an unhandled rejection. */
  private async guard (fn: () => Promise<void>): Promise<boolean> {
    try {
      await fn()
      return true
    } catch (err) {
      if (isUnauthorized(err)) { store.update(() => ({ link: 'unauthorized' })); this.onUnauthorized(); return false }
      this.notify(err instanceof Error ? err.message : String(err))
      return false
    }
  }

  /** Fire-and-forget calls whose failure the user need not see (typing indicators). */
  private async quiet<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<void> {
    try { await (this.client.call as (m: M, p: ParamsOf<M>) => Promise<unknown>)(method, params) } catch {}
  }
}
