// Until CallService.stats() returns core's CallStatsResult itself (it still builds the older,
// untyped CallStats): completes that into the typed result call.stats declares. Before the
// media starts, its audio and video are {}; they become the empty stats (zeros, null medians).
import { emptyCallMediaStats } from '@parley/core/ipc'
import type { AudioStats, CallStats, CallStatsResult, LiveMediaStats, VideoStats } from '@parley/core/ipc'

export function toCallStatsResult (s: CallStats): CallStatsResult {
  const empty = emptyCallMediaStats()
  const { live, transport, ...rest } = s
  return {
    ...rest,
    state: s.state as CallStatsResult['state'],
    audio: { ...empty.audio, ...s.audio } as AudioStats,
    video: { ...empty.video, ...s.video } as VideoStats,
    transport: transport ?? null,
    ...(live != null ? { live: live as LiveMediaStats } : {})
  }
}
