// Typed errors of the DM wire codecs. Decoders throw only these (never a protons or RangeError),
// so the stream handler can map any bad frame to a REJECTED ack. `code` is stable and may cross IPC.
import { FixedCodeError } from '../errors.js'

export abstract class DmWireError extends FixedCodeError {}

/** An Envelope does not parse or breaks a field rule (header / session-init / ciphertext length). */
export class MalformedEnvelopeError extends DmWireError {
  static override readonly name = 'MalformedEnvelopeError'
  static readonly code = 'DM_MALFORMED'
}

/** An Envelope is larger than MAX_ENVELOPE_BYTES. */
export class OversizedEnvelopeError extends DmWireError {
  static override readonly name = 'OversizedEnvelopeError'
  static readonly code = 'DM_OVERSIZED'
}

/** An Envelope carries a version other than DM_ENVELOPE_VERSION. */
export class UnsupportedVersionError extends DmWireError {
  static override readonly name = 'UnsupportedVersionError'
  static readonly code = 'DM_VERSION'
}

/** A decrypted Payload does not parse, has no or several bodies, or breaks a limit. */
export class MalformedPayloadError extends DmWireError {
  static override readonly name = 'MalformedPayloadError'
  static readonly code = 'DM_MALFORMED_PAYLOAD'
}

/** An Ack does not parse, is too large or has an unknown status. */
export class MalformedAckError extends DmWireError {
  static override readonly name = 'MalformedAckError'
  static readonly code = 'DM_MALFORMED_ACK'
}
