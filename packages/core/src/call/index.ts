// Public API of calls: state machine, signalling codec, glare rule and frame E2EE (docs/protocol.md §3).
export * from './constants.js'
export * from './errors.js'
export * from './call-id.js'
export * from './state-machine.js'
export * from './signal-types.js'
export { encodeCallSignal, decodeCallSignal } from './signal-codec.js'
export { type GlareResolution, resolveGlare } from './glare.js'
export {
  type MediaKind, type FrameKeyInput, type FrameKeys, type FrameSubkeys, MEDIA_KINDS,
  deriveFrameKeys, deriveFrameSubkeys, frameCounter, frameNonce, extendFrameCounter
} from './frame-keys.js'
export { type ReplayVerdict, ReplayWindow } from './replay-window.js'
export {
  type FrameSealerOptions, type FrameSealer, type FrameOpenerOptions, type FrameOpener, createFrameSealer, createFrameOpener
} from './frame-crypto.js'
