import { open } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import type { PcmAudio } from '../sources/wav-reader.js'
import { WAV_HEADER_BYTES, pcmBytes, wavHeader } from './wav-writer.js'
import { IVF_HEADER_BYTES, ivfFrame, ivfHeader } from './ivf-writer.js'
import { OggOpusWriter } from './ogg-opus-writer.js'
import type { OggOpusWriterOptions } from './ogg-opus-writer.js'
import { y4mFrame, y4mHeader } from './y4m-writer.js'
import type { I420Frame } from '../codec/i420.js'
import { IVF_TIMEBASE_HZ, SINK_FILE_MODE } from '../constants.js'

/**
 * Opens (truncating) a sink's output file, owner-only: recordings hold decrypted call media.
 * open()'s mode only applies to a new file, so an existing one is chmod-ed as well.
 */
async function openPrivate (path: string): Promise<FileHandle> {
  const fh = await open(path, 'w', SINK_FILE_MODE)
  try {
    await fh.chmod(SINK_FILE_MODE)
  } catch (err) {
    await fh.close()
    throw err
  }
  return fh
}

async function writeAll (fh: FileHandle, chunks: readonly Uint8Array[]): Promise<void> {
  for (const c of chunks) await fh.write(c)
}

/** Streams 16-bit PCM to a WAV file; sizes are patched on close. */
export class WavFileSink {
  private dataBytes = 0
  private constructor (private readonly fh: FileHandle, private readonly format: Omit<PcmAudio, 'samples'>) {}

  static async open (path: string, format: { sampleRate: number, channels: number }): Promise<WavFileSink> {
    const header = wavHeader(format.sampleRate, format.channels, 0)
    const fh = await openPrivate(path)
    await fh.write(header)
    return new WavFileSink(fh, format)
  }

  async write (samples: Int16Array): Promise<void> {
    const bytes = pcmBytes(samples)
    await this.fh.write(bytes)
    this.dataBytes += bytes.byteLength
  }

  async close (): Promise<void> {
    await this.fh.write(wavHeader(this.format.sampleRate, this.format.channels, this.dataBytes), 0, WAV_HEADER_BYTES, 0)
    await this.fh.close()
  }
}

/**
 * Streams VP9 packets to an IVF file; the header is rewritten on close.
 *
 * Timestamps are capture times in IVF_TIMEBASE_HZ ticks (ms), made strictly increasing: a frame that
 * lands on or before the previous tick gets the previous tick + 1. Rounding to a frame grid made
 * frames captured less than a grid step apart share a timestamp (ffmpeg: "non monotonically
 * increasing dts"), and live capture is never on an exact grid.
 *
 * IVF has one frame size, in the header, while VP9 carries each keyframe's size in the bitstream,
 * so decoders follow resolution changes on their own. The header gets the largest frame (by area)
 * written: players that size their surface from it then fit every frame without cropping, and a call
 * that ends on a low rung of the ladder is not labelled with its smallest picture. Packets without a
 * size keep the one given to open().
 */
export class IvfFileSink {
  private frames = 0
  private firstPts = 0
  private lastPts = 0
  private constructor (private readonly fh: FileHandle, private width: number, private height: number) {}

  static async open (path: string, format: { width: number, height: number }): Promise<IvfFileSink> {
    const fh = await openPrivate(path)
    await fh.write(ivfHeader(format.width, format.height, 0, IVF_TIMEBASE_HZ))
    return new IvfFileSink(fh, format.width, format.height)
  }

  async write (packet: { data: Uint8Array, ptsUs: number, width?: number, height?: number }): Promise<void> {
    let pts = Math.round(packet.ptsUs * IVF_TIMEBASE_HZ / 1_000_000)
    if (this.frames > 0 && pts <= this.lastPts) pts = this.lastPts + 1
    await this.fh.write(ivfFrame(packet.data, pts))
    if (this.frames === 0) this.firstPts = pts
    this.lastPts = pts
    this.frames++
    const { width, height } = packet
    if (width !== undefined && height !== undefined && width * height > this.width * this.height) {
      this.width = width
      this.height = height
    }
  }

  async close (): Promise<void> {
    // The length field as ffmpeg's IVF muxer fills it: the span of the timestamps plus one average
    // frame interval (see ivfHeader).
    const span = this.lastPts - this.firstPts
    const length = this.frames > 1 ? Math.round(span * this.frames / (this.frames - 1)) : 0
    await this.fh.write(ivfHeader(this.width, this.height, Math.min(length, 0xffff_ffff), IVF_TIMEBASE_HZ), 0, IVF_HEADER_BYTES, 0)
    await this.fh.close()
  }
}

/** Streams Opus packets to an .opus (Ogg) file. */
export class OggOpusFileSink {
  private constructor (private readonly fh: FileHandle, private readonly writer: OggOpusWriter) {}

  static async open (path: string, options: OggOpusWriterOptions = {}): Promise<OggOpusFileSink> {
    const writer = new OggOpusWriter(options)
    const fh = await openPrivate(path)
    await writeAll(fh, writer.headers())
    return new OggOpusFileSink(fh, writer)
  }

  /** `samples`: per channel at 48 kHz (960 for a 20 ms frame). */
  async write (packet: Uint8Array, samples: number): Promise<void> {
    await writeAll(this.fh, this.writer.write(packet, samples))
  }

  async close (): Promise<void> {
    await writeAll(this.fh, this.writer.end())
    await this.fh.close()
  }
}

/** Streams raw I420 pictures to a Y4M file (for viewing decoded video). */
export class Y4mFileSink {
  private constructor (private readonly fh: FileHandle) {}

  static async open (path: string, format: { width: number, height: number, frameRate: number }): Promise<Y4mFileSink> {
    const fh = await openPrivate(path)
    await fh.write(y4mHeader(format.width, format.height, format.frameRate))
    return new Y4mFileSink(fh)
  }

  async write (frame: I420Frame): Promise<void> {
    await this.fh.write(y4mFrame(frame))
  }

  async close (): Promise<void> {
    await this.fh.close()
  }
}
