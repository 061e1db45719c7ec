// Handlers for the IPC methods declared in @parley/core/ipc/methods.
import { pathToFileURL } from 'node:url'
import { PARLEY_VERSION } from '../constants.js'
import type { Daemon } from '../daemon.js'
import { dialPeer, findPeer, parsePeerId } from '../p2p/dial.js'
import { routingTableSize } from '../p2p/node.js'
import { streamCounts } from '../p2p/stream-counts.js'
import { reachabilityOf } from '../p2p/reachability-info.js'
import type { Handlers } from './dispatch.js'
import { safetyNumber } from '@parley/core'
import type { Contact, Settings } from '@parley/core/ipc'
import { saveSettings } from '../config/settings-file.js'
import { HandoffPageError, InvalidPeerIdError } from '../errors.js'
import { handoffPagePath, removeHandoffPage, writeHandoffPage } from './handoff-page.js'

export function createRpcHandlers (daemon: Daemon): Handlers {
  return {
    status: async () => {
      const { node } = daemon
      return {
        peerId: daemon.peerId,
        version: PARLEY_VERSION,
        pid: process.pid,
        listenAddrs: node.getMultiaddrs().map(String),
        apiPort: daemon.ipc.port,
        guiUrl: daemon.guiUrl,
        connections: node.getConnections().map(c => ({
          peerId: c.remotePeer.toString(),
          remoteAddr: c.remoteAddr.toString(),
          direction: c.direction,
          transport: transportOf(c.remoteAddr.toString()),
          openedAt: c.timeline.open
        })),
        streams: streamCounts(node),
        dhtRoutingTableSize: routingTableSize(node),
        dhtMode: node.services.dht.getMode(),
        reachability: reachabilityOf(node),
        mdns: daemon.config.mdns,
        startedAt: daemon.startedAt,
        uptimeMs: Date.now() - daemon.startedAt
      }
    },
    'peer.dial': async (p) => await dialPeer(daemon.node, p.peerId, {
      timeoutMs: p.timeoutMs ?? daemon.config.dialTimeoutMs,
      forceLookup: p.forceLookup ?? false
    }),
    'invite.create': async (p) => daemon.invites.create(p?.expiresInMs),
    'invite.accept': async (p) => await daemon.invites.accept(p.link, p.nickname),
    'peer.find': async (p) => await findPeer(daemon.node, p.peerId, { timeoutMs: p.timeoutMs ?? daemon.config.dialTimeoutMs }),
    'peer.hangup': async (p) => {
      const peerId = parsePeerId(p.peerId)
      const had = daemon.node.getConnections(peerId).length > 0
      await daemon.node.hangUp(peerId)
      return { closed: had }
    },
    'dm.send': async (p) => daemon.dm.send(p.peerId, p.body, p.replyTo),
    'dm.list': async () => daemon.db.messages.conversations(),
    'dm.requests': async () => ({
      peers: daemon.db.messages.requestPeers(),
      ...daemon.db.messages.requestUsage(),
      ...daemon.dm.requestQuota,
      dropped: daemon.dm.requestsDropped
    }),
    'dm.show': async (p) => daemon.db.messages.list(p.peerId, { limit: p.limit ?? 50, ...(p.beforeTs != null ? { beforeTs: p.beforeTs } : {}) }),
    'dm.markRead': async (p) => ({ ids: daemon.dm.markRead(p.peerId) }),
    'dm.delete': async (p) => ({ deleted: daemon.dm.delete(p.peerId, p.ids) }),
    'dm.typing': async (p) => ({ sent: await daemon.dm.typing(p.peerId, p.active).catch(() => false) }),
    'dm.stats': async () => {
      const s = daemon.db.stats()
      return { ...daemon.dm.stats, outbox: s.outbox, messages: s.messages, sessions: s.sessions }
    },
    'contacts.add': async (p) => {
      parsePeerId(p.peerId)
      daemon.db.tx(() => {
        daemon.db.contacts.add(p.peerId, p.nickname ?? null)
        // Adding a stranger accepts their message requests (docs/security.md "Strangers").
        daemon.db.messages.acceptRequests(p.peerId)
      })
      return contactView(daemon, p.peerId)
    },
    'contacts.list': async () => daemon.db.contacts.list().map(c => ({ ...c, online: isOnline(daemon, c.peerId) })),
    'contacts.block': async (p) => {
      daemon.db.tx(() => {
        daemon.db.contacts.ensure(p.peerId)
        daemon.db.contacts.setBlocked(p.peerId, p.blocked)
        // Blocking a stranger declines their requests.
        if (p.blocked) daemon.db.messages.dropRequests(p.peerId)
      })
      // The connection gater refuses a blocked peer from now on; close what is open.
      if (p.blocked) await daemon.node.hangUp(parsePeerId(p.peerId)).catch(() => {})
      return contactView(daemon, p.peerId)
    },
    'contacts.verify': async (p) => {
      daemon.db.tx(() => { daemon.db.contacts.ensure(p.peerId); daemon.db.contacts.setVerified(p.peerId, p.verified) })
      return contactView(daemon, p.peerId)
    },
    'contacts.safetyNumber': async (p) => {
      const remote = parsePeerId(p.peerId)
      if (remote.type !== 'Ed25519' || remote.publicKey == null) throw new InvalidPeerIdError(p.peerId)
      const local = daemon.node.peerId.publicKey?.raw ?? new Uint8Array(0)
      const sn = safetyNumber(local, remote.publicKey.raw)
      return { peerId: p.peerId, display: sn.display, digits: sn.digits, verified: daemon.db.contacts.get(p.peerId)?.verified ?? false }
    },
    'call.start': async (p) => await daemon.calls.call(p.peerId, {
      ...(p.video != null ? { video: p.video } : {}),
      ...(p.audioSource != null ? { audioSource: p.audioSource } : {}),
      ...(p.videoSource != null ? { videoSource: p.videoSource } : {}),
      ...(p.durationS != null ? { durationS: p.durationS } : {})
    }),
    'call.answer': async (p) => await daemon.calls.answer(p.callId, p.video, {
      ...(p.audioSource != null ? { audioSource: p.audioSource } : {}),
      ...(p.videoSource != null ? { videoSource: p.videoSource } : {})
    }),
    'call.reject': async (p) => await daemon.calls.reject(p.callId),
    'call.hangup': async (p) => await daemon.calls.hangup(p.callId),
    'call.mute': async (p) => daemon.calls.mute(p.muted),
    'call.video': async (p) => daemon.calls.setVideo(p.on),
    'call.hold': async (p) => daemon.calls.hold(p.hold),
    'call.renegotiate': async (p) => daemon.calls.renegotiate(p.video, p.maxWidth, p.maxHeight),
    'call.current': async () => daemon.calls.current(),
    'call.stats': async () => daemon.calls.stats(),
    'call.history': async (p) => daemon.db.calls.list({ limit: p?.limit ?? 50 }),
    'gui.handoffCode': async () => {
      const { code, expiresAt } = daemon.handoff.issue()
      return { code, expiresAt, url: `${daemon.guiUrl}#code=${code}` }
    },
    'gui.handoffPage': async () => {
      const file = handoffPagePath(daemon.paths.home)
      const { code, expiresAt } = daemon.handoff.issue(() => { removeHandoffPage(file) })
      try {
        writeHandoffPage(file, `${daemon.guiUrl}#code=${code}`)
      } catch (err) {
        daemon.handoff.redeem(code) // spend it: nobody can ever read it
        throw new HandoffPageError(file, err as Error)
      }
      return { file, url: pathToFileURL(file).href, expiresAt }
    },
    'config.get': async () => settingsView(daemon),
    'config.set': async (p) => {
      if (p.unknownCallers != null) {
        saveSettings(daemon.paths.config, { unknownCallers: p.unknownCallers })
        daemon.config.unknownCallers = p.unknownCallers
        daemon.calls.setUnknownCallers(p.unknownCallers)
      }
      return settingsView(daemon)
    },
    'daemon.stop': async () => {
      // Answer first; stop once the response is on its way.
      setTimeout(() => { void daemon.stop('ipc daemon.stop') }, 20)
      return { stopping: true as const }
    }
  }
}

function settingsView (daemon: Daemon): Settings {
  const c = daemon.config
  return { unknownCallers: c.unknownCallers, autoAnswer: c.autoAnswer, ringTimeoutMs: c.ringTimeoutMs, configFile: daemon.paths.config }
}

function isOnline (daemon: Daemon, peerId: string): boolean {
  return daemon.node.getConnections(parsePeerId(peerId)).length > 0
}

function contactView (daemon: Daemon, peerId: string): Contact {
  const c = daemon.db.contacts.get(peerId)
  if (c == null) throw new InvalidPeerIdError(peerId)
  return { ...c, online: isOnline(daemon, peerId) }
}

export function transportOf (addr: string): string {
  if (addr.includes('/quic-v1')) return 'quic'
  if (addr.includes('/tcp/')) return 'tcp'
  return 'other'
}
