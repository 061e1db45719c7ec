// Public API of calls: state machine, signalling codec, glare rule and frame E2EE (docs/protocol.md §3).
export * from './constants.js'
export * from './errors.js'
export * from './state-machine.js'
export * from './signal-types.js'
export { encodeCallSignal, decodeCallSignal } from './signal-codec.js'
export { type GlareResolution, resolveGlare } from './glare.js'
