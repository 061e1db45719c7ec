// Generated from signal.proto by protons, then adapted to protons-runtime 8 by scripts/generate-protos.mjs. Do not edit.
/* eslint-disable require-yield */

import { decodeMessage, encodeMessage, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface OpusParams {
  bitrateBps: number
  frameMs: number
  fec: boolean
  stereo: boolean
}

export namespace OpusParams {
  let _codec: Codec<OpusParams, Partial<OpusParams>>

  export const codec = (): Codec<OpusParams, Partial<OpusParams>> => {
    if (_codec == null) {
      _codec = message<OpusParams, Partial<OpusParams>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.bitrateBps != null && obj.bitrateBps !== 0)) {
          w.uint32(8)
          w.uint32(obj.bitrateBps)
        }

        if ((obj.frameMs != null && obj.frameMs !== 0)) {
          w.uint32(16)
          w.uint32(obj.frameMs)
        }

        if ((obj.fec != null && obj.fec !== false)) {
          w.uint32(24)
          w.bool(obj.fec)
        }

        if ((obj.stereo != null && obj.stereo !== false)) {
          w.uint32(32)
          w.bool(obj.stereo)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          bitrateBps: 0,
          frameMs: 0,
          fec: false,
          stereo: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.bitrateBps = reader.uint32()
              break
            }
            case 2: {
              obj.frameMs = reader.uint32()
              break
            }
            case 3: {
              obj.fec = reader.bool()
              break
            }
            case 4: {
              obj.stereo = reader.bool()
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
                field: `${prefix}.bitrateBps`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.frameMs`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.fec`,
                value: reader.bool()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.stereo`,
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

  export interface OpusParamsBitrateBpsFieldEvent {
    field: '$.bitrateBps'
    value: number
  }

  export interface OpusParamsFrameMsFieldEvent {
    field: '$.frameMs'
    value: number
  }

  export interface OpusParamsFecFieldEvent {
    field: '$.fec'
    value: boolean
  }

  export interface OpusParamsStereoFieldEvent {
    field: '$.stereo'
    value: boolean
  }

  export function encode (obj: Partial<OpusParams>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, OpusParams.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<OpusParams>): OpusParams {
    return decodeMessage(buf, OpusParams.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<OpusParams>): Generator<OpusParamsBitrateBpsFieldEvent | OpusParamsFrameMsFieldEvent | OpusParamsFecFieldEvent | OpusParamsStereoFieldEvent> {
    return streamMessage(buf, OpusParams.codec(), opts)
  }
}

export interface Vp9Params {
  width: number
  height: number
  fps: number
  bitrateBps: number
}

export namespace Vp9Params {
  let _codec: Codec<Vp9Params, Partial<Vp9Params>>

  export const codec = (): Codec<Vp9Params, Partial<Vp9Params>> => {
    if (_codec == null) {
      _codec = message<Vp9Params, Partial<Vp9Params>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.width != null && obj.width !== 0)) {
          w.uint32(8)
          w.uint32(obj.width)
        }

        if ((obj.height != null && obj.height !== 0)) {
          w.uint32(16)
          w.uint32(obj.height)
        }

        if ((obj.fps != null && obj.fps !== 0)) {
          w.uint32(24)
          w.uint32(obj.fps)
        }

        if ((obj.bitrateBps != null && obj.bitrateBps !== 0)) {
          w.uint32(32)
          w.uint32(obj.bitrateBps)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          width: 0,
          height: 0,
          fps: 0,
          bitrateBps: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.width = reader.uint32()
              break
            }
            case 2: {
              obj.height = reader.uint32()
              break
            }
            case 3: {
              obj.fps = reader.uint32()
              break
            }
            case 4: {
              obj.bitrateBps = reader.uint32()
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
                field: `${prefix}.width`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.height`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.fps`,
                value: reader.uint32()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.bitrateBps`,
                value: reader.uint32()
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

  export interface Vp9ParamsWidthFieldEvent {
    field: '$.width'
    value: number
  }

  export interface Vp9ParamsHeightFieldEvent {
    field: '$.height'
    value: number
  }

  export interface Vp9ParamsFpsFieldEvent {
    field: '$.fps'
    value: number
  }

  export interface Vp9ParamsBitrateBpsFieldEvent {
    field: '$.bitrateBps'
    value: number
  }

  export function encode (obj: Partial<Vp9Params>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Vp9Params.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Vp9Params>): Vp9Params {
    return decodeMessage(buf, Vp9Params.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Vp9Params>): Generator<Vp9ParamsWidthFieldEvent | Vp9ParamsHeightFieldEvent | Vp9ParamsFpsFieldEvent | Vp9ParamsBitrateBpsFieldEvent> {
    return streamMessage(buf, Vp9Params.codec(), opts)
  }
}

export interface Offer {
  audio: boolean
  video: boolean
  opus?: OpusParams
  vp9?: Vp9Params
  keySalt: Uint8Array<ArrayBuffer>
  sentAtMs: bigint
}

export namespace Offer {
  let _codec: Codec<Offer, Partial<Offer>>

  export const codec = (): Codec<Offer, Partial<Offer>> => {
    if (_codec == null) {
      _codec = message<Offer, Partial<Offer>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.audio != null && obj.audio !== false)) {
          w.uint32(8)
          w.bool(obj.audio)
        }

        if ((obj.video != null && obj.video !== false)) {
          w.uint32(16)
          w.bool(obj.video)
        }

        if (obj.opus != null) {
          w.uint32(26)
          OpusParams.codec().encode(obj.opus, w)
        }

        if (obj.vp9 != null) {
          w.uint32(34)
          Vp9Params.codec().encode(obj.vp9, w)
        }

        if ((obj.keySalt != null && obj.keySalt.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.keySalt)
        }

        if ((obj.sentAtMs != null && obj.sentAtMs !== 0n)) {
          w.uint32(48)
          w.uint64(obj.sentAtMs)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          audio: false,
          video: false,
          keySalt: uint8ArrayAlloc(0),
          sentAtMs: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.audio = reader.bool()
              break
            }
            case 2: {
              obj.video = reader.bool()
              break
            }
            case 3: {
              obj.opus = OpusParams.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.opus
              })
              break
            }
            case 4: {
              obj.vp9 = Vp9Params.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.vp9
              })
              break
            }
            case 5: {
              obj.keySalt = reader.bytes()
              break
            }
            case 6: {
              obj.sentAtMs = reader.uint64()
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
                field: `${prefix}.audio`,
                value: reader.bool()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.video`,
                value: reader.bool()
              }
              break
            }
            case 3: {
              yield * OpusParams.codec().stream(reader, reader.uint32(), `${prefix}.opus`, {
                limits: opts.limits?.opus
              })

              break
            }
            case 4: {
              yield * Vp9Params.codec().stream(reader, reader.uint32(), `${prefix}.vp9`, {
                limits: opts.limits?.vp9
              })

              break
            }
            case 5: {
              yield {
                field: `${prefix}.keySalt`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.sentAtMs`,
                value: reader.uint64()
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

  export interface OfferAudioFieldEvent {
    field: '$.audio'
    value: boolean
  }

  export interface OfferVideoFieldEvent {
    field: '$.video'
    value: boolean
  }

  export interface OfferOpusBitrateBpsFieldEvent {
    field: '$.opus.bitrateBps'
    value: number
  }

  export interface OfferOpusFrameMsFieldEvent {
    field: '$.opus.frameMs'
    value: number
  }

  export interface OfferOpusFecFieldEvent {
    field: '$.opus.fec'
    value: boolean
  }

  export interface OfferOpusStereoFieldEvent {
    field: '$.opus.stereo'
    value: boolean
  }

  export interface OfferVp9WidthFieldEvent {
    field: '$.vp9.width'
    value: number
  }

  export interface OfferVp9HeightFieldEvent {
    field: '$.vp9.height'
    value: number
  }

  export interface OfferVp9FpsFieldEvent {
    field: '$.vp9.fps'
    value: number
  }

  export interface OfferVp9BitrateBpsFieldEvent {
    field: '$.vp9.bitrateBps'
    value: number
  }

  export interface OfferKeySaltFieldEvent {
    field: '$.keySalt'
    value: Uint8Array<ArrayBuffer>
  }

  export interface OfferSentAtMsFieldEvent {
    field: '$.sentAtMs'
    value: bigint
  }

  export function encode (obj: Partial<Offer>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Offer.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Offer>): Offer {
    return decodeMessage(buf, Offer.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Offer>): Generator<OfferAudioFieldEvent | OfferVideoFieldEvent | OfferOpusBitrateBpsFieldEvent | OfferOpusFrameMsFieldEvent | OfferOpusFecFieldEvent | OfferOpusStereoFieldEvent | OfferVp9WidthFieldEvent | OfferVp9HeightFieldEvent | OfferVp9FpsFieldEvent | OfferVp9BitrateBpsFieldEvent | OfferKeySaltFieldEvent | OfferSentAtMsFieldEvent> {
    return streamMessage(buf, Offer.codec(), opts)
  }
}

export interface Answer {
  video: boolean
}

export namespace Answer {
  let _codec: Codec<Answer, Partial<Answer>>

  export const codec = (): Codec<Answer, Partial<Answer>> => {
    if (_codec == null) {
      _codec = message<Answer, Partial<Answer>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.video != null && obj.video !== false)) {
          w.uint32(8)
          w.bool(obj.video)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          video: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.video = reader.bool()
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
                field: `${prefix}.video`,
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

  export interface AnswerVideoFieldEvent {
    field: '$.video'
    value: boolean
  }

  export function encode (obj: Partial<Answer>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Answer.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Answer>): Answer {
    return decodeMessage(buf, Answer.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Answer>): Generator<AnswerVideoFieldEvent> {
    return streamMessage(buf, Answer.codec(), opts)
  }
}

export interface Reject {
  reason: string
}

export namespace Reject {
  let _codec: Codec<Reject, Partial<Reject>>

  export const codec = (): Codec<Reject, Partial<Reject>> => {
    if (_codec == null) {
      _codec = message<Reject, Partial<Reject>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.reason != null && obj.reason !== '')) {
          w.uint32(10)
          w.string(obj.reason)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          reason: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
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

  export interface RejectReasonFieldEvent {
    field: '$.reason'
    value: string
  }

  export function encode (obj: Partial<Reject>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Reject.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Reject>): Reject {
    return decodeMessage(buf, Reject.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Reject>): Generator<RejectReasonFieldEvent> {
    return streamMessage(buf, Reject.codec(), opts)
  }
}

export interface Busy {}

export namespace Busy {
  let _codec: Codec<Busy, Partial<Busy>>

  export const codec = (): Codec<Busy, Partial<Busy>> => {
    if (_codec == null) {
      _codec = message<Busy, Partial<Busy>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {}

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
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

  export function encode (obj: Partial<Busy>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Busy.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Busy>): Busy {
    return decodeMessage(buf, Busy.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Busy>): Generator<{}> {
    return streamMessage(buf, Busy.codec(), opts)
  }
}

export interface Cancel {}

export namespace Cancel {
  let _codec: Codec<Cancel, Partial<Cancel>>

  export const codec = (): Codec<Cancel, Partial<Cancel>> => {
    if (_codec == null) {
      _codec = message<Cancel, Partial<Cancel>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {}

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
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

  export function encode (obj: Partial<Cancel>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Cancel.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Cancel>): Cancel {
    return decodeMessage(buf, Cancel.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Cancel>): Generator<{}> {
    return streamMessage(buf, Cancel.codec(), opts)
  }
}

export interface End {
  reason: string
}

export namespace End {
  let _codec: Codec<End, Partial<End>>

  export const codec = (): Codec<End, Partial<End>> => {
    if (_codec == null) {
      _codec = message<End, Partial<End>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.reason != null && obj.reason !== '')) {
          w.uint32(10)
          w.string(obj.reason)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          reason: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
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

  export interface EndReasonFieldEvent {
    field: '$.reason'
    value: string
  }

  export function encode (obj: Partial<End>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, End.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<End>): End {
    return decodeMessage(buf, End.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<End>): Generator<EndReasonFieldEvent> {
    return streamMessage(buf, End.codec(), opts)
  }
}

export interface Hold {}

export namespace Hold {
  let _codec: Codec<Hold, Partial<Hold>>

  export const codec = (): Codec<Hold, Partial<Hold>> => {
    if (_codec == null) {
      _codec = message<Hold, Partial<Hold>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {}

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
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

  export function encode (obj: Partial<Hold>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Hold.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Hold>): Hold {
    return decodeMessage(buf, Hold.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Hold>): Generator<{}> {
    return streamMessage(buf, Hold.codec(), opts)
  }
}

export interface Resume {}

export namespace Resume {
  let _codec: Codec<Resume, Partial<Resume>>

  export const codec = (): Codec<Resume, Partial<Resume>> => {
    if (_codec == null) {
      _codec = message<Resume, Partial<Resume>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {}

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
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

  export function encode (obj: Partial<Resume>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Resume.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Resume>): Resume {
    return decodeMessage(buf, Resume.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Resume>): Generator<{}> {
    return streamMessage(buf, Resume.codec(), opts)
  }
}

export interface MuteState {
  audio: boolean
  video: boolean
}

export namespace MuteState {
  let _codec: Codec<MuteState, Partial<MuteState>>

  export const codec = (): Codec<MuteState, Partial<MuteState>> => {
    if (_codec == null) {
      _codec = message<MuteState, Partial<MuteState>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.audio != null && obj.audio !== false)) {
          w.uint32(8)
          w.bool(obj.audio)
        }

        if ((obj.video != null && obj.video !== false)) {
          w.uint32(16)
          w.bool(obj.video)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          audio: false,
          video: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.audio = reader.bool()
              break
            }
            case 2: {
              obj.video = reader.bool()
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
                field: `${prefix}.audio`,
                value: reader.bool()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.video`,
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

  export interface MuteStateAudioFieldEvent {
    field: '$.audio'
    value: boolean
  }

  export interface MuteStateVideoFieldEvent {
    field: '$.video'
    value: boolean
  }

  export function encode (obj: Partial<MuteState>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, MuteState.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<MuteState>): MuteState {
    return decodeMessage(buf, MuteState.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<MuteState>): Generator<MuteStateAudioFieldEvent | MuteStateVideoFieldEvent> {
    return streamMessage(buf, MuteState.codec(), opts)
  }
}

export interface VideoState {
  on: boolean
}

export namespace VideoState {
  let _codec: Codec<VideoState, Partial<VideoState>>

  export const codec = (): Codec<VideoState, Partial<VideoState>> => {
    if (_codec == null) {
      _codec = message<VideoState, Partial<VideoState>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.on != null && obj.on !== false)) {
          w.uint32(8)
          w.bool(obj.on)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          on: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.on = reader.bool()
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
                field: `${prefix}.on`,
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

  export interface VideoStateOnFieldEvent {
    field: '$.on'
    value: boolean
  }

  export function encode (obj: Partial<VideoState>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, VideoState.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VideoState>): VideoState {
    return decodeMessage(buf, VideoState.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VideoState>): Generator<VideoStateOnFieldEvent> {
    return streamMessage(buf, VideoState.codec(), opts)
  }
}

export interface KeyframeRequest {}

export namespace KeyframeRequest {
  let _codec: Codec<KeyframeRequest, Partial<KeyframeRequest>>

  export const codec = (): Codec<KeyframeRequest, Partial<KeyframeRequest>> => {
    if (_codec == null) {
      _codec = message<KeyframeRequest, Partial<KeyframeRequest>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {}

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
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

  export function encode (obj: Partial<KeyframeRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, KeyframeRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<KeyframeRequest>): KeyframeRequest {
    return decodeMessage(buf, KeyframeRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<KeyframeRequest>): Generator<{}> {
    return streamMessage(buf, KeyframeRequest.codec(), opts)
  }
}

export interface Renegotiate {
  video: boolean
  width?: number
  height?: number
  fps?: number
}

export namespace Renegotiate {
  let _codec: Codec<Renegotiate, Partial<Renegotiate>>

  export const codec = (): Codec<Renegotiate, Partial<Renegotiate>> => {
    if (_codec == null) {
      _codec = message<Renegotiate, Partial<Renegotiate>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.video != null && obj.video !== false)) {
          w.uint32(8)
          w.bool(obj.video)
        }

        if (obj.width != null) {
          w.uint32(16)
          w.uint32(obj.width)
        }

        if (obj.height != null) {
          w.uint32(24)
          w.uint32(obj.height)
        }

        if (obj.fps != null) {
          w.uint32(32)
          w.uint32(obj.fps)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          video: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.video = reader.bool()
              break
            }
            case 2: {
              obj.width = reader.uint32()
              break
            }
            case 3: {
              obj.height = reader.uint32()
              break
            }
            case 4: {
              obj.fps = reader.uint32()
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
                field: `${prefix}.video`,
                value: reader.bool()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.width`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.height`,
                value: reader.uint32()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.fps`,
                value: reader.uint32()
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

  export interface RenegotiateVideoFieldEvent {
    field: '$.video'
    value: boolean
  }

  export interface RenegotiateWidthFieldEvent {
    field: '$.width'
    value: number
  }

  export interface RenegotiateHeightFieldEvent {
    field: '$.height'
    value: number
  }

  export interface RenegotiateFpsFieldEvent {
    field: '$.fps'
    value: number
  }

  export function encode (obj: Partial<Renegotiate>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Renegotiate.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Renegotiate>): Renegotiate {
    return decodeMessage(buf, Renegotiate.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Renegotiate>): Generator<RenegotiateVideoFieldEvent | RenegotiateWidthFieldEvent | RenegotiateHeightFieldEvent | RenegotiateFpsFieldEvent> {
    return streamMessage(buf, Renegotiate.codec(), opts)
  }
}

export interface CallSignal {
  callId: string
  offer?: Offer
  answer?: Answer
  reject?: Reject
  busy?: Busy
  cancel?: Cancel
  end?: End
  hold?: Hold
  resume?: Resume
  mute?: MuteState
  video?: VideoState
  keyframeRequest?: KeyframeRequest
  renegotiate?: Renegotiate
}

export namespace CallSignal {
  let _codec: Codec<CallSignal, Partial<CallSignal>>

  export const codec = (): Codec<CallSignal, Partial<CallSignal>> => {
    if (_codec == null) {
      _codec = message<CallSignal, Partial<CallSignal>>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        obj = { ...obj }

        if (obj.renegotiate != null) {
          obj.keyframeRequest = undefined
          obj.video = undefined
          obj.mute = undefined
          obj.resume = undefined
          obj.hold = undefined
          obj.end = undefined
          obj.cancel = undefined
          obj.busy = undefined
          obj.reject = undefined
          obj.answer = undefined
          obj.offer = undefined
        }

        if (obj.keyframeRequest != null) {
          obj.renegotiate = undefined
          obj.video = undefined
          obj.mute = undefined
          obj.resume = undefined
          obj.hold = undefined
          obj.end = undefined
          obj.cancel = undefined
          obj.busy = undefined
          obj.reject = undefined
          obj.answer = undefined
          obj.offer = undefined
        }

        if (obj.video != null) {
          obj.renegotiate = undefined
          obj.keyframeRequest = undefined
          obj.mute = undefined
          obj.resume = undefined
          obj.hold = undefined
          obj.end = undefined
          obj.cancel = undefined
          obj.busy = undefined
          obj.reject = undefined
          obj.answer = undefined
          obj.offer = undefined
        }

        if (obj.mute != null) {
          obj.renegotiate = undefined
          obj.keyframeRequest = undefined
          obj.video = undefined
          obj.resume = undefined
          obj.hold = undefined
          obj.end = undefined
          obj.cancel = undefined
          obj.busy = undefined
          obj.reject = undefined
          obj.answer = undefined
          obj.offer = undefined
        }

        if (obj.resume != null) {
          obj.renegotiate = undefined
          obj.keyframeRequest = undefined
          obj.video = undefined
          obj.mute = undefined
          obj.hold = undefined
          obj.end = undefined
          obj.cancel = undefined
          obj.busy = undefined
          obj.reject = undefined
          obj.answer = undefined
          obj.offer = undefined
        }

        if (obj.hold != null) {
          obj.renegotiate = undefined
          obj.keyframeRequest = undefined
          obj.video = undefined
          obj.mute = undefined
          obj.resume = undefined
          obj.end = undefined
          obj.cancel = undefined
          obj.busy = undefined
          obj.reject = undefined
          obj.answer = undefined
          obj.offer = undefined
        }

        if (obj.end != null) {
          obj.renegotiate = undefined
          obj.keyframeRequest = undefined
          obj.video = undefined
          obj.mute = undefined
          obj.resume = undefined
          obj.hold = undefined
          obj.cancel = undefined
          obj.busy = undefined
          obj.reject = undefined
          obj.answer = undefined
          obj.offer = undefined
        }

        if (obj.cancel != null) {
          obj.renegotiate = undefined
          obj.keyframeRequest = undefined
          obj.video = undefined
          obj.mute = undefined
          obj.resume = undefined
          obj.hold = undefined
          obj.end = undefined
          obj.busy = undefined
          obj.reject = undefined
          obj.answer = undefined
          obj.offer = undefined
        }

        if (obj.busy != null) {
          obj.renegotiate = undefined
          obj.keyframeRequest = undefined
          obj.video = undefined
          obj.mute = undefined
          obj.resume = undefined
          obj.hold = undefined
          obj.end = undefined
          obj.cancel = undefined
          obj.reject = undefined
          obj.answer = undefined
          obj.offer = undefined
        }

        if (obj.reject != null) {
          obj.renegotiate = undefined
          obj.keyframeRequest = undefined
          obj.video = undefined
          obj.mute = undefined
          obj.resume = undefined
          obj.hold = undefined
          obj.end = undefined
          obj.cancel = undefined
          obj.busy = undefined
          obj.answer = undefined
          obj.offer = undefined
        }

        if (obj.answer != null) {
          obj.renegotiate = undefined
          obj.keyframeRequest = undefined
          obj.video = undefined
          obj.mute = undefined
          obj.resume = undefined
          obj.hold = undefined
          obj.end = undefined
          obj.cancel = undefined
          obj.busy = undefined
          obj.reject = undefined
          obj.offer = undefined
        }

        if (obj.offer != null) {
          obj.renegotiate = undefined
          obj.keyframeRequest = undefined
          obj.video = undefined
          obj.mute = undefined
          obj.resume = undefined
          obj.hold = undefined
          obj.end = undefined
          obj.cancel = undefined
          obj.busy = undefined
          obj.reject = undefined
          obj.answer = undefined
        }

        if ((obj.callId != null && obj.callId !== '')) {
          w.uint32(10)
          w.string(obj.callId)
        }

        if (obj.offer != null) {
          w.uint32(82)
          Offer.codec().encode(obj.offer, w)
        }

        if (obj.answer != null) {
          w.uint32(90)
          Answer.codec().encode(obj.answer, w)
        }

        if (obj.reject != null) {
          w.uint32(98)
          Reject.codec().encode(obj.reject, w)
        }

        if (obj.busy != null) {
          w.uint32(106)
          Busy.codec().encode(obj.busy, w)
        }

        if (obj.cancel != null) {
          w.uint32(114)
          Cancel.codec().encode(obj.cancel, w)
        }

        if (obj.end != null) {
          w.uint32(122)
          End.codec().encode(obj.end, w)
        }

        if (obj.hold != null) {
          w.uint32(130)
          Hold.codec().encode(obj.hold, w)
        }

        if (obj.resume != null) {
          w.uint32(138)
          Resume.codec().encode(obj.resume, w)
        }

        if (obj.mute != null) {
          w.uint32(146)
          MuteState.codec().encode(obj.mute, w)
        }

        if (obj.video != null) {
          w.uint32(154)
          VideoState.codec().encode(obj.video, w)
        }

        if (obj.keyframeRequest != null) {
          w.uint32(162)
          KeyframeRequest.codec().encode(obj.keyframeRequest, w)
        }

        if (obj.renegotiate != null) {
          w.uint32(170)
          Renegotiate.codec().encode(obj.renegotiate, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          callId: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.callId = reader.string()
              break
            }
            case 10: {
              obj.offer = Offer.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.offer
              })
              break
            }
            case 11: {
              obj.answer = Answer.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.answer
              })
              break
            }
            case 12: {
              obj.reject = Reject.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.reject
              })
              break
            }
            case 13: {
              obj.busy = Busy.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.busy
              })
              break
            }
            case 14: {
              obj.cancel = Cancel.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.cancel
              })
              break
            }
            case 15: {
              obj.end = End.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.end
              })
              break
            }
            case 16: {
              obj.hold = Hold.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.hold
              })
              break
            }
            case 17: {
              obj.resume = Resume.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.resume
              })
              break
            }
            case 18: {
              obj.mute = MuteState.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.mute
              })
              break
            }
            case 19: {
              obj.video = VideoState.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.video
              })
              break
            }
            case 20: {
              obj.keyframeRequest = KeyframeRequest.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.keyframeRequest
              })
              break
            }
            case 21: {
              obj.renegotiate = Renegotiate.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.renegotiate
              })
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        if (obj.renegotiate != null) {
          delete obj.keyframeRequest
          delete obj.video
          delete obj.mute
          delete obj.resume
          delete obj.hold
          delete obj.end
          delete obj.cancel
          delete obj.busy
          delete obj.reject
          delete obj.answer
          delete obj.offer
        }

        if (obj.keyframeRequest != null) {
          delete obj.renegotiate
          delete obj.video
          delete obj.mute
          delete obj.resume
          delete obj.hold
          delete obj.end
          delete obj.cancel
          delete obj.busy
          delete obj.reject
          delete obj.answer
          delete obj.offer
        }

        if (obj.video != null) {
          delete obj.renegotiate
          delete obj.keyframeRequest
          delete obj.mute
          delete obj.resume
          delete obj.hold
          delete obj.end
          delete obj.cancel
          delete obj.busy
          delete obj.reject
          delete obj.answer
          delete obj.offer
        }

        if (obj.mute != null) {
          delete obj.renegotiate
          delete obj.keyframeRequest
          delete obj.video
          delete obj.resume
          delete obj.hold
          delete obj.end
          delete obj.cancel
          delete obj.busy
          delete obj.reject
          delete obj.answer
          delete obj.offer
        }

        if (obj.resume != null) {
          delete obj.renegotiate
          delete obj.keyframeRequest
          delete obj.video
          delete obj.mute
          delete obj.hold
          delete obj.end
          delete obj.cancel
          delete obj.busy
          delete obj.reject
          delete obj.answer
          delete obj.offer
        }

        if (obj.hold != null) {
          delete obj.renegotiate
          delete obj.keyframeRequest
          delete obj.video
          delete obj.mute
          delete obj.resume
          delete obj.end
          delete obj.cancel
          delete obj.busy
          delete obj.reject
          delete obj.answer
          delete obj.offer
        }

        if (obj.end != null) {
          delete obj.renegotiate
          delete obj.keyframeRequest
          delete obj.video
          delete obj.mute
          delete obj.resume
          delete obj.hold
          delete obj.cancel
          delete obj.busy
          delete obj.reject
          delete obj.answer
          delete obj.offer
        }

        if (obj.cancel != null) {
          delete obj.renegotiate
          delete obj.keyframeRequest
          delete obj.video
          delete obj.mute
          delete obj.resume
          delete obj.hold
          delete obj.end
          delete obj.busy
          delete obj.reject
          delete obj.answer
          delete obj.offer
        }

        if (obj.busy != null) {
          delete obj.renegotiate
          delete obj.keyframeRequest
          delete obj.video
          delete obj.mute
          delete obj.resume
          delete obj.hold
          delete obj.end
          delete obj.cancel
          delete obj.reject
          delete obj.answer
          delete obj.offer
        }

        if (obj.reject != null) {
          delete obj.renegotiate
          delete obj.keyframeRequest
          delete obj.video
          delete obj.mute
          delete obj.resume
          delete obj.hold
          delete obj.end
          delete obj.cancel
          delete obj.busy
          delete obj.answer
          delete obj.offer
        }

        if (obj.answer != null) {
          delete obj.renegotiate
          delete obj.keyframeRequest
          delete obj.video
          delete obj.mute
          delete obj.resume
          delete obj.hold
          delete obj.end
          delete obj.cancel
          delete obj.busy
          delete obj.reject
          delete obj.offer
        }

        if (obj.offer != null) {
          delete obj.renegotiate
          delete obj.keyframeRequest
          delete obj.video
          delete obj.mute
          delete obj.resume
          delete obj.hold
          delete obj.end
          delete obj.cancel
          delete obj.busy
          delete obj.reject
          delete obj.answer
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.callId`,
                value: reader.string()
              }
              break
            }
            case 10: {
              yield * Offer.codec().stream(reader, reader.uint32(), `${prefix}.offer`, {
                limits: opts.limits?.offer
              })

              break
            }
            case 11: {
              yield * Answer.codec().stream(reader, reader.uint32(), `${prefix}.answer`, {
                limits: opts.limits?.answer
              })

              break
            }
            case 12: {
              yield * Reject.codec().stream(reader, reader.uint32(), `${prefix}.reject`, {
                limits: opts.limits?.reject
              })

              break
            }
            case 13: {
              yield * Busy.codec().stream(reader, reader.uint32(), `${prefix}.busy`, {
                limits: opts.limits?.busy
              })

              break
            }
            case 14: {
              yield * Cancel.codec().stream(reader, reader.uint32(), `${prefix}.cancel`, {
                limits: opts.limits?.cancel
              })

              break
            }
            case 15: {
              yield * End.codec().stream(reader, reader.uint32(), `${prefix}.end`, {
                limits: opts.limits?.end
              })

              break
            }
            case 16: {
              yield * Hold.codec().stream(reader, reader.uint32(), `${prefix}.hold`, {
                limits: opts.limits?.hold
              })

              break
            }
            case 17: {
              yield * Resume.codec().stream(reader, reader.uint32(), `${prefix}.resume`, {
                limits: opts.limits?.resume
              })

              break
            }
            case 18: {
              yield * MuteState.codec().stream(reader, reader.uint32(), `${prefix}.mute`, {
                limits: opts.limits?.mute
              })

              break
            }
            case 19: {
              yield * VideoState.codec().stream(reader, reader.uint32(), `${prefix}.video`, {
                limits: opts.limits?.video
              })

              break
            }
            case 20: {
              yield * KeyframeRequest.codec().stream(reader, reader.uint32(), `${prefix}.keyframeRequest`, {
                limits: opts.limits?.keyframeRequest
              })

              break
            }
            case 21: {
              yield * Renegotiate.codec().stream(reader, reader.uint32(), `${prefix}.renegotiate`, {
                limits: opts.limits?.renegotiate
              })

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

  export interface CallSignalCallIdFieldEvent {
    field: '$.callId'
    value: string
  }

  export interface CallSignalOfferAudioFieldEvent {
    field: '$.offer.audio'
    value: boolean
  }

  export interface CallSignalOfferVideoFieldEvent {
    field: '$.offer.video'
    value: boolean
  }

  export interface CallSignalOfferOpusBitrateBpsFieldEvent {
    field: '$.offer.opus.bitrateBps'
    value: number
  }

  export interface CallSignalOfferOpusFrameMsFieldEvent {
    field: '$.offer.opus.frameMs'
    value: number
  }

  export interface CallSignalOfferOpusFecFieldEvent {
    field: '$.offer.opus.fec'
    value: boolean
  }

  export interface CallSignalOfferOpusStereoFieldEvent {
    field: '$.offer.opus.stereo'
    value: boolean
  }

  export interface CallSignalOfferVp9WidthFieldEvent {
    field: '$.offer.vp9.width'
    value: number
  }

  export interface CallSignalOfferVp9HeightFieldEvent {
    field: '$.offer.vp9.height'
    value: number
  }

  export interface CallSignalOfferVp9FpsFieldEvent {
    field: '$.offer.vp9.fps'
    value: number
  }

  export interface CallSignalOfferVp9BitrateBpsFieldEvent {
    field: '$.offer.vp9.bitrateBps'
    value: number
  }

  export interface CallSignalOfferKeySaltFieldEvent {
    field: '$.offer.keySalt'
    value: Uint8Array<ArrayBuffer>
  }

  export interface CallSignalOfferSentAtMsFieldEvent {
    field: '$.offer.sentAtMs'
    value: bigint
  }

  export interface CallSignalAnswerVideoFieldEvent {
    field: '$.answer.video'
    value: boolean
  }

  export interface CallSignalRejectReasonFieldEvent {
    field: '$.reject.reason'
    value: string
  }

  export interface CallSignalEndReasonFieldEvent {
    field: '$.end.reason'
    value: string
  }

  export interface CallSignalMuteAudioFieldEvent {
    field: '$.mute.audio'
    value: boolean
  }

  export interface CallSignalMuteVideoFieldEvent {
    field: '$.mute.video'
    value: boolean
  }

  export interface CallSignalVideoOnFieldEvent {
    field: '$.video.on'
    value: boolean
  }

  export interface CallSignalRenegotiateVideoFieldEvent {
    field: '$.renegotiate.video'
    value: boolean
  }

  export interface CallSignalRenegotiateWidthFieldEvent {
    field: '$.renegotiate.width'
    value: number
  }

  export interface CallSignalRenegotiateHeightFieldEvent {
    field: '$.renegotiate.height'
    value: number
  }

  export interface CallSignalRenegotiateFpsFieldEvent {
    field: '$.renegotiate.fps'
    value: number
  }

  export function encode (obj: Partial<CallSignal>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, CallSignal.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<CallSignal>): CallSignal {
    return decodeMessage(buf, CallSignal.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<CallSignal>): Generator<CallSignalCallIdFieldEvent | CallSignalOfferAudioFieldEvent | CallSignalOfferVideoFieldEvent | CallSignalOfferOpusBitrateBpsFieldEvent | CallSignalOfferOpusFrameMsFieldEvent | CallSignalOfferOpusFecFieldEvent | CallSignalOfferOpusStereoFieldEvent | CallSignalOfferVp9WidthFieldEvent | CallSignalOfferVp9HeightFieldEvent | CallSignalOfferVp9FpsFieldEvent | CallSignalOfferVp9BitrateBpsFieldEvent | CallSignalOfferKeySaltFieldEvent | CallSignalOfferSentAtMsFieldEvent | CallSignalAnswerVideoFieldEvent | CallSignalRejectReasonFieldEvent | CallSignalEndReasonFieldEvent | CallSignalMuteAudioFieldEvent | CallSignalMuteVideoFieldEvent | CallSignalVideoOnFieldEvent | CallSignalRenegotiateVideoFieldEvent | CallSignalRenegotiateWidthFieldEvent | CallSignalRenegotiateHeightFieldEvent | CallSignalRenegotiateFpsFieldEvent> {
    return streamMessage(buf, CallSignal.codec(), opts)
  }
}
