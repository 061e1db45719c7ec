// Protocol id and limits of the DM wire format (docs/protocol.md, "DM wire format").
import { DM_AEAD_TAG_BYTES, RATCHET_HEADER_BYTES } from '../crypto/constants.js'

/** libp2p protocol id of the DM stream. A new wire format gets a new id, never a silent change. */
export const DM_PROTOCOL = '/parley/dm/1.0.0'
/** The only `Envelope.version` this code reads or writes. */
export const DM_ENVELOPE_VERSION = 1

/** Largest encoded Envelope accepted; checked before parsing so a peer cannot make us allocate more. */
export const MAX_ENVELOPE_BYTES = 64 * 1024
/** Largest text body in UTF-8 bytes; leaves room in the envelope for the other fields and AEAD overhead. */
export const MAX_TEXT_BODY_BYTES = 16 * 1024
/** Longest message id (UTF-16 code units; ids are ASCII in practice). Ids are database keys and cross IPC. */
export const MAX_MESSAGE_ID_LENGTH = 64
/** Most ids in one delivered / read receipt or delete; senders split longer lists. */
export const MAX_RECEIPT_IDS = 256
/** Largest encoded Ack; an ack only carries a sequence number, a status and a short reason. */
export const MAX_ACK_BYTES = 1024
/** Longest Ack reason in UTF-8 bytes: a diagnostic for logs, not a channel for data. */
export const MAX_ACK_REASON_BYTES = 256

/** Envelope.header is the ratchet header, always exactly this long. */
export const ENVELOPE_HEADER_BYTES = RATCHET_HEADER_BYTES
/** Session-init lengths: identity-only (66) and with the responder's signed prekey (98). */
export const SESSION_INIT_BYTES = [66, 98] as const
/** A ciphertext always carries the AEAD tag, so anything shorter cannot open. */
export const MIN_CIPHERTEXT_BYTES = DM_AEAD_TAG_BYTES
