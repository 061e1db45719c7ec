import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { NativeAddonNotBuiltError } from '../errors.js'

/** Shape of build/Release/parley_media.node (see native/*.cc). Internal: use the codec classes. */
export interface NativeOpusEncoder {
  encodeSync: (pcm: Int16Array) => Uint8Array
  encode: (pcm: Int16Array) => Promise<Uint8Array>
  ctl: (request: number, value: number) => void
  lookahead: () => number
  close: () => void
}

export interface NativeOpusDecoder {
  decodeSync: (packet: Uint8Array | null, fec: boolean, frameSamples: number) => Int16Array
  decode: (packet: Uint8Array | null, fec: boolean, frameSamples: number) => Promise<Int16Array>
  close: () => void
}

export interface NativeVp9Packet {
  data: Uint8Array
  keyframe: boolean
  temporalLayer: number
  pts: number
  width: number
  height: number
}

export interface NativeVp9Settings {
  width: number
  height: number
  frameRate: number
  bitrateKbps: number
  cpuUsed: number
  threads: number
  minQuantizer: number
  maxQuantizer: number
  keyframeInterval: number
  errorResilient: boolean
  temporalLayers: number
  dropFrameThreshold: number
}

export interface NativeVp9Encoder {
  encodeSync: (i420: Uint8Array, width: number, height: number, pts90k: number, keyframe: boolean) => NativeVp9Packet[]
  encode: (i420: Uint8Array, width: number, height: number, pts90k: number, keyframe: boolean) => Promise<NativeVp9Packet[]>
  setBitrate: (kbps: number) => void
  forceKeyframe: () => void
  close: () => void
}

export interface NativeDecodedPicture {
  data: Uint8Array
  width: number
  height: number
}

export interface NativeVp9Decoder {
  decodeSync: (packet: Uint8Array) => NativeDecodedPicture | null
  decode: (packet: Uint8Array) => Promise<NativeDecodedPicture | null>
  close: () => void
}

export interface NativeAddon {
  versions: () => { opus: string, vpx: string }
  OpusEncoder: new (channels: number, application: number, ctls: Array<[number, number]>) => NativeOpusEncoder
  OpusDecoder: new (channels: number) => NativeOpusDecoder
  Vp9Encoder: new (settings: NativeVp9Settings) => NativeVp9Encoder
  Vp9Decoder: new (threads: number) => NativeVp9Decoder
  opusConstants: {
    SET_BITRATE: number
    SET_COMPLEXITY: number
    SET_INBAND_FEC: number
    SET_PACKET_LOSS_PERC: number
    SET_DTX: number
    SET_VBR: number
    SET_SIGNAL: number
    APPLICATION_VOIP: number
    APPLICATION_AUDIO: number
  }
}

// dist/native/addon.js → packages/media/build/Release
const ADDON_PATH = fileURLToPath(new URL('../../build/Release/parley_media.node', import.meta.url))

let cached: NativeAddon | undefined

/** Loads the addon once; throws NativeAddonNotBuiltError with the fix if it is missing. */
export function loadAddon (): NativeAddon {
  if (cached !== undefined) return cached
  if (!existsSync(ADDON_PATH)) {
    throw new NativeAddonNotBuiltError(
      `media addon not built (${ADDON_PATH} missing): run "npm run build:native -w packages/media"`)
  }
  try {
    cached = createRequire(import.meta.url)(ADDON_PATH) as NativeAddon
  } catch (err) {
    throw new NativeAddonNotBuiltError(`media addon failed to load from ${ADDON_PATH}`, { cause: err })
  }
  return cached
}

export function codecVersions (): { opus: string, vpx: string } {
  return loadAddon().versions()
}
