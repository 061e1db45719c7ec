// The daemon: owns the identity, the libp2p node and the IPC server, and shuts them
// down in order. `startDaemon` is what `parley daemon start --foreground` runs; tests
// may also run it in-process.
import { existsSync, readFileSync, writeFileSync, unlinkSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadOrCreateApiToken } from './api-token.js'
import type { Config } from './config/schema.js'
import { PARLEY_VERSION, SHUTDOWN_GRACE_MS } from './constants.js'
import { forcePrivateDir, restrictFilesIn } from './fs-private.js'
import { loadOrCreateIdentity } from './identity.js'
import { createRpcHandlers } from './ipc/handlers.js'
import { startIpcServer } from './ipc/server.js'
import { LiveMedia } from './media-transport/live-media.js'
import { HandoffCodes } from './ipc/handoff.js'
import { removeStaleHandoffPages } from './ipc/handoff-page.js'
import type { IpcServer } from './ipc/server.js'
import type { Logger } from './logger.js'
import { createParleyNode } from './p2p/node.js'
import type { ParleyLibp2p } from './p2p/node.js'
import { dataPaths } from './paths.js'
import type { DataPaths } from './paths.js'
import { acquirePidLock } from './pid-lock.js'
import { DmService } from './dm/service.js'
import { CallService } from './call/service.js'
import { InviteService } from './invite/service.js'
import { MediaRouter } from './media-transport/media-router.js'
import { makeFrameCipher } from './media-transport/frame-cipher.js'
import { resolveGlare } from '@parley/core/call/index'
import { openDatabase, resolveDbKey, startBackupSchedule } from './storage/index.js'
import type { BackupSchedule, ParleyDb } from './storage/index.js'
import type { PidLock } from './pid-lock.js'

export interface DaemonOptions {
  home: string
  config: Config
  log: Logger
  /** Built GUI directory; default packages/gui/dist next to this package, if it exists. */
  guiDir?: string
  /** The database passphrase, when the user set one (`parley passphrase set`); never from argv or env. */
  passphrase?: string
}

export interface Daemon {
  peerId: string
  node: ParleyLibp2p
  ipc: IpcServer
  paths: DataPaths
  config: Config
  db: ParleyDb
  dm: DmService
  calls: CallService
  invites: InviteService
  /** One-time codes that hand the API token to the GUI page. */
  handoff: HandoffCodes
  startedAt: number
  guiUrl: string
  /** Resolves when the daemon has fully stopped (after stop() or a signal). */
  stopped: Promise<void>
  stop: (reason?: string) => Promise<void>
}

export async function startDaemon (opts: DaemonOptions): Promise<Daemon> {
  const { home, config, log } = opts
  const paths = dataPaths(home)
  // 0700 even for a dir that existed before (mkdir's mode only applies to a new one).
  const looserMode = forcePrivateDir(home)
  if (looserMode != null) log.warn('data dir was readable by other users; set it to 0700', { home, mode: looserMode.toString(8) })
  const lock: PidLock = acquirePidLock(paths.pid, home)
  // A daemon killed with -9 leaves its api-port behind; clients must not trust it.
  try { unlinkSync(paths.apiPort) } catch {}
  let node: ParleyLibp2p | undefined
  let ipc: IpcServer | undefined
  let db: ParleyDb | undefined
  let backups: BackupSchedule | undefined
  try {
    const identity = await loadOrCreateIdentity(paths.identityKey)
    if (identity.created) log.info('created a new identity', { peerId: identity.peerId })
    const exposedFiles = restrictFilesIn(home, [basename(paths.identityKey)])
    if (exposedFiles.length > 0) log.warn('files in the data dir were readable by other users; set them to 0600', { files: exposedFiles })
    const token = loadOrCreateApiToken(paths.apiToken)
    // sign-in pages a killed daemon left behind hold codes nobody can redeem any more
    removeStaleHandoffPages(home)
    const dbKey = await resolveDbKey({ keyFile: paths.dbKey, dbFile: paths.db, identityPrivateKey: identity.privateKey.raw, ...(opts.passphrase != null ? { passphrase: opts.passphrase } : {}) })
    db = openDatabase(paths.db, {
      key: dbKey,
      backupDir: paths.backups,
      onEncrypted: () => { log.info('encrypted the database from before in place', { file: paths.db, keySource: dbKey.source }) }
    })
    backups = startBackupSchedule(db, log.child('backup'))

    node = await createParleyNode({
      privateKey: identity.privateKey,
      listen: config.listen,
      bootstrap: config.bootstrap,
      mdns: config.mdns,
      relays: config.relays,
      relayServer: config.relayServer,
      announce: config.announce,
      upnp: config.upnp,
      relayOnly: config.relayOnly,
      onRelayError: (relay, err) => { log.warn('no reservation on a relay; trying again in 30 s (peers behind NAT reach you only through relays)', { relay, error: err.message.split('\n')[0] }) },
      // The connection gater refuses peers the user blocked (docs/security.md).
      isBlocked: (peerId) => db?.contacts.get(peerId)?.blocked === true
    })
    const startedAt = Date.now()
    let stopping: Promise<void> | undefined
    let resolveStopped!: () => void
    const stopped = new Promise<void>(resolve => { resolveStopped = resolve })

    const daemon: Daemon = {
      peerId: identity.peerId,
      node,
      ipc: undefined as unknown as IpcServer,
      paths,
      config,
      db,
      dm: undefined as unknown as DmService,
      calls: undefined as unknown as CallService,
      invites: new InviteService({ node, db, log: log.child('invite') }),
      handoff: new HandoffCodes(),
      startedAt,
      guiUrl: '',
      stopped,
      stop: async (reason = 'requested') => {
        stopping ??= shutdown(reason)
        await stopping
      }
    }

    const guiDir = opts.guiDir ?? defaultGuiDir()
    const live = new LiveMedia(log.child('live-media'))
    ipc = await startIpcServer({
      onMediaSocket: (ws) => { live.attach(ws) },
      handoff: daemon.handoff,
      port: config.apiPort,
      token,
      log: log.child('ipc'),
      handlers: createRpcHandlers(daemon),
      ...(guiDir != null ? { guiDir } : {})
    })
    daemon.ipc = ipc
    daemon.guiUrl = `http://127.0.0.1:${ipc.port}/`
    const dm = new DmService({ node, db, privateKey: identity.privateKey, log: log.child('dm'), notify: ipc.notify, strangers: config.strangerDms })
    daemon.dm = dm
    await dm.start()
    const router = new MediaRouter(node, log.child('media'))
    await router.start()
    const calls = new CallService({
      node, dm, db, router, log: log.child('call'), notify: ipc.notify,
      makeCipher: makeFrameCipher,
      resolveGlare,
      ringTimeoutMs: config.ringTimeoutMs,
      reconnectTimeoutMs: config.reconnectTimeoutMs,
      dialTimeoutMs: config.dialTimeoutMs,
      unknownCallers: config.unknownCallers,
      autoAnswer: config.autoAnswer,
      singleStream: config.singleStreamMedia,
      live,
      ...(config.recordDir != null ? { recordDir: config.recordDir } : {})
    })
    calls.start()
    daemon.calls = calls
    await daemon.invites.start()
    writeFileSync(paths.apiPort, `${ipc.port}\n`, { mode: 0o600 })

    const p2pLog = log.child('p2p')
    node.addEventListener('peer:connect', (evt) => {
      const peerId = evt.detail.toString()
      const conn = node?.getConnections(evt.detail)[0]
      const remoteAddr = conn?.remoteAddr.toString() ?? ''
      p2pLog.info('peer connected', { peerId, remoteAddr })
      ipc?.notify('peer.connected', { peerId, remoteAddr })
    })
    node.addEventListener('peer:disconnect', (evt) => {
      const peerId = evt.detail.toString()
      p2pLog.info('peer disconnected', { peerId })
      ipc?.notify('peer.disconnected', { peerId })
    })

    log.info('daemon started', {
      peerId: identity.peerId,
      listen: node.getMultiaddrs().map(String),
      apiPort: ipc.port,
      version: PARLEY_VERSION
    })

    const shutdown = async (reason: string): Promise<void> => {
      log.info('daemon stopping', { reason })
      const grace = setTimeout(() => {
        log.error('shutdown took too long; exiting anyway')
        lock.release()
        process.exit(1)
      }, SHUTDOWN_GRACE_MS)
      grace.unref()
      try {
        await ipc?.close()
      } catch (err) { log.warn('ipc close failed', { error: (err as Error).message }) }
      try {
        await calls.stop()
        await router.stop()
      } catch (err) { log.warn('calls stop failed', { error: (err as Error).message }) }
      try {
        await daemon.invites.stop()
        await dm.stop()
      } catch (err) { log.warn('dm stop failed', { error: (err as Error).message }) }
      try {
        await node?.stop()
      } catch (err) { log.warn('libp2p stop failed', { error: (err as Error).message }) }
      try {
        backups?.stop()
        db?.close()
      } catch (err) { log.warn('database close failed', { error: (err as Error).message }) }
      try { unlinkSync(paths.apiPort) } catch {}
      lock.release()
      clearTimeout(grace)
      log.info('daemon stopped')
      resolveStopped()
    }
    return daemon
  } catch (err) {
    await ipc?.close().catch(() => {})
    try { await node?.stop() } catch {}
    backups?.stop()
    try { db?.close() } catch {}
    lock.release()
    throw err
  }
}

/** packages/gui/dist relative to this file (dist/daemon.js → ../../gui/dist). */
function defaultGuiDir (): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url))
  const dir = join(here, '..', '..', 'gui', 'dist')
  return existsSync(join(dir, 'index.html')) ? dir : undefined
}

/** The API port a running daemon recorded, if any. */
export function readApiPort (paths: DataPaths): number | undefined {
  try {
    const port = Number.parseInt(readFileSync(paths.apiPort, 'utf8').trim(), 10)
    return Number.isInteger(port) && port > 0 ? port : undefined
  } catch {
    return undefined
  }
}
