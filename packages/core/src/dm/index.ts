// Public API of the DM wire format: protocol id, limits, typed errors and the strict codecs.
export * from './constants.js'
export * from './errors.js'
export {
  type DmEnvelope, type DmEnvelopeInit, type DmPayload, type DmPayloadBody, type DmPayloadKind, type DmAck, type DmAckStatus,
  DM_ACK_STATUS
} from './types.js'
export { encodeEnvelope, decodeEnvelope, encodePayload, decodePayload, encodeAck, decodeAck } from './codec.js'
