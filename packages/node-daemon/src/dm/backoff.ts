import { OUTBOX_MAX_BACKOFF_MS, OUTBOX_MIN_BACKOFF_MS } from './constants.js'

/** Delay before retry number `attempts` (1-based), with ±20 % jitter so peers do not retry in step. */
export function backoffMs (attempts: number, random: () => number = Math.random): number {
  const base = Math.min(OUTBOX_MAX_BACKOFF_MS, OUTBOX_MIN_BACKOFF_MS * 2 ** Math.max(0, attempts - 1))
  return Math.round(base * (0.8 + 0.4 * random()))
}
