// The one bounds-checked reader of every hand-written binary format (media frame, media-socket frame,
// stream header, control framing; docs/protocol.md §4). No read can leave the input: each checks what
// is left and throws ReadPastEndError with the offset, so a decoder cannot forget a length check.
//
// It lives in @parley/core, the lowest package (it imports nothing of ours), so that core's own
// formats (ipc/media-socket.ts), @parley/media (src/wire/) and the daemon all use the same one; media
// depends on core for it, which keeps the dependency direction (daemon → media → core) acyclic.
// DataView and Uint8Array only: core runs in the browser too.
import { ReadPastEndError, UnreadBytesError } from './errors.js'
import type { WireError } from './errors.js'

export interface ByteReaderOptions {
  /** Where reading starts. Default 0. */
  offset?: number
  /** Byte order of multi-byte numbers. Default false: big-endian (network order). */
  littleEndian?: boolean
  /**
   * Turns the reader's own errors into the format's typed error, so a decoder throws only its own
   * class (the fuzz harness counts anything else as a crash). Default: throw them as they are.
   */
  mapError?: (err: WireError) => Error
}

export class ByteReader {
  private readonly input: Uint8Array
  private readonly view: DataView
  private readonly littleEndian: boolean
  private readonly mapError: (err: WireError) => Error
  private pos: number

  constructor (input: Uint8Array, options: ByteReaderOptions = {}) {
    this.input = input
    this.view = new DataView(input.buffer, input.byteOffset, input.byteLength)
    this.littleEndian = options.littleEndian ?? false
    this.mapError = options.mapError ?? (err => err)
    this.pos = 0
    const offset = options.offset ?? 0
    if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`reader offset ${offset} is not a non-negative integer`)
    this.skip(offset)
  }

  /** Bytes read so far, counted from the start of the input. */
  get offset (): number {
    return this.pos
  }

  get remaining (): number {
    return this.input.byteLength - this.pos
  }

  u8 (): number {
    return this.view.getUint8(this.advance(1))
  }

  u16 (): number {
    return this.view.getUint16(this.advance(2), this.littleEndian)
  }

  i16 (): number {
    return this.view.getInt16(this.advance(2), this.littleEndian)
  }

  u32 (): number {
    return this.view.getUint32(this.advance(4), this.littleEndian)
  }

  u64 (): bigint {
    return this.view.getBigUint64(this.advance(8), this.littleEndian)
  }

  f64 (): number {
    return this.view.getFloat64(this.advance(8), this.littleEndian)
  }

  /** The next `n` bytes as a view into the input (no copy: slice() it to keep it past the input). */
  bytes (n: number): Uint8Array {
    const at = this.advance(n)
    return this.input.subarray(at, at + n)
  }

  skip (n: number): void {
    this.advance(n)
  }

  /** Throws unless every byte was read: formats consume their input exactly. */
  done (): void {
    if (this.remaining > 0) {
      throw this.mapError(new UnreadBytesError(`${this.remaining} bytes left after offset ${this.pos}`, this.pos, this.remaining))
    }
  }

  /** Moves past `n` bytes and returns where they start. */
  private advance (n: number): number {
    const left = this.remaining
    if (!Number.isSafeInteger(n) || n < 0 || n > left) {
      throw this.mapError(new ReadPastEndError(`need ${n} bytes at offset ${this.pos}, ${left} left`, this.pos, n, left))
    }
    const at = this.pos
    this.pos += n
    return at
  }
}
