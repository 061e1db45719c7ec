// One-time codes for handing the API token to the GUI page. `parley gui` asks for a code
// (an authenticated IPC call) and opens /#code=<code>; the page trades it once at
// POST /gui-handoff for the token. The browser's history then only ever holds a spent
// code, never the token itself.
import { randomBytes } from 'node:crypto'

/** A code is worth this long after it was issued. */
export const HANDOFF_CODE_TTL_MS = 60_000
/** Outstanding codes kept at most; the oldest is forgotten first. */
export const HANDOFF_MAX_CODES = 16
export const HANDOFF_PATH = '/gui-handoff'
/** Largest request body the handoff endpoint reads. */
export const HANDOFF_MAX_BODY_BYTES = 1024

export class HandoffCodes {
  private readonly codes = new Map<string, number>()

  constructor (private readonly now: () => number = Date.now) {}

  issue (): { code: string, expiresAt: number } {
    this.expire()
    while (this.codes.size >= HANDOFF_MAX_CODES) {
      const oldest = this.codes.keys().next().value
      if (oldest == null) break
      this.codes.delete(oldest)
    }
    const code = randomBytes(24).toString('base64url')
    const expiresAt = this.now() + HANDOFF_CODE_TTL_MS
    this.codes.set(code, expiresAt)
    return { code, expiresAt }
  }

  /** True once per issued, unexpired code. */
  redeem (code: string): boolean {
    this.expire()
    const ok = this.codes.has(code)
    this.codes.delete(code)
    return ok
  }

  private expire (): void {
    const t = this.now()
    for (const [code, exp] of this.codes) if (exp <= t) this.codes.delete(code)
  }
}
