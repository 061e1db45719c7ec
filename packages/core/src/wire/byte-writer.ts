// The one writer of every hand-written binary format, the encoding half of ByteReader (see there for
// why it lives in core). Values are range-checked, never silently wrapped: an encoder that would put
// 70 000 in a u16 has a bug, and a peer must not receive what our own decoder would reject.
import { WriteRangeError } from './errors.js'

export interface ByteWriterOptions {
  /**
   * Exact size of the output. The buffer is allocated once; writing past it or finishing short
   * throws. Without it the buffer grows as needed.
   */
  size?: number
  /** Byte order of multi-byte numbers. Default false: big-endian (network order). */
  littleEndian?: boolean
}

type IntSetter = (this: DataView, at: number, value: number, littleEndian?: boolean) => void

const GROWABLE_START_BYTES = 64
const U64_MAX = (1n << 64n) - 1n

export class ByteWriter {
  private buf: Uint8Array
  private view: DataView
  private readonly fixedSize: number | undefined
  private readonly littleEndian: boolean
  private pos = 0

  constructor (options: ByteWriterOptions = {}) {
    const size = options.size
    if (size !== undefined && (!Number.isSafeInteger(size) || size < 0)) throw new WriteRangeError(`writer size ${size} is not a non-negative integer`)
    this.fixedSize = size
    this.littleEndian = options.littleEndian ?? false
    this.buf = new Uint8Array(size ?? GROWABLE_START_BYTES)
    this.view = new DataView(this.buf.buffer)
  }

  /** Bytes written so far. */
  get length (): number {
    return this.pos
  }

  u8 (value: number): this {
    return this.int(value, 'u8', 0, 0xff, 1, DataView.prototype.setUint8)
  }

  u16 (value: number): this {
    return this.int(value, 'u16', 0, 0xffff, 2, DataView.prototype.setUint16)
  }

  i16 (value: number): this {
    return this.int(value, 'i16', -0x8000, 0x7fff, 2, DataView.prototype.setInt16)
  }

  u32 (value: number): this {
    return this.int(value, 'u32', 0, 0xffff_ffff, 4, DataView.prototype.setUint32)
  }

  /** A bigint, or a number that is a non-negative safe integer. */
  u64 (value: bigint | number): this {
    if (typeof value === 'number') checkInt('u64', value, 0, Number.MAX_SAFE_INTEGER)
    const v = BigInt(value)
    if (v < 0n || v > U64_MAX) throw new WriteRangeError(`u64 out of range: ${v}`)
    const at = this.advance(8)
    this.view.setBigUint64(at, v, this.littleEndian)
    return this
  }

  /** Any number, NaN and the infinities included: whether they are allowed is the format's rule. */
  f64 (value: number): this {
    if (typeof value !== 'number') throw new WriteRangeError(`f64 must be a number, got ${typeof value}`)
    const at = this.advance(8)
    this.view.setFloat64(at, value, this.littleEndian)
    return this
  }

  bytes (value: Uint8Array): this {
    const at = this.advance(value.byteLength)
    this.buf.set(value, at)
    return this
  }

  /** The bytes written: the whole buffer of a fixed-size writer (which must be full), else a copy. */
  finish (): Uint8Array {
    if (this.fixedSize !== undefined) {
      if (this.pos !== this.fixedSize) throw new WriteRangeError(`wrote ${this.pos} of ${this.fixedSize} bytes`)
      return this.buf
    }
    return this.buf.slice(0, this.pos)
  }

  private int (value: number, type: string, min: number, max: number, size: number, set: IntSetter): this {
    checkInt(type, value, min, max)
    const at = this.advance(size)
    set.call(this.view, at, value, this.littleEndian)
    return this
  }

  /** Makes room for `n` more bytes and returns where they go. It may replace buf and view: call it first. */
  private advance (n: number): number {
    const need = this.pos + n
    if (need > this.buf.byteLength) {
      if (this.fixedSize !== undefined) throw new WriteRangeError(`writing ${n} bytes at offset ${this.pos} passes the end (${this.fixedSize})`)
      const grown = new Uint8Array(Math.max(need, 2 * this.buf.byteLength))
      grown.set(this.buf.subarray(0, this.pos))
      this.buf = grown
      this.view = new DataView(grown.buffer)
    }
    const at = this.pos
    this.pos = need
    return at
  }
}

function checkInt (type: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) throw new WriteRangeError(`${type} out of range: ${value}`)
}
