// Typed errors of the byte reader/writer (docs/protocol.md §4). A format's decoder normally maps the
// reader's errors to its own typed error (ByteReaderOptions.mapError), so callers match on that.
import { FixedCodeError } from '../errors.js'

export abstract class WireError extends FixedCodeError {}

/** A read needed more bytes than are left: the input is truncated, or a length field lies. */
export class ReadPastEndError extends WireError {
  static override readonly name = 'ReadPastEndError'
  static readonly code = 'WIRE_READ_PAST_END'
  constructor (message: string, readonly offset: number, readonly needed: number, readonly available: number) {
    super(message)
  }
}

/** A decoder finished its format with bytes left over (`ByteReader.done()`). */
export class UnreadBytesError extends WireError {
  static override readonly name = 'UnreadBytesError'
  static readonly code = 'WIRE_UNREAD_BYTES'
  constructor (message: string, readonly offset: number, readonly unread: number) {
    super(message)
  }
}

/**
 * An encoder bug, never peer input: a value outside its field's range, a write past the end of a
 * fixed-size writer, or finishing one short.
 */
export class WriteRangeError extends WireError {
  static override readonly name = 'WriteRangeError'
  static readonly code = 'WIRE_WRITE_RANGE'
}
