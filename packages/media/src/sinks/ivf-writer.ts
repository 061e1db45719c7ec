import { IvfFormatError } from '../errors.js'

export const IVF_HEADER_BYTES = 32
export const IVF_FRAME_HEADER_BYTES = 12
/**
 * IVF file header; `length` may be patched in later (see IvfFileSink). Timestamps are in units of
 * 1/`timebaseHz` s. Bytes 24–27 hold `length`: libvpx writes the frame count there, while ffmpeg
 * reads (and its own IVF muxer writes) the stream's duration in timebase units. The two agree when
 * the timebase is one frame; with any other timebase pass the duration, so ffprobe reports it.
 */
export function ivfHeader (width: number, height: number, length: number, timebaseHz = 30, fourcc = 'VP90'): Uint8Array {
  const out = new Uint8Array(IVF_HEADER_BYTES)
  const view = new DataView(out.buffer)
  for (let i = 0; i < 4; i++) out[i] = 'DKIF'.charCodeAt(i)
  view.setUint16(4, 0, true)
  view.setUint16(6, IVF_HEADER_BYTES, true)
  for (let i = 0; i < 4; i++) out[8 + i] = fourcc.charCodeAt(i)
  view.setUint16(12, width, true)
  view.setUint16(14, height, true)
  view.setUint32(16, timebaseHz, true)
  view.setUint32(20, 1, true)
  view.setUint32(24, length, true)
  return out
}

/** `pts` in timebase units (see ivfHeader). */
export function ivfFrame (data: Uint8Array, pts: number): Uint8Array {
  const out = new Uint8Array(IVF_FRAME_HEADER_BYTES + data.byteLength)
  const view = new DataView(out.buffer)
  view.setUint32(0, data.byteLength, true)
  view.setBigUint64(4, BigInt(Math.round(pts)), true)
  out.set(data, IVF_FRAME_HEADER_BYTES)
  return out
}

export interface IvfFile {
  fourcc: string
  width: number
  height: number
  timebaseHz: number
  frames: Array<{ data: Uint8Array, pts: number }>
}

/** Parses an IVF file (used by tests and tools to replay recordings). */
export function readIvf (bytes: Uint8Array): IvfFile {
  if (bytes.byteLength < IVF_HEADER_BYTES || String.fromCharCode(...bytes.subarray(0, 4)) !== 'DKIF') {
    throw new IvfFormatError('not an IVF file')
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const headerBytes = view.getUint16(6, true)
  if (headerBytes < IVF_HEADER_BYTES || headerBytes > bytes.byteLength) throw new IvfFormatError('bad IVF header size')
  const rate = view.getUint32(16, true)
  const scale = view.getUint32(20, true)
  const file: IvfFile = {
    fourcc: String.fromCharCode(...bytes.subarray(8, 12)),
    width: view.getUint16(12, true),
    height: view.getUint16(14, true),
    timebaseHz: scale === 0 ? rate : rate / scale,
    frames: []
  }
  let offset = headerBytes
  while (offset < bytes.byteLength) {
    if (bytes.byteLength - offset < IVF_FRAME_HEADER_BYTES) throw new IvfFormatError('truncated frame header')
    const size = view.getUint32(offset, true)
    const pts = Number(view.getBigUint64(offset + 4, true))
    const start = offset + IVF_FRAME_HEADER_BYTES
    if (size > bytes.byteLength - start) throw new IvfFormatError('truncated frame')
    file.frames.push({ data: bytes.subarray(start, start + size), pts })
    offset = start + size
  }
  return file
}
