// Typing indicators both ways: the peer's, shown until "stopped" or TYPING_EXPIRE_MS (in
// case "stopped" got lost), and ours, sent at most once per TYPING_RESEND_MS while the user
// types and "stopped" after TYPING_IDLE_MS without a keystroke.
import { store } from './store.js'

/** Resend "typing" this often while the user keeps typing; the peer expires it otherwise. */
const TYPING_RESEND_MS = 3_000
const TYPING_IDLE_MS = 4_000
/** A typing indicator whose "stopped" got lost disappears after this long. */
const TYPING_EXPIRE_MS = 6_000

export class Typing {
  private readonly expiry = new Map<string, ReturnType<typeof setTimeout>>()
  private sentAt = 0
  private idle: ReturnType<typeof setTimeout> | undefined

  /** `send` delivers our indicator; its failure does not matter (a typing indicator is never queued). */
  constructor (private readonly send: (peerId: string, active: boolean) => void) {}

  /** The peer started or stopped typing. */
  remote (peerId: string, active: boolean): void {
    clearTimeout(this.expiry.get(peerId))
    if (active) this.expiry.set(peerId, setTimeout(() => { this.remote(peerId, false) }, TYPING_EXPIRE_MS))
    store.update(s => ({ typing: { ...s.typing, [peerId]: active } }))
  }

  /** Called on every keystroke in the composer. */
  keystroke (peerId: string): void {
    const now = Date.now()
    if (now - this.sentAt > TYPING_RESEND_MS) {
      this.sentAt = now
      this.send(peerId, true)
    }
    clearTimeout(this.idle)
    this.idle = setTimeout(() => { this.stop(peerId) }, TYPING_IDLE_MS)
  }

  /** The user stopped (idle, or sent the message). */
  stop (peerId: string): void {
    clearTimeout(this.idle)
    if (this.sentAt === 0) return
    this.sentAt = 0
    this.send(peerId, false)
  }
}
