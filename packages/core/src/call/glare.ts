// Glare: both peers dial each other before either sees the other's Offer, so each holds its own
// outgoing call and receives the other's. Both sides must keep the same one call without another
// round trip, so the rule is a pure function of data both sides have, evaluated from opposite ends.
import { GlareUnresolvableError } from './errors.js'

export type GlareResolution = 'keep-local' | 'accept-remote'

/** Code-unit order (not locale order): identical on every platform, and ids are ASCII anyway. */
function compare (a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * The call **placed by the peer with the lower peer id** (plain string comparison of the peer id
 * strings) survives — the same "lower side wins" shape as the DM simultaneous-initiation rule.
 * If both peer ids are equal (one identity running on two devices), the call with the lower call
 * id survives. Each side evaluates this with its own view (local = itself), so the answers are
 * always opposite: one returns 'keep-local', the other 'accept-remote'.
 *
 * Throws GlareUnresolvableError if peer ids and call ids are both equal: that is one offer seen
 * twice (a loop-back or replay), not glare.
 */
export function resolveGlare (localPeerId: string, remotePeerId: string, localCallId: string, remoteCallId: string): GlareResolution {
  const order = compare(localPeerId, remotePeerId) || compare(localCallId, remoteCallId)
  if (order === 0) throw new GlareUnresolvableError('both offers have the same peer id and call id')
  return order < 0 ? 'keep-local' : 'accept-remote'
}
