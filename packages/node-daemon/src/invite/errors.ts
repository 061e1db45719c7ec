import { ParleyError } from '../errors.js'

/** Codes: INVITE_EXPIRED, INVITE_USED, INVITE_UNKNOWN, INVITE_SELF, INVITE_UNREACHABLE, INVITE_BAD_ANSWER. */
export class InviteError extends ParleyError {
  static override readonly name = 'InviteError'
}

export const inviteExpired = (): InviteError => new InviteError('INVITE_EXPIRED', 'this invite has expired: ask for a new one')
export const inviteUsed = (): InviteError => new InviteError('INVITE_USED', 'this invite was already used by someone else: ask for a new one')
export const inviteUnknown = (): InviteError => new InviteError('INVITE_UNKNOWN', 'the inviter does not know this invite (it was never made there, or was deleted long after it expired): ask for a new one')
export const inviteSelf = (): InviteError => new InviteError('INVITE_SELF', 'this is your own invite: send it to the person you want to talk to')
export const inviteUnreachable = (detail: string): InviteError => new InviteError('INVITE_UNREACHABLE', `could not reach the inviter at the addresses in the invite (${detail}); they may be offline, or the invite's addresses are out of date: try again later or ask for a new invite`, { detail })
export const inviteBadAnswer = (detail: string): InviteError => new InviteError('INVITE_BAD_ANSWER', `the inviter's daemon gave an answer this Parley does not understand (${detail})`, { detail })
