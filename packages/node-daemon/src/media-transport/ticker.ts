// Periodic work of a media session, driven by its clock (media's Clock): the system clock
// in the daemon, a ManualClock in unit tests, so every pipeline's timing can be stepped
// deterministically without a libp2p node.
import type { Clock } from '@parley/media'

/**
 * Calls `fn` every `ms` until the signal aborts, on a fixed grid (a late call does not
 * push the later ones back); after a stall longer than one period it restarts the grid
 * instead of calling `fn` in a burst. An exception in `fn` does not stop the ticks.
 */
export function every (clock: Clock, ms: number, signal: AbortSignal, fn: () => void): void {
  void (async () => {
    let next = clock.nowMs() + ms
    while (!signal.aborted) {
      try { await clock.sleep(next - clock.nowMs(), signal) } catch { return }
      if (signal.aborted) return
      try { fn() } catch {}
      const now = clock.nowMs()
      next += ms
      if (next < now) next = now + ms
    }
  })()
}
