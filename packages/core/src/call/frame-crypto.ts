// Per-frame E2EE of media, in the spirit of SFrame (RFC 9605): ChaCha20-Poly1305 with a nonce
// derived from a per-key salt and the frame counter, the clear media header as associated data,
// and a sliding replay window on the receiving side. Keys come from frame-keys.ts.
//
// Why ChaCha20-Poly1305 and not AES-256-GCM: it measured 2–5 times faster with @noble/ciphers
// for audio and video frames (docs/protocol.md §3.4, from benchmarks/call/frame-crypto-bench.mjs),
// and ChaCha has no table lookups, so it is constant-time in pure JS where table-based AES is not.
// WebCrypto's AES-GCM is async only, which would put a promise on every frame of the media path.
// Same primitive as the DM layer.
import { chacha20poly1305 } from '@noble/ciphers/chacha.js'
import { DEFAULT_REPLAY_WINDOW, FRAME_TAG_BYTES, MAX_REPLAY_WINDOW } from './constants.js'
import { FrameArgumentError, FrameAuthError, FrameCounterReuseError, FrameReplayError } from './errors.js'
import { deriveFrameSubkeys, frameCounter, frameNonce, type MediaKind } from './frame-keys.js'
import { ReplayWindow } from './replay-window.js'

export interface FrameSealerOptions {
  /** Frame key of this side's sending direction (`deriveFrameKeys(...).sendKey`). */
  key: Uint8Array
  kind: MediaKind
}

export interface FrameSealer {
  readonly kind: MediaKind
  /** Bytes seal() adds to the payload (the Poly1305 tag). */
  readonly overheadBytes: number
  /**
   * ciphertext ‖ tag of `payload`, authenticating `header`. `seq` is the frame's 64-bit counter:
   * it must be above every counter this sealer used before (else FrameCounterReuseError), so keep
   * counting across reconnects and u32 wrap-around instead of restarting at the wire seq.
   */
  seal: (header: Uint8Array, seq: number | bigint, payload: Uint8Array) => Uint8Array
}

export interface FrameOpenerOptions {
  /** Frame key of this side's receiving direction (`deriveFrameKeys(...).recvKey`). */
  key: Uint8Array
  kind: MediaKind
  /** Counters remembered for replay detection, 1..MAX_REPLAY_WINDOW; default DEFAULT_REPLAY_WINDOW (1024). */
  replayWindow?: number
}

export interface FrameOpener {
  readonly kind: MediaKind
  /** Highest counter accepted so far (null before the first frame): the reference for extendFrameCounter. */
  readonly highestCounter: bigint | null
  /**
   * The payload of an authentic, fresh frame. Throws FrameReplayError if `seq` was already accepted
   * or is older than the window, FrameAuthError if the frame does not authenticate. Only an authentic
   * frame moves the window, so forged frames cannot push genuine ones out of it.
   */
  open: (header: Uint8Array, seq: number | bigint, sealed: Uint8Array) => Uint8Array
}

function checkBytes (what: string, v: unknown): void {
  if (!(v instanceof Uint8Array)) throw new FrameArgumentError(`${what} must be a Uint8Array`)
}

export function createFrameSealer (options: FrameSealerOptions): FrameSealer {
  const { aeadKey, nonceSalt } = deriveFrameSubkeys(options.key, options.kind)
  let last: bigint | null = null
  return {
    kind: options.kind,
    overheadBytes: FRAME_TAG_BYTES,
    seal (header, seq, payload) {
      checkBytes('header', header)
      checkBytes('payload', payload)
      const counter = frameCounter(seq)
      if (last !== null && counter <= last) throw new FrameCounterReuseError(`frame counter ${counter} is not above the last one sealed (${last})`)
      last = counter
      return chacha20poly1305(aeadKey, frameNonce(nonceSalt, counter), header).encrypt(payload)
    }
  }
}

export function createFrameOpener (options: FrameOpenerOptions): FrameOpener {
  const { aeadKey, nonceSalt } = deriveFrameSubkeys(options.key, options.kind)
  const size = options.replayWindow ?? DEFAULT_REPLAY_WINDOW
  if (!Number.isInteger(size) || size < 1 || size > MAX_REPLAY_WINDOW) throw new FrameArgumentError(`replay window must be 1..${MAX_REPLAY_WINDOW}, got ${size}`)
  const window = new ReplayWindow(size)
  return {
    kind: options.kind,
    get highestCounter () {
      return window.highestCounter
    },
    open (header, seq, sealed) {
      checkBytes('header', header)
      checkBytes('sealed frame', sealed)
      const counter = frameCounter(seq)
      const verdict = window.check(counter)
      if (verdict !== 'fresh') throw new FrameReplayError(`frame counter ${counter} is ${verdict === 'duplicate' ? 'a duplicate' : 'older than the replay window'}`)
      if (sealed.length < FRAME_TAG_BYTES) throw new FrameAuthError('sealed frame is shorter than the authentication tag')
      let payload: Uint8Array
      try {
        payload = chacha20poly1305(aeadKey, frameNonce(nonceSalt, counter), header).decrypt(sealed)
      } catch (err) {
        throw new FrameAuthError('frame authentication failed', { cause: err })
      }
      window.accept(counter)
      return payload
    }
  }
}
