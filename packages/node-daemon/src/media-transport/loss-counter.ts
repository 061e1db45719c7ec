// Network loss of a media stream from the sequence numbers that arrive: a frame counts as
// lost once it is `graceFrames` behind the newest one and still has not come. Counting gaps
// at once would count every frame still being retransmitted, and the ABR would read jitter
// (or a frame waiting for its redundant copy) as loss.
import { seqAdd, seqDiff } from '@parley/media'

/** Beyond this many frames ahead, a jump is the sender skipping ahead, not loss. */
const MAX_JUMP_WINDOWS = 50

export class ArrivalLossCounter {
  private readonly unsettled = new Set<number>()
  private settledUpTo: number | null = null
  private highest: number | null = null
  private lostCount = 0

  constructor (private readonly graceFrames: number) {}

  /** Frames counted lost so far. */
  get lost (): number { return this.lostCount }

  push (seq: number): void {
    if (this.settledUpTo == null || this.highest == null) { this.settledUpTo = seqAdd(seq, -1); this.highest = seq }
    if (seqDiff(seq, this.settledUpTo) <= 0) return // settled already (counted lost, then came)
    this.unsettled.add(seq)
    if (seqDiff(seq, this.highest) > 0) this.highest = seq
    if (seqDiff(this.highest, this.settledUpTo) > MAX_JUMP_WINDOWS * this.graceFrames) {
      this.settledUpTo = seqAdd(this.highest, -this.graceFrames)
      for (const u of this.unsettled) if (seqDiff(u, this.settledUpTo) <= 0) this.unsettled.delete(u)
    }
    while (seqDiff(this.highest, this.settledUpTo) > this.graceFrames) {
      this.settledUpTo = seqAdd(this.settledUpTo, 1)
      if (!this.unsettled.delete(this.settledUpTo)) this.lostCount++
    }
  }
}
