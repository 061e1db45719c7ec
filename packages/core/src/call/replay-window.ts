// Sliding-window replay protection (as in SRTP, RFC 3711 §3.3.2, and SFrame): remembers which of
// the last `size` counters up to the highest accepted one have been seen. Counters at or below
// highest − size are too old to tell, so they are refused.

export type ReplayVerdict = 'fresh' | 'duplicate' | 'too-old'

export class ReplayWindow {
  readonly size: number
  private readonly bits: Uint32Array
  /** Bit slots; a multiple of 32 ≥ size, so the counters inside the window never share a slot. */
  private readonly slots: bigint
  private highest: bigint | null = null

  constructor (size: number) {
    this.size = size
    this.bits = new Uint32Array(Math.ceil(size / 32))
    this.slots = BigInt(this.bits.length * 32)
  }

  /** Highest counter accepted so far, or null before the first. */
  get highestCounter (): bigint | null {
    return this.highest
  }

  /** Would `counter` be accepted? Does not change the window. */
  check (counter: bigint): ReplayVerdict {
    if (this.highest === null || counter > this.highest) return 'fresh'
    if (this.highest - counter >= BigInt(this.size)) return 'too-old'
    return this.isSet(counter) ? 'duplicate' : 'fresh'
  }

  /** Marks `counter` as seen; call only after `check` said 'fresh' and the frame authenticated. */
  accept (counter: bigint): void {
    if (this.highest === null || counter > this.highest) {
      const advance = this.highest === null ? this.slots : counter - this.highest
      if (advance >= this.slots) {
        this.bits.fill(0)
      } else {
        // Slots of the counters that now enter the window still hold bits of counters that left it.
        for (let c = (this.highest as bigint) + 1n; c <= counter; c++) this.clear(c)
      }
      this.highest = counter
    }
    this.set(counter)
  }

  private slot (counter: bigint): [number, number] {
    const s = Number(counter % this.slots)
    return [s >>> 5, 1 << (s & 31)]
  }

  private isSet (counter: bigint): boolean {
    const [word, mask] = this.slot(counter)
    return ((this.bits[word] as number) & mask) !== 0
  }

  private set (counter: bigint): void {
    const [word, mask] = this.slot(counter)
    this.bits[word] = (this.bits[word] as number) | mask
  }

  private clear (counter: bigint): void {
    const [word, mask] = this.slot(counter)
    this.bits[word] = (this.bits[word] as number) & ~mask
  }
}
