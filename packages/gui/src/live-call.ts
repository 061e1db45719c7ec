// What counts as a call in progress, and the sources the page's calls use.
import type { CallInfo } from '@parley/core/ipc'

const LIVE_CALL_STATES = new Set<CallInfo['state']>(['outgoing', 'connecting', 'connected', 'reconnecting'])

/** The daemon encodes what this page captures, not its synthetic tone and pattern. */
export const LIVE_SOURCES = { audioSource: 'live', videoSource: 'live' } as const

export function isLiveCall (c: CallInfo | null): c is CallInfo {
  return c != null && LIVE_CALL_STATES.has(c.state)
}
