// Control messages between the two media engines of a call, each direction on its own
// one-way stream: receiver reports (what arrived, late, lost, jitter, one-way-delay
// trend, playout delay) that drive the sender's ABR, keyframe requests, and ping/pong
// for an application-level RTT. Framing (CONTROL_VERSION): u16 length (big-endian), then that
// many bytes of JSON, validated strictly against the schema below. The framing goes through core's
// ByteReader/ByteWriter like every other format; the body stays JSON (docs/protocol.md §4).
import { ByteReader, ByteWriter } from '@parley/core/wire/index'
import type { WireError } from '@parley/core/wire/index'
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

/** Bytes of the length prefix before each message. */
export const CONTROL_LENGTH_BYTES = 2

export function encodeControl (msg: ControlMessage): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(msg))
  if (json.length > MAX_CONTROL_MESSAGE_BYTES) throw new BadControlMessageError(`control message of ${json.length} bytes`)
  return new ByteWriter({ size: CONTROL_LENGTH_BYTES + json.length }).u16(json.length).bytes(json).finish()
}

function parseControl (json: Uint8Array): ControlMessage {
  let value: unknown
  try {
    value = JSON.parse(new TextDecoder().decode(json))
  } catch {
    throw new BadControlMessageError('control message is not JSON')
  }
  const parsed = ControlMessage.safeParse(value)
  if (!parsed.success) throw new BadControlMessageError(`invalid control message: ${parsed.error.issues[0]?.message ?? ''}`)
  return parsed.data
}

/** Splits a control stream into messages; throws BadControlMessageError on bad input. */
export class ControlReader {
  private buf = new Uint8Array(0)

  push (chunk: Uint8Array): ControlMessage[] {
    const merged = new Uint8Array(this.buf.length + chunk.length)
    merged.set(this.buf)
    merged.set(chunk, this.buf.length)
    const r = new ByteReader(merged, { mapError: (err: WireError) => new BadControlMessageError(`control stream: ${err.message}`) })
    const out: ControlMessage[] = []
    let complete = 0
    while (r.remaining >= CONTROL_LENGTH_BYTES) {
      const len = r.u16()
      // the length is checked before the message is waited for
      if (len === 0 || len > MAX_CONTROL_MESSAGE_BYTES) throw new BadControlMessageError(`control message length ${len}`)
      if (r.remaining < len) break
      out.push(parseControl(r.bytes(len)))
      complete = r.offset
    }
    this.buf = merged.slice(complete)
    return out
  }
}
