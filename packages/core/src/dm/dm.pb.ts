// Generated from dm.proto by protons, then adapted to protons-runtime 8 by scripts/generate-protos.mjs. Do not edit.
import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface Envelope {
  version: number
  sessionInit?: Uint8Array<ArrayBuffer>
  header: Uint8Array<ArrayBuffer>
  ciphertext: Uint8Array<ArrayBuffer>
}

export namespace Envelope {
  let _codec: Codec<Envelope, Partial<Envelope>>

  export const codec = (): Codec<Envelope, Partial<Envelope>> => {
    if (_codec == null) {
      _codec = message<Envelope, Partial<Envelope>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if (obj.sessionInit != null) {
          w.uint32(18)
          w.bytes(obj.sessionInit)
        }

        if ((obj.header != null && obj.header.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.header)
        }

        if ((obj.ciphertext != null && obj.ciphertext.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.ciphertext)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          header: uint8ArrayAlloc(0),
          ciphertext: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.version = reader.uint32()
              break
            }
            case 2: {
              obj.sessionInit = reader.bytes()
              break
            }
            case 3: {
              obj.header = reader.bytes()
              break
            }
            case 4: {
              obj.ciphertext = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.version`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.sessionInit`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.header`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.ciphertext`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface EnvelopeVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface EnvelopeSessionInitFieldEvent {
    field: '$.sessionInit'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EnvelopeHeaderFieldEvent {
    field: '$.header'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EnvelopeCiphertextFieldEvent {
    field: '$.ciphertext'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Envelope>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Envelope.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Envelope>): Envelope {
    return decodeMessage(buf, Envelope.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Envelope>): Generator<EnvelopeVersionFieldEvent | EnvelopeSessionInitFieldEvent | EnvelopeHeaderFieldEvent | EnvelopeCiphertextFieldEvent> {
    return streamMessage(buf, Envelope.codec(), opts)
  }
}

export interface Text {
  body: string
  replyTo?: string
}

export namespace Text {
  let _codec: Codec<Text, Partial<Text>>

  export const codec = (): Codec<Text, Partial<Text>> => {
    if (_codec == null) {
      _codec = message<Text, Partial<Text>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.body != null && obj.body !== '')) {
          w.uint32(10)
          w.string(obj.body)
        }

        if (obj.replyTo != null) {
          w.uint32(18)
          w.string(obj.replyTo)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          body: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.body = reader.string()
              break
            }
            case 2: {
              obj.replyTo = reader.string()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.body`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.replyTo`,
                value: reader.string()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface TextBodyFieldEvent {
    field: '$.body'
    value: string
  }

  export interface TextReplyToFieldEvent {
    field: '$.replyTo'
    value: string
  }

  export function encode (obj: Partial<Text>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Text.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Text>): Text {
    return decodeMessage(buf, Text.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Text>): Generator<TextBodyFieldEvent | TextReplyToFieldEvent> {
    return streamMessage(buf, Text.codec(), opts)
  }
}

export interface Receipt {
  ids: string[]
}

export namespace Receipt {
  let _codec: Codec<Receipt, Partial<Receipt>>

  export const codec = (): Codec<Receipt, Partial<Receipt>> => {
    if (_codec == null) {
      _codec = message<Receipt, Partial<Receipt>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.ids != null && obj.ids.length > 0) {
          for (const value of obj.ids) {
            w.uint32(10)
            w.string(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          ids: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.ids != null && obj.ids.length === opts.limits.ids) {
                throw new MaxLengthError('Decode error - repeated field "ids" had too many elements')
              }

              obj.ids.push(reader.string())
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          ids: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.ids != null && obj.ids === opts.limits.ids) {
                throw new MaxLengthError('Streaming decode error - repeated field "ids" had too many elements')
              }

              yield {
                field: `${prefix}.ids[]`,
                index: obj.ids,
                value: reader.string()
              }

              obj.ids++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface ReceiptIdsFieldEvent {
    field: '$.ids[]'
    index: number
    value: string
  }

  export function encode (obj: Partial<Receipt>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Receipt.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Receipt>): Receipt {
    return decodeMessage(buf, Receipt.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Receipt>): Generator<ReceiptIdsFieldEvent> {
    return streamMessage(buf, Receipt.codec(), opts)
  }
}

export interface Typing {
  active: boolean
}

export namespace Typing {
  let _codec: Codec<Typing, Partial<Typing>>

  export const codec = (): Codec<Typing, Partial<Typing>> => {
    if (_codec == null) {
      _codec = message<Typing, Partial<Typing>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.active != null && obj.active !== false)) {
          w.uint32(8)
          w.bool(obj.active)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          active: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.active = reader.bool()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.active`,
                value: reader.bool()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface TypingActiveFieldEvent {
    field: '$.active'
    value: boolean
  }

  export function encode (obj: Partial<Typing>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Typing.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Typing>): Typing {
    return decodeMessage(buf, Typing.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Typing>): Generator<TypingActiveFieldEvent> {
    return streamMessage(buf, Typing.codec(), opts)
  }
}

export interface Delete {
  ids: string[]
}

export namespace Delete {
  let _codec: Codec<Delete, Partial<Delete>>

  export const codec = (): Codec<Delete, Partial<Delete>> => {
    if (_codec == null) {
      _codec = message<Delete, Partial<Delete>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.ids != null && obj.ids.length > 0) {
          for (const value of obj.ids) {
            w.uint32(10)
            w.string(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          ids: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.ids != null && obj.ids.length === opts.limits.ids) {
                throw new MaxLengthError('Decode error - repeated field "ids" had too many elements')
              }

              obj.ids.push(reader.string())
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          ids: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.ids != null && obj.ids === opts.limits.ids) {
                throw new MaxLengthError('Streaming decode error - repeated field "ids" had too many elements')
              }

              yield {
                field: `${prefix}.ids[]`,
                index: obj.ids,
                value: reader.string()
              }

              obj.ids++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface DeleteIdsFieldEvent {
    field: '$.ids[]'
    index: number
    value: string
  }

  export function encode (obj: Partial<Delete>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Delete.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Delete>): Delete {
    return decodeMessage(buf, Delete.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Delete>): Generator<DeleteIdsFieldEvent> {
    return streamMessage(buf, Delete.codec(), opts)
  }
}

export interface Payload {
  id: string
  sentAtMs: bigint
  text?: Text
  delivered?: Receipt
  read?: Receipt
  typing?: Typing
  delete?: Delete
  callSignal?: Uint8Array<ArrayBuffer>
}

export namespace Payload {
  let _codec: Codec<Payload, Partial<Payload>>

  export const codec = (): Codec<Payload, Partial<Payload>> => {
    if (_codec == null) {
      _codec = message<Payload, Partial<Payload>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        obj = { ...obj }

        if (obj.callSignal != null) {
          obj.delete = undefined
          obj.typing = undefined
          obj.read = undefined
          obj.delivered = undefined
          obj.text = undefined
        }

        if (obj.delete != null) {
          obj.callSignal = undefined
          obj.typing = undefined
          obj.read = undefined
          obj.delivered = undefined
          obj.text = undefined
        }

        if (obj.typing != null) {
          obj.callSignal = undefined
          obj.delete = undefined
          obj.read = undefined
          obj.delivered = undefined
          obj.text = undefined
        }

        if (obj.read != null) {
          obj.callSignal = undefined
          obj.delete = undefined
          obj.typing = undefined
          obj.delivered = undefined
          obj.text = undefined
        }

        if (obj.delivered != null) {
          obj.callSignal = undefined
          obj.delete = undefined
          obj.typing = undefined
          obj.read = undefined
          obj.text = undefined
        }

        if (obj.text != null) {
          obj.callSignal = undefined
          obj.delete = undefined
          obj.typing = undefined
          obj.read = undefined
          obj.delivered = undefined
        }

        if ((obj.id != null && obj.id !== '')) {
          w.uint32(10)
          w.string(obj.id)
        }

        if ((obj.sentAtMs != null && obj.sentAtMs !== 0n)) {
          w.uint32(16)
          w.uint64(obj.sentAtMs)
        }

        if (obj.text != null) {
          w.uint32(82)
          Text.codec().encode(obj.text, w)
        }

        if (obj.delivered != null) {
          w.uint32(90)
          Receipt.codec().encode(obj.delivered, w)
        }

        if (obj.read != null) {
          w.uint32(98)
          Receipt.codec().encode(obj.read, w)
        }

        if (obj.typing != null) {
          w.uint32(106)
          Typing.codec().encode(obj.typing, w)
        }

        if (obj.delete != null) {
          w.uint32(114)
          Delete.codec().encode(obj.delete, w)
        }

        if (obj.callSignal != null) {
          w.uint32(122)
          w.bytes(obj.callSignal)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: '',
          sentAtMs: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.id = reader.string()
              break
            }
            case 2: {
              obj.sentAtMs = reader.uint64()
              break
            }
            case 10: {
              obj.text = Text.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.text
              })
              break
            }
            case 11: {
              obj.delivered = Receipt.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.delivered
              })
              break
            }
            case 12: {
              obj.read = Receipt.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.read
              })
              break
            }
            case 13: {
              obj.typing = Typing.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.typing
              })
              break
            }
            case 14: {
              obj.delete = Delete.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.delete
              })
              break
            }
            case 15: {
              obj.callSignal = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        if (obj.callSignal != null) {
          delete obj.delete
          delete obj.typing
          delete obj.read
          delete obj.delivered
          delete obj.text
        }

        if (obj.delete != null) {
          delete obj.callSignal
          delete obj.typing
          delete obj.read
          delete obj.delivered
          delete obj.text
        }

        if (obj.typing != null) {
          delete obj.callSignal
          delete obj.delete
          delete obj.read
          delete obj.delivered
          delete obj.text
        }

        if (obj.read != null) {
          delete obj.callSignal
          delete obj.delete
          delete obj.typing
          delete obj.delivered
          delete obj.text
        }

        if (obj.delivered != null) {
          delete obj.callSignal
          delete obj.delete
          delete obj.typing
          delete obj.read
          delete obj.text
        }

        if (obj.text != null) {
          delete obj.callSignal
          delete obj.delete
          delete obj.typing
          delete obj.read
          delete obj.delivered
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.id`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.sentAtMs`,
                value: reader.uint64()
              }
              break
            }
            case 10: {
              yield * Text.codec().stream(reader, reader.uint32(), `${prefix}.text`, {
                limits: opts.limits?.text
              })

              break
            }
            case 11: {
              yield * Receipt.codec().stream(reader, reader.uint32(), `${prefix}.delivered`, {
                limits: opts.limits?.delivered
              })

              break
            }
            case 12: {
              yield * Receipt.codec().stream(reader, reader.uint32(), `${prefix}.read`, {
                limits: opts.limits?.read
              })

              break
            }
            case 13: {
              yield * Typing.codec().stream(reader, reader.uint32(), `${prefix}.typing`, {
                limits: opts.limits?.typing
              })

              break
            }
            case 14: {
              yield * Delete.codec().stream(reader, reader.uint32(), `${prefix}.delete`, {
                limits: opts.limits?.delete
              })

              break
            }
            case 15: {
              yield {
                field: `${prefix}.callSignal`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PayloadIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface PayloadSentAtMsFieldEvent {
    field: '$.sentAtMs'
    value: bigint
  }

  export interface PayloadTextBodyFieldEvent {
    field: '$.text.body'
    value: string
  }

  export interface PayloadTextReplyToFieldEvent {
    field: '$.text.replyTo'
    value: string
  }

  export interface PayloadDeliveredIdsFieldEvent {
    field: '$.delivered.ids[]'
    index: number
    value: string
  }

  export interface PayloadReadIdsFieldEvent {
    field: '$.read.ids[]'
    index: number
    value: string
  }

  export interface PayloadTypingActiveFieldEvent {
    field: '$.typing.active'
    value: boolean
  }

  export interface PayloadDeleteIdsFieldEvent {
    field: '$.delete.ids[]'
    index: number
    value: string
  }

  export interface PayloadCallSignalFieldEvent {
    field: '$.callSignal'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Payload>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Payload.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Payload>): Payload {
    return decodeMessage(buf, Payload.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Payload>): Generator<PayloadIdFieldEvent | PayloadSentAtMsFieldEvent | PayloadTextBodyFieldEvent | PayloadTextReplyToFieldEvent | PayloadDeliveredIdsFieldEvent | PayloadReadIdsFieldEvent | PayloadTypingActiveFieldEvent | PayloadDeleteIdsFieldEvent | PayloadCallSignalFieldEvent> {
    return streamMessage(buf, Payload.codec(), opts)
  }
}

export interface Ack {
  seq: number
  status: Ack.Status
  reason: string
}

export namespace Ack {
  export enum Status {
    OK = 'OK',
    DUPLICATE = 'DUPLICATE',
    REJECTED = 'REJECTED'
  }

  enum __StatusValues {
    OK = 0,
    DUPLICATE = 1,
    REJECTED = 2
  }

  export namespace Status {
    export const codec = (): Codec<Status, Partial<Status>> => {
      return enumeration<Status>(__StatusValues)
    }
  }

  let _codec: Codec<Ack, Partial<Ack>>

  export const codec = (): Codec<Ack, Partial<Ack>> => {
    if (_codec == null) {
      _codec = message<Ack, Partial<Ack>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.seq != null && obj.seq !== 0)) {
          w.uint32(8)
          w.uint32(obj.seq)
        }

        if (obj.status != null && __StatusValues[obj.status] !== 0) {
          w.uint32(16)
          Ack.Status.codec().encode(obj.status, w)
        }

        if ((obj.reason != null && obj.reason !== '')) {
          w.uint32(26)
          w.string(obj.reason)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          seq: 0,
          status: Status.OK,
          reason: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.seq = reader.uint32()
              break
            }
            case 2: {
              obj.status = Ack.Status.codec().decode(reader)
              break
            }
            case 3: {
              obj.reason = reader.string()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.seq`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.status`,
                value: Ack.Status.codec().decode(reader)
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.reason`,
                value: reader.string()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface AckSeqFieldEvent {
    field: '$.seq'
    value: number
  }

  export interface AckStatusFieldEvent {
    field: '$.status'
    value: Ack.Status
  }

  export interface AckReasonFieldEvent {
    field: '$.reason'
    value: string
  }

  export function encode (obj: Partial<Ack>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Ack.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Ack>): Ack {
    return decodeMessage(buf, Ack.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Ack>): Generator<AckSeqFieldEvent | AckStatusFieldEvent | AckReasonFieldEvent> {
    return streamMessage(buf, Ack.codec(), opts)
  }
}
