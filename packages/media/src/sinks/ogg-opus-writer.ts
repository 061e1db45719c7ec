import { OPUS_SAMPLE_RATE_HZ } from '../constants.js'
import { InvalidOptionError } from '../errors.js'
import { OGG_MAX_SEGMENTS, OggHeaderType, lacingFor, oggPage } from './ogg-page.js'

export interface OggOpusWriterOptions {
  /** Default 1. */
  channels?: number
  /** Decoder delay to trim, in 48 kHz samples: the encoder's lookaheadSamples. Default 312. */
  preSkipSamples?: number
  /** Ogg stream serial number. Default 0x5061726c ("Parl"). */
  serial?: number
  /** Audio packets per page; fewer means less loss on a crash, more means less overhead. Default 50. */
  packetsPerPage?: number
}

const DEFAULT_PRE_SKIP_SAMPLES = 312
const DEFAULT_SERIAL = 0x5061726c
const DEFAULT_PACKETS_PER_PAGE = 50

/**
 * Ogg Opus (RFC 7845) muxer producing byte chunks: header pages first, then
 * audio pages as packets accumulate, and a final page from end().
 */
export class OggOpusWriter {
  private readonly channels: number
  private readonly preSkip: number
  private readonly serial: number
  private readonly perPage: number
  private sequence = 0
  private granule = 0n
  private queued: Uint8Array[] = []
  private queuedSamples = 0n
  private started = false

  constructor (options: OggOpusWriterOptions = {}) {
    this.channels = options.channels ?? 1
    this.preSkip = options.preSkipSamples ?? DEFAULT_PRE_SKIP_SAMPLES
    this.serial = options.serial ?? DEFAULT_SERIAL
    this.perPage = options.packetsPerPage ?? DEFAULT_PACKETS_PER_PAGE
    if (this.channels !== 1 && this.channels !== 2) throw new InvalidOptionError('Ogg Opus writer supports 1 or 2 channels')
    if (!Number.isInteger(this.preSkip) || this.preSkip < 0 || this.preSkip > 0xffff) throw new InvalidOptionError('preSkipSamples must be a u16')
    if (!Number.isInteger(this.perPage) || this.perPage < 1) throw new InvalidOptionError('packetsPerPage must be ≥ 1')
  }

  /** OpusHead and OpusTags pages. */
  headers (): Uint8Array[] {
    this.started = true
    const head = new Uint8Array(19)
    const view = new DataView(head.buffer)
    head.set(Buffer.from('OpusHead', 'latin1'), 0)
    head[8] = 1
    head[9] = this.channels
    view.setUint16(10, this.preSkip, true)
    view.setUint32(12, OPUS_SAMPLE_RATE_HZ, true)
    view.setInt16(16, 0, true)
    head[18] = 0
    const vendor = Buffer.from('parley', 'latin1')
    const tags = new Uint8Array(8 + 4 + vendor.byteLength + 4)
    const tv = new DataView(tags.buffer)
    tags.set(Buffer.from('OpusTags', 'latin1'), 0)
    tv.setUint32(8, vendor.byteLength, true)
    tags.set(vendor, 12)
    tv.setUint32(12 + vendor.byteLength, 0, true)
    return [
      this.page(OggHeaderType.firstPage, 0n, [head]),
      this.page(0, 0n, [tags])
    ]
  }

  /** Adds one Opus packet of `samples` (per channel, 48 kHz); returns any completed page. */
  write (packet: Uint8Array, samples: number): Uint8Array[] {
    const out = this.started ? [] : this.headers()
    const segments = this.queued.reduce((n, p) => n + lacingFor(p.byteLength).length, 0)
    if (this.queued.length > 0 && segments + lacingFor(packet.byteLength).length > OGG_MAX_SEGMENTS) out.push(this.flush(false))
    this.queued.push(packet)
    this.queuedSamples += BigInt(samples)
    if (this.queued.length >= this.perPage) out.push(this.flush(false))
    return out
  }

  /** The last page (flagged end-of-stream). */
  end (): Uint8Array[] {
    const out = this.started ? [] : this.headers()
    out.push(this.flush(true))
    return out
  }

  private flush (last: boolean): Uint8Array {
    this.granule += this.queuedSamples
    const page = this.page(last ? OggHeaderType.lastPage : 0, this.granule, this.queued)
    this.queued = []
    this.queuedSamples = 0n
    return page
  }

  private page (headerType: number, granulePosition: bigint, packets: Uint8Array[]): Uint8Array {
    return oggPage({ headerType, granulePosition, serial: this.serial, sequence: this.sequence++, packets })
  }
}
