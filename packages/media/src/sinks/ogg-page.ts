// Ogg framing (RFC 3533): pages with lacing values and a CRC-32 using the
// polynomial 0x04c11db7, no reflection, zero initial value.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256)
  for (let i = 0; i < 256; i++) {
    let r = i << 24
    for (let j = 0; j < 8; j++) r = (r & 0x8000_0000) !== 0 ? (r << 1) ^ 0x04c11db7 : r << 1
    t[i] = r >>> 0
  }
  return t
})()

export function oggCrc32 (bytes: Uint8Array): number {
  let crc = 0
  for (const b of bytes) crc = ((crc << 8) ^ (CRC_TABLE[((crc >>> 24) ^ b) & 0xff] ?? 0)) >>> 0
  return crc
}

export const OggHeaderType = { continued: 0x01, firstPage: 0x02, lastPage: 0x04 } as const

export const OGG_MAX_SEGMENTS = 255

export function lacingFor (packetBytes: number): number[] {
  const out: number[] = []
  let left = packetBytes
  while (left >= 255) {
    out.push(255)
    left -= 255
  }
  out.push(left)
  return out
}

export interface OggPageInput {
  headerType: number
  granulePosition: bigint
  serial: number
  sequence: number
  packets: readonly Uint8Array[]
}

/** One page holding whole packets (callers keep the lacing within OGG_MAX_SEGMENTS). */
export function oggPage (page: OggPageInput): Uint8Array {
  const lacing = page.packets.flatMap(p => lacingFor(p.byteLength))
  const bodyBytes = page.packets.reduce((n, p) => n + p.byteLength, 0)
  const out = new Uint8Array(27 + lacing.length + bodyBytes)
  const view = new DataView(out.buffer)
  out.set([0x4f, 0x67, 0x67, 0x53], 0)  // "OggS"
  out[4] = 0
  out[5] = page.headerType
  view.setBigUint64(6, page.granulePosition, true)
  view.setUint32(14, page.serial, true)
  view.setUint32(18, page.sequence, true)
  out[26] = lacing.length
  out.set(lacing, 27)
  let offset = 27 + lacing.length
  for (const p of page.packets) {
    out.set(p, offset)
    offset += p.byteLength
  }
  view.setUint32(22, oggCrc32(out), true)
  return out
}
