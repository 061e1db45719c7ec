// Decoded DM wire values: what the codecs in codec.ts take and return (the generated dm.pb.ts stays internal).

/** One frame on the DM stream: a ratchet message, plus the session-init until the initiator got a reply. */
export interface DmEnvelope {
  /** Always DM_ENVELOPE_VERSION when decoded; the encoder writes it. */
  version: number
  /** Encoded session-init (66 or 98 bytes), or null once the initiator has decrypted a reply. */
  sessionInit: Uint8Array | null
  /** Encoded ratchet header (40 bytes). */
  header: Uint8Array
  /** AEAD ciphertext of an encoded DmPayload. */
  ciphertext: Uint8Array
}

/** What the encoder needs: the version is implied. */
export type DmEnvelopeInit = Omit<DmEnvelope, 'version' | 'sessionInit'> & { sessionInit?: Uint8Array | null }

export type DmPayloadBody =
  | { kind: 'text', body: string, replyTo?: string }
  | { kind: 'delivered', ids: string[] }
  | { kind: 'read', ids: string[] }
  | { kind: 'typing', active: boolean }
  | { kind: 'delete', ids: string[] }
  /** Opaque to the DM layer; the calls feature defines its contents. */
  | { kind: 'call', signal: Uint8Array }

export type DmPayloadKind = DmPayloadBody['kind']

/** The plaintext of an Envelope. */
export interface DmPayload {
  /** Sender-chosen message id, unique per conversation; receipts and deletes refer to it. */
  id: string
  /** Sender's wall clock at send time (ms since the Unix epoch); informational, never trusted for ordering. */
  sentAtMs: number
  body: DmPayloadBody
}

export const DM_ACK_STATUS = {
  /** Accepted and committed to storage. */
  OK: 'OK',
  /** Already accepted earlier (re-delivery after a lost ack); the sender drops it from its outbox. */
  DUPLICATE: 'DUPLICATE',
  /** Will never be accepted (malformed, undecryptable, blocked); the sender must not retry it as is. */
  REJECTED: 'REJECTED'
} as const

export type DmAckStatus = typeof DM_ACK_STATUS[keyof typeof DM_ACK_STATUS]

/** The receiver's answer to the envelope with the same `seq` on the stream. */
export interface DmAck {
  seq: number
  status: DmAckStatus
  /** Short diagnostic (empty for OK). */
  reason: string
}
