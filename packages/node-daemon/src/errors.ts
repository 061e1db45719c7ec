// Typed errors of the daemon. Each has a stable `code` that crosses IPC in
// JSON-RPC error `data.code`, so the CLI, GUI and tests match on codes, not text.
// ParleyError, the base of every package's errors, lives in core (README.md, "Layout").
import { ParleyError } from '@parley/core/errors'

export { ParleyError }

export class ConfigError extends ParleyError {
  static override readonly name = 'ConfigError'
  constructor (readonly key: string, readonly reason: string, readonly source: string) {
    super('CONFIG_INVALID', `invalid config "${key}" (from ${source}): ${reason}`, { key, reason, source })
  }
}

export class IdentityError extends ParleyError {
  static override readonly name = 'IdentityError'
  constructor (code: 'IDENTITY_CORRUPT' | 'IDENTITY_INSECURE' | 'IDENTITY_UNREADABLE', message: string, options?: ErrorOptions) {
    super(code, message, undefined, options)
  }
}

export class DaemonRunningError extends ParleyError {
  static override readonly name = 'DaemonRunningError'
  constructor (readonly pid: number, home: string) {
    super('DAEMON_ALREADY_RUNNING', `a parley daemon is already running on ${home} (pid ${pid}); stop it with "parley daemon stop" or use another PARLEY_HOME`, { pid, home })
  }
}

export class DaemonNotRunningError extends ParleyError {
  static override readonly name = 'DaemonNotRunningError'
  constructor (home: string, why?: string) {
    super('DAEMON_NOT_RUNNING', `no parley daemon is running on ${home}${why != null ? ` (${why})` : ''}; start it with "parley daemon start"`, { home })
  }
}

export class InvalidPeerIdError extends ParleyError {
  static override readonly name = 'InvalidPeerIdError'
  constructor (input: string) {
    super('PEER_ID_INVALID', `"${input}" is not a valid peer ID`, { input })
  }
}

/** `step` says which stage of peer-ID dialing failed. */
export type DialStep = 'lookup' | 'dial'

export class PeerNotFoundError extends ParleyError {
  static override readonly name = 'PeerNotFoundError'
  constructor (peerId: string, routingTableSize: number) {
    super('DIAL_NOT_FOUND', `peer ${peerId} not found in the DHT (routing table holds ${routingTableSize} peers${routingTableSize === 0 ? ': no bootstrap peers reachable?' : ''})`, { peerId, step: 'lookup', routingTableSize })
  }
}

export class AllAddressesFailedError extends ParleyError {
  static override readonly name = 'AllAddressesFailedError'
  constructor (peerId: string, readonly attempts: Array<{ addr: string, error: string }>) {
    super('DIAL_ALL_ADDRESSES_FAILED', `every address of ${peerId} failed: ${attempts.map(a => `${a.addr} (${a.error})`).join('; ') || 'no dialable addresses'}`, { peerId, step: 'dial', attempts })
  }
}

export class DialTimeoutError extends ParleyError {
  static override readonly name = 'DialTimeoutError'
  constructor (peerId: string, step: DialStep, timeoutMs: number) {
    super('DIAL_TIMEOUT', `dialing ${peerId} timed out after ${timeoutMs} ms during ${step === 'lookup' ? 'the DHT lookup' : 'the dial'}`, { peerId, step, timeoutMs })
  }
}

export class DialSelfError extends ParleyError {
  static override readonly name = 'DialSelfError'
  constructor (peerId: string) {
    super('DIAL_SELF', `${peerId} is this daemon's own peer ID`, { peerId })
  }
}

export class HandoffPageError extends ParleyError {
  static override readonly name = 'HandoffPageError'
  constructor (file: string, cause: Error) {
    super('GUI_PAGE_UNWRITABLE', `cannot write the GUI sign-in page ${file}: ${cause.message}`, { file }, { cause })
  }
}

export class BrowserOpenError extends ParleyError {
  static override readonly name = 'BrowserOpenError'
  constructor (command: string, reason: string, pageUrl: string) {
    super('GUI_OPENER_FAILED', `could not run ${command} (${reason}); open ${pageUrl} in your browser yourself, or run "parley gui --no-open" for a link`, { command, reason })
  }
}
