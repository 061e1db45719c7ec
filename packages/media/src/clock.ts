/** Time source for pacing; inject a ManualClock in tests so timing is deterministic. */
export interface Clock {
  nowMs: () => number
  /** Resolves at nowMs() + ms, or rejects with the signal's reason. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>
}

export const systemClock: Clock = {
  nowMs: () => performance.timeOrigin + performance.now(),
  sleep: async (ms, signal) => {
    signal?.throwIfAborted()
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        clearTimeout(timer)
        reject(signal?.reason)
      }
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      }, Math.max(0, ms))
      signal?.addEventListener('abort', onAbort, { once: true })
    })
  }
}

interface Sleeper {
  at: number
  resolve: () => void
}

/** A clock that only moves when advance() is called; sleepers wake in time order. */
export class ManualClock implements Clock {
  private now: number
  private sleepers: Sleeper[] = []

  constructor (startMs = 0) {
    this.now = startMs
  }

  nowMs (): number {
    return this.now
  }

  async sleep (ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted()
    if (ms <= 0) return
    await new Promise<void>((resolve, reject) => {
      // the abort listener goes when the sleeper wakes: a long-lived signal shared by many
      // sleeps (a session's timers) must not collect one listener per sleep
      const onAbort = (): void => {
        this.sleepers = this.sleepers.filter(s => s !== sleeper)
        reject(signal?.reason)
      }
      const sleeper: Sleeper = { at: this.now + ms, resolve: () => { signal?.removeEventListener('abort', onAbort); resolve() } }
      this.sleepers.push(sleeper)
      signal?.addEventListener('abort', onAbort, { once: true })
    })
  }

  /** Moves time forward, waking each due sleeper at its own time and letting it run. */
  async advance (ms: number): Promise<void> {
    const end = this.now + ms
    await flushMicrotasks()
    for (;;) {
      this.sleepers.sort((a, b) => a.at - b.at)
      const next = this.sleepers[0]
      if (next === undefined || next.at > end) break
      this.sleepers.shift()
      this.now = Math.max(this.now, next.at)
      next.resolve()
      // Let the woken task run up to its next sleep before time moves on.
      await flushMicrotasks()
    }
    this.now = end
  }
}

/** setImmediate runs after every pending microtask, however deep the promise chain. */
async function flushMicrotasks (): Promise<void> {
  await new Promise<void>(resolve => setImmediate(resolve))
}
