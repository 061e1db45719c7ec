import { ParleyError } from '../errors.js'

export class CallError extends ParleyError {
  static override readonly name = 'CallError'
}

export const callBusy = (): CallError => new CallError('CALL_BUSY', 'already in a call; hang up first')
export const noCall = (what: string): CallError => new CallError('CALL_NONE', `no call to ${what}`)
export const wrongCall = (callId: string): CallError => new CallError('CALL_UNKNOWN', `no current call ${callId}`)
