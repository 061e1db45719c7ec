// The one error base of every Parley package. It lives here, in core, because core imports
// nothing of ours: media (which otherwise needs nothing of core) and the daemon import this
// module without a cycle (README.md, "Layout"). This file imports nothing, so a package that
// loads it through `@parley/core/errors` loads nothing else of core.
//
// `code` is stable, UPPER_SNAKE and starts with its area (DM_, CALL_, MEDIA_, IPC_, DIAL_,
// STORAGE_…). It may cross IPC (JSON-RPC error `data.code`), so clients and tests match on it;
// messages are for humans and may change.

export class ParleyError extends Error {
  static override readonly name: string = 'ParleyError'
  /** Stable machine-readable failure code, e.g. 'DIAL_TIMEOUT'. */
  readonly code: string
  /** Structured context that crosses IPC next to `code` (JSON-RPC error `data`). */
  readonly details: Record<string, unknown> | undefined

  constructor (code: string, message: string, details?: Record<string, unknown>, options?: ErrorOptions) {
    super(message, options)
    this.code = code
    this.details = details
    // The static name survives minification (the GUI bundle), a class's own name does not.
    this.name = new.target.name
  }
}

/**
 * Base of the error families whose every class has one fixed code, declared as
 * `static readonly code = '…'`, and is constructed from a message alone.
 */
export abstract class FixedCodeError extends ParleyError {
  constructor (message: string, options?: ErrorOptions) {
    super(fixedCodeOf(new.target), message, undefined, options)
  }
}

function fixedCodeOf (ctor: abstract new (...args: never[]) => FixedCodeError): string {
  const code = (ctor as unknown as { code?: unknown }).code
  // A class that forgot its code is a bug in this repository, found by the first test that throws it.
  if (typeof code !== 'string') throw new TypeError(`${ctor.name} declares no static code`)
  return code
}
