// Invites (docs/protocol.md §6).

/** The inviter's side of redeeming an invite: [version u8 = 1][secret 16 B] → [status u8]. */
export const INVITE_PROTOCOL = '/parley/invite/1.0.0'
export const INVITE_PROTOCOL_VERSION = 1
/** How long an invite lasts unless `--expires` says otherwise. */
export const DEFAULT_INVITE_EXPIRY_MS = 24 * 60 * 60_000
export const MIN_INVITE_EXPIRY_MS = 1_000
export const MAX_INVITE_EXPIRY_MS = 30 * 24 * 60 * 60_000
/** Reaching the inviter and hearing its answer, all told. */
export const INVITE_ACCEPT_TIMEOUT_MS = 15_000
/** An inbound redemption that has not sent its 17 bytes in this time is reset. */
export const INVITE_READ_TIMEOUT_MS = 5_000
/** Concurrent redemption streams per connection: one is normal, a few tolerate retries. */
export const MAX_INBOUND_INVITE_STREAMS = 4
/** Invites expired longer ago than this are deleted (until then a late try hears "expired", not "unknown"). */
export const INVITE_PRUNE_GRACE_MS = 24 * 60 * 60_000

/** The inviter's answer. */
export const INVITE_STATUS = { ok: 0, unknown: 1, expired: 2, used: 3 } as const
export type InviteStatus = keyof typeof INVITE_STATUS
