// Protobuf lets a oneof field appear several times on the wire (the last one wins) and
// protons silently keeps one. Parley's decoders reject such messages — no honest encoder
// emits them — by counting the top-level fields in the oneof's field-number range.
import { reader as protobufReader } from 'protons-runtime'

export function countFieldsInRange (bytes: Uint8Array, first: number, last: number): number {
  const r = protobufReader(bytes)
  let count = 0
  while (r.pos < r.len) {
    const tag = r.uint32()
    const field = tag >>> 3
    if (field >= first && field <= last) count++
    r.skipType(tag & 7)
  }
  return count
}
