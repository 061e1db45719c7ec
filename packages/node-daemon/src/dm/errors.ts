// Typed errors of the DM protocol handler (the codec's and the ratchet's are core's).
import { ParleyError } from '../errors.js'

/** A DM stream given up: refused at once (DM_TOO_MANY_STREAMS), a bad ack, or the peer's REJECTED ack. */
export class DmRejectedError extends ParleyError {
  static override readonly name = 'DmRejectedError'
}
