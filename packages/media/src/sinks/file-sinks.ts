import { open } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import type { PcmAudio } from '../sources/wav-reader.js'
import { WAV_HEADER_BYTES, pcmBytes, wavHeader } from './wav-writer.js'
import { IVF_HEADER_BYTES, ivfFrame, ivfHeader } from './ivf-writer.js'
import { OggOpusWriter } from './ogg-opus-writer.js'
import type { OggOpusWriterOptions } from './ogg-opus-writer.js'
import { y4mFrame, y4mHeader } from './y4m-writer.js'
import type { I420Frame } from '../codec/i420.js'
import { DEFAULT_VIDEO_FRAME_RATE_FPS, SINK_FILE_MODE } from '../constants.js'
import { InvalidOptionError } from '../errors.js'

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
 * Streams VP9 packets to an IVF file; the frame count is patched on close.
 * Timestamps are rounded to the frame grid of `frameRate` (default 30).
 */
export class IvfFileSink {
  private frames = 0
  private constructor (private readonly fh: FileHandle, private readonly width: number, private readonly height: number, private readonly frameRate: number) {}

  static async open (path: string, format: { width: number, height: number, frameRate?: number }): Promise<IvfFileSink> {
    const frameRate = format.frameRate ?? DEFAULT_VIDEO_FRAME_RATE_FPS
    if (!Number.isInteger(frameRate) || frameRate < 1) throw new InvalidOptionError(`IVF frameRate must be a positive integer, got ${frameRate}`)
    const fh = await openPrivate(path)
    await fh.write(ivfHeader(format.width, format.height, 0, frameRate))
    return new IvfFileSink(fh, format.width, format.height, frameRate)
  }

  async write (packet: { data: Uint8Array, ptsUs: number }): Promise<void> {
    await this.fh.write(ivfFrame(packet.data, packet.ptsUs * this.frameRate / 1_000_000))
    this.frames++
  }

  async close (): Promise<void> {
    await this.fh.write(ivfHeader(this.width, this.height, this.frames, this.frameRate), 0, IVF_HEADER_BYTES, 0)
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
