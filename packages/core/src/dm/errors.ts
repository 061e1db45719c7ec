// Typed errors of the DM wire codecs. Decoders throw only these (never a protons or RangeError),
// so the stream handler can map any bad frame to a REJECTED ack. `code` is stable and may cross IPC.

export abstract class DmWireError extends Error {
  abstract readonly code: string
}

/** An Envelope does not parse or breaks a field rule (header / session-init / ciphertext length). */
export class MalformedEnvelopeError extends DmWireError {
  static override readonly name = 'MalformedEnvelopeError'
  override readonly name = 'MalformedEnvelopeError'
  readonly code = 'DM_MALFORMED'
}

/** An Envelope is larger than MAX_ENVELOPE_BYTES. */
export class OversizedEnvelopeError extends DmWireError {
  static override readonly name = 'OversizedEnvelopeError'
  override readonly name = 'OversizedEnvelopeError'
  readonly code = 'DM_OVERSIZED'
}

/** An Envelope carries a version other than DM_ENVELOPE_VERSION. */
export class UnsupportedVersionError extends DmWireError {
  static override readonly name = 'UnsupportedVersionError'
  override readonly name = 'UnsupportedVersionError'
  readonly code = 'DM_VERSION'
}

/** A decrypted Payload does not parse, has no or several bodies, or breaks a limit. */
export class MalformedPayloadError extends DmWireError {
  static override readonly name = 'MalformedPayloadError'
  override readonly name = 'MalformedPayloadError'
  readonly code = 'DM_MALFORMED_PAYLOAD'
}

/** An Ack does not parse, is too large or has an unknown status. */
export class MalformedAckError extends DmWireError {
  static override readonly name = 'MalformedAckError'
  override readonly name = 'MalformedAckError'
  readonly code = 'DM_MALFORMED_ACK'
}
