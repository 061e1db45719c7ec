// The timers that watch a call's media once it started (docs/protocol.md §4 "Liveness and
// reconnect"): connected at the peer's first decoded audio (or once its control stream has
// been heard for a while without audio); failed when nothing came from the peer's media
// session in time, so a call never hangs in "connecting"; reconnecting when a connected
// peer goes silent.
import type { MediaSession } from '../media-transport/media-session.js'
import {
  MEDIA_SILENCE_TIMEOUT_MS, MEDIA_START_TIMEOUT_MS, MEDIA_UP_POLL_MS, MEDIA_UP_WITHOUT_AUDIO_MS, MEDIA_WATCHDOG_INTERVAL_MS
} from './constants.js'

export interface MediaWatch {
  /** The call's state now, if it is still the same call (null otherwise). */
  status: () => string | null
  media: () => MediaSession | undefined
  up: () => void
  startTimedOut: () => void
  silent: (silentMs: number) => void
}

/** Starts the watchers; returns their timers (the call clears them when it ends). */
export function watchMedia (w: MediaWatch): NodeJS.Timeout[] {
  const poll = setInterval(() => {
    if (w.status() !== 'connecting') { clearInterval(poll); return }
    const m = w.media()
    if (m != null && (m.stats().audio.decoded > 0 || m.heardForMs() >= MEDIA_UP_WITHOUT_AUDIO_MS)) {
      clearInterval(poll)
      w.up()
    }
  }, MEDIA_UP_POLL_MS)
  const start = setTimeout(() => { if (w.status() === 'connecting') w.startTimedOut() }, MEDIA_START_TIMEOUT_MS)
  const watchdog = setInterval(() => {
    if (w.status() !== 'connected') return
    const silentMs = w.media()?.silentForMs() ?? 0
    if (silentMs > MEDIA_SILENCE_TIMEOUT_MS) w.silent(silentMs)
  }, MEDIA_WATCHDOG_INTERVAL_MS)
  return [poll, start, watchdog]
}
