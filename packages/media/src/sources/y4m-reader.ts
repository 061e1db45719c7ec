import { i420ByteLength } from '../codec/i420.js'
import type { I420Frame } from '../codec/i420.js'
import { MAX_VIDEO_HEIGHT_PX, MAX_VIDEO_WIDTH_PX } from '../constants.js'
import { Y4mFormatError } from '../errors.js'

export interface Y4mVideo {
  width: number
  height: number
  frameRate: number
  frames: I420Frame[]
}

const MAX_HEADER_BYTES = 1024

function readLine (bytes: Uint8Array, from: number): { line: string, next: number } {
  const end = bytes.indexOf(0x0a, from)
  if (end < 0 || end - from > MAX_HEADER_BYTES) throw new Y4mFormatError('missing or overlong header line')
  return { line: Buffer.from(bytes.subarray(from, end)).toString('latin1'), next: end + 1 }
}

/** Reads a YUV4MPEG2 file with 8-bit 4:2:0 frames (C420, C420jpeg, C420paldv, C420mpeg2 or no C tag). */
export function readY4m (bytes: Uint8Array): Y4mVideo {
  const { line, next } = readLine(bytes, 0)
  const parts = line.split(' ')
  if (parts[0] !== 'YUV4MPEG2') throw new Y4mFormatError('not a YUV4MPEG2 file')
  let width = 0
  let height = 0
  let frameRate = 30
  for (const p of parts.slice(1)) {
    const key = p[0]
    const value = p.slice(1)
    if (key === 'W') width = Number(value)
    else if (key === 'H') height = Number(value)
    else if (key === 'F') {
      const [num, den] = value.split(':').map(Number)
      if (num !== undefined && den !== undefined && num > 0 && den > 0) frameRate = num / den
    } else if (key === 'C' && !value.startsWith('420')) {
      throw new Y4mFormatError(`unsupported colour space C${value}: only 8-bit 4:2:0`)
    } else if (key === 'C' && /p1[0-6]/.test(value)) {
      throw new Y4mFormatError(`unsupported bit depth C${value}`)
    }
  }
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 ||
      width > MAX_VIDEO_WIDTH_PX || height > MAX_VIDEO_HEIGHT_PX) {
    throw new Y4mFormatError(`invalid dimensions ${width}x${height}`)
  }
  const frameBytes = i420ByteLength(width, height)
  const frames: I420Frame[] = []
  let offset = next
  while (offset < bytes.byteLength) {
    const { line: header, next: dataStart } = readLine(bytes, offset)
    if (!header.startsWith('FRAME')) throw new Y4mFormatError(`expected FRAME at byte ${offset}`)
    if (bytes.byteLength - dataStart < frameBytes) throw new Y4mFormatError('truncated frame')
    frames.push({ data: new Uint8Array(bytes.subarray(dataStart, dataStart + frameBytes)), width, height })
    offset = dataStart + frameBytes
  }
  return { width, height, frameRate, frames }
}
