// One-time codes for handing the API token to the GUI page. `parley gui` asks for a code
// (an authenticated IPC call), which the daemon writes into a 0600 page in the data dir
// (handoff-page.ts); the browser opens that file, which sends it on to /#code=<code>, and
// the page trades the code once at POST /gui-handoff for the token. Neither the token nor
// the code ever appears in a process's argv, and the browser's history only ever holds a
// spent code (docs/operations.md, "GUI token handoff").
import { randomBytes } from 'node:crypto'

/** A code is worth this long after it was issued. */
export const HANDOFF_CODE_TTL_MS = 60_000
/** Outstanding codes kept at most; the oldest is forgotten first. */
export const HANDOFF_MAX_CODES = 16
export const HANDOFF_PATH = '/gui-handoff'
/** Largest request body the handoff endpoint reads. */
export const HANDOFF_MAX_BODY_BYTES = 1024

interface Outstanding {
  expiresAt: number
  /** Runs once when the code is spent, expires, is evicted or the daemon stops (deletes its page). */
  onForget: (() => void) | undefined
  timer: NodeJS.Timeout
}

export class HandoffCodes {
  private readonly codes = new Map<string, Outstanding>()

  constructor (private readonly now: () => number = () => Date.now()) {}

  /** `onForget` runs exactly once, when the code can no longer be redeemed for whatever reason. */
  issue (onForget?: () => void): { code: string, expiresAt: number } {
    this.expire()
    while (this.codes.size >= HANDOFF_MAX_CODES) {
      const oldest = this.codes.keys().next().value
      if (oldest == null) break
      this.forget(oldest)
    }
    const code = randomBytes(24).toString('base64url')
    const expiresAt = this.now() + HANDOFF_CODE_TTL_MS
    // A timer, not only the lazy check in redeem: a code nobody redeems must still have its page deleted.
    const timer = setTimeout(() => { this.forget(code) }, HANDOFF_CODE_TTL_MS)
    timer.unref()
    this.codes.set(code, { expiresAt, onForget, timer })
    return { code, expiresAt }
  }

  /** True once per issued, unexpired code. */
  redeem (code: string): boolean {
    this.expire()
    const ok = this.codes.has(code)
    this.forget(code)
    return ok
  }

  /** Forget every outstanding code (daemon stop): their pages go too. */
  forgetAll (): void {
    for (const code of [...this.codes.keys()]) this.forget(code)
  }

  get outstanding (): number {
    return this.codes.size
  }

  private forget (code: string): void {
    const entry = this.codes.get(code)
    if (entry == null) return
    this.codes.delete(code)
    clearTimeout(entry.timer)
    entry.onForget?.()
  }

  private expire (): void {
    const t = this.now()
    for (const [code, { expiresAt }] of [...this.codes]) if (expiresAt <= t) this.forget(code)
  }
}
