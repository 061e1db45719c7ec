// Options of the DM service; defaults live in ./constants.ts.
import type { Ed25519PrivateKey } from '@libp2p/interface'
import type { NotificationName, NotificationParams } from '@parley/core/ipc'
import type { Logger } from '../logger.js'
import type { ParleyLibp2p } from '../p2p/node.js'
import type { ParleyDb } from '../storage/index.js'
import type { StrangerLimits } from './rate-limit.js'
import type { StreamLimitOptions } from './stream-limits.js'

export type Notify = <N extends NotificationName>(name: N, params: NotificationParams<N>) => void

/** Where call-signalling payloads go (the calls layer). */
export type CallSignalHandler = (peerId: string, signal: Uint8Array, exporterSecret: Uint8Array) => void

export interface DmServiceOptions {
  node: ParleyLibp2p
  db: ParleyDb
  privateKey: Ed25519PrivateKey
  log: Logger
  notify: Notify
  /** Injected clock (ms). Default Date.now. */
  now?: () => number
  /** Call signalling payloads go here (the calls layer). */
  onCallSignal?: CallSignalHandler
  /** Rate limits and the requests quota for strangers; defaults in ./constants.ts. */
  strangers?: StrangerDmOptions
  /** Inbound stream limits; defaults in ./constants.ts. */
  streams?: StreamLimitOptions
}

export interface StrangerDmOptions extends StrangerLimits {
  /** Default REQUESTS_MAX_MESSAGES. */
  requestsMaxMessages?: number
  /** Default REQUESTS_MAX_BYTES. */
  requestsMaxBytes?: number
}
