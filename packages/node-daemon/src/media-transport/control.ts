// Control messages between the two media engines of a call, each direction on its own
// one-way stream: receiver reports (what arrived, late, lost, jitter, one-way-delay
// trend, playout delay) that drive the sender's ABR, keyframe requests, and ping/pong
// for an application-level RTT. Framing: u16 length, then JSON (validated).
import { z } from 'zod'
import { ParleyError } from '../errors.js'
import { MAX_CONTROL_MESSAGE_BYTES } from './constants.js'

export const ControlMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('report'),
    /** Sender's clock (ms) of the newest frame counted, echoed so the sender can pair reports. */
    atMs: z.number(),
    audio: z.object({ received: z.number().int().min(0), lost: z.number().int().min(0), late: z.number().int().min(0), concealed: z.number().int().min(0), jitterMs: z.number().min(0), playoutDelayMs: z.number().min(0) }),
    video: z.object({ received: z.number().int().min(0), lost: z.number().int().min(0), framesDecoded: z.number().int().min(0), keyframeRequests: z.number().int().min(0) }),
    /** Slope of one-way delay over the report interval (ms per s); > 0 means a queue is building. */
    owdTrendMsPerS: z.number(),
    /** Median one-way delay over the interval above the call's minimum (ms): how big the queue already is. */
    owdExcessMs: z.number().min(0).optional(),
    /** Median capture → decode latency over the interval (ms), if the clocks are comparable. */
    frameLatencyMs: z.number().nullable(),
    bytesReceived: z.number().int().min(0)
  }).strict(),
  z.object({ type: z.literal('keyframe'), reason: z.string().max(64) }).strict(),
  z.object({ type: z.literal('ping'), t: z.number() }).strict(),
  z.object({ type: z.literal('pong'), t: z.number(), peerNowMs: z.number() }).strict()
])
export type ControlMessage = z.infer<typeof ControlMessage>
export type ReceiverReport = Extract<ControlMessage, { type: 'report' }>

export class BadControlMessageError extends ParleyError {
  static override readonly name = 'BadControlMessageError'
  constructor (message: string) { super('MEDIA_BAD_CONTROL', message) }
}

export function encodeControl (msg: ControlMessage): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(msg))
  if (json.length > MAX_CONTROL_MESSAGE_BYTES) throw new BadControlMessageError(`control message of ${json.length} bytes`)
  const out = new Uint8Array(2 + json.length)
  new DataView(out.buffer).setUint16(0, json.length)
  out.set(json, 2)
  return out
}

/** Splits a control stream into messages; throws BadControlMessageError on bad input. */
export class ControlReader {
  private buf = new Uint8Array(0)

  push (chunk: Uint8Array): ControlMessage[] {
    const merged = new Uint8Array(this.buf.length + chunk.length)
    merged.set(this.buf)
    merged.set(chunk, this.buf.length)
    const out: ControlMessage[] = []
    let off = 0
    while (merged.length - off >= 2) {
      const len = (merged[off] ?? 0) << 8 | (merged[off + 1] ?? 0)
      if (len === 0 || len > MAX_CONTROL_MESSAGE_BYTES) throw new BadControlMessageError(`control message length ${len}`)
      if (merged.length - off - 2 < len) break
      let value: unknown
      try {
        value = JSON.parse(new TextDecoder().decode(merged.subarray(off + 2, off + 2 + len)))
      } catch {
        throw new BadControlMessageError('control message is not JSON')
      }
      const parsed = ControlMessage.safeParse(value)
      if (!parsed.success) throw new BadControlMessageError(`invalid control message: ${parsed.error.issues[0]?.message ?? ''}`)
      out.push(parsed.data)
      off += 2 + len
    }
    this.buf = merged.slice(off)
    return out
  }
}
