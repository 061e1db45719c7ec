// Log lines that an outsider can trigger at will (refused IPC requests, a stranger's bad
// input) at a bounded rate: at most `lines` per window, then one line that says how many
// were suppressed. Without it, 5 s of wrong-token requests wrote 818 KB of warnings.
import type { Logger } from './logger.js'

export interface RateLimitedLogOptions {
  /** Lines written per window at most. */
  lines: number
  windowMs: number
  /** What the summary line counts, e.g. "refused IPC requests". */
  what: string
  /** Level of every line, the summary included (default 'warn'). */
  level?: 'warn' | 'error'
  now?: () => number
}

export class RateLimitedLog {
  private readonly lines: number
  private readonly windowMs: number
  private readonly what: string
  private readonly write: (msg: string, fields?: Record<string, unknown>) => void
  private readonly now: () => number
  private windowStart = Number.NEGATIVE_INFINITY
  private written = 0
  private suppressed = 0
  private lastSuppressed: string | undefined
  private timer: NodeJS.Timeout | undefined

  constructor (log: Logger, opts: RateLimitedLogOptions) {
    this.lines = opts.lines
    this.windowMs = opts.windowMs
    this.what = opts.what
    this.write = (opts.level ?? 'warn') === 'error' ? (m, f) => { log.error(m, f) } : (m, f) => { log.warn(m, f) }
    this.now = opts.now ?? (() => Date.now())
  }

  log (msg: string, fields?: Record<string, unknown>): void {
    const t = this.now()
    if (t - this.windowStart >= this.windowMs) {
      this.flush()
      this.windowStart = t
      this.written = 0
    }
    if (this.written < this.lines) {
      this.written++
      this.write(msg, fields)
      return
    }
    this.suppressed++
    this.lastSuppressed = msg
    // The summary is due at the window's end even if nothing else arrives.
    if (this.timer == null) {
      this.timer = setTimeout(() => { this.timer = undefined; this.flush() }, this.windowStart + this.windowMs - t)
      this.timer.unref()
    }
  }

  /** Writes the pending summary (if any) and stops the timer. */
  close (): void {
    this.flush()
  }

  private flush (): void {
    if (this.timer != null) { clearTimeout(this.timer); this.timer = undefined }
    if (this.suppressed === 0) return
    this.write(`suppressed ${this.suppressed} more ${this.what} in the last ${Math.round(this.windowMs / 1000)} s`, { suppressed: this.suppressed, last: this.lastSuppressed })
    this.suppressed = 0
    this.lastSuppressed = undefined
  }
}
