// Errors of the call commands (call.start, call.answer, …) that cross IPC. The call protocol's
// own errors (bad signals, frame authentication) are core's CallError family.
import { ParleyError } from '../errors.js'

export class CallCommandError extends ParleyError {
  static override readonly name = 'CallCommandError'
}

export const callBusy = (): CallCommandError => new CallCommandError('CALL_BUSY', 'already in a call; hang up first')
export const noCall = (what: string): CallCommandError => new CallCommandError('CALL_NONE', `no call to ${what}`)
export const wrongCall = (callId: string): CallCommandError => new CallCommandError('CALL_UNKNOWN', `no current call ${callId}`)
