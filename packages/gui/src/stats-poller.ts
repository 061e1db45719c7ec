// call.stats once a second while a call is connected: the latest result for the call screen,
// a minute of samples for the live graph, and the encoder's frame rate for the capture.
// The result is checked (parseCallStats) before anything reads it.
import type { ParleyClient } from '@parley/core/ipc/client'
import { parseCallStats } from '@parley/core/ipc/call-stats'
import type { CallStatsResult } from '@parley/core/ipc/call-stats'
import type { MediaEngine } from './media/engine.js'
import { MAX_SAMPLES, store } from './store.js'
import type { StatsSample } from './store.js'

const STATS_INTERVAL_MS = 1_000

export class StatsPoller {
  private timer: ReturnType<typeof setInterval> | undefined

  constructor (private readonly client: ParleyClient, private readonly media: MediaEngine) {}

  start (): void {
    if (this.timer != null) return
    const poll = async (): Promise<void> => {
      try {
        const stats = parseCallStats(await this.client.call('call.stats'))
        if (store.get().call?.video === true) this.media.setVideoFps(stats.video.fps)
        const sample = toSample(stats)
        store.update(s => ({ stats, samples: [...s.samples, sample].slice(-MAX_SAMPLES) }))
      } catch {
        // the call ended between two polls (call.state stops the timer), or a daemon of
        // another version answered with another shape (InvalidResultError): no numbers then
      }
    }
    void poll()
    this.timer = setInterval(() => { void poll() }, STATS_INTERVAL_MS)
  }

  stop (): void {
    clearInterval(this.timer)
    this.timer = undefined
  }
}

function toSample (s: CallStatsResult): StatsSample {
  const bitrateBps = s.audio.bitrateReceivedBps + s.video.bitrateReceivedBps + s.audio.bitrateSentBps + s.video.bitrateSentBps
  return {
    at: Date.now(),
    bitrateKbps: bitrateBps / 1000,
    rttMs: s.rttMs,
    latencyMs: s.audio.latencyMs ?? s.video.latencyMs ?? null
  }
}
