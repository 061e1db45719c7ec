// Bursty loss: the two-state Gilbert–Elliott channel. Real paths lose packets in runs
// (a queue overflowing, a Wi-Fi fade), which hurts QUIC and media far more than the
// same average loss spread uniformly; this model reproduces that with four numbers.

/**
 * @typedef {object} GilbertElliottParams
 * @property {number} pGoodToBad per-packet probability of moving from Good to Bad
 * @property {number} pBadToGood per-packet probability of moving from Bad to Good (mean Bad run = 1/pBadToGood packets)
 * @property {number} [lossInGood] loss probability while Good (default 0)
 * @property {number} [lossInBad] loss probability while Bad (default 1)
 */

export class GilbertElliott {
  /**
   * @param {GilbertElliottParams} params already validated
   * @param {() => number} random uniform [0, 1)
   */
  constructor (params, random) {
    this.params = params
    this.random = random
    /** Starts Good: a scenario should not open with a burst. */
    this.bad = false
  }

  /**
   * Decides the fate of one packet, then steps the chain. Always draws exactly two
   * numbers so the stream stays aligned with the packet index whatever the outcome.
   * @returns {boolean} true if the packet is lost
   */
  lose () {
    const p = this.params
    const lossP = this.bad ? (p.lossInBad ?? 1) : (p.lossInGood ?? 0)
    const lost = this.random() < lossP
    const flip = this.random() < (this.bad ? p.pBadToGood : p.pGoodToBad)
    if (flip) this.bad = !this.bad
    return lost
  }
}

/**
 * Long-run loss rate of the chain: π_bad·lossInBad + π_good·lossInGood with
 * π_bad = pGoodToBad / (pGoodToBad + pBadToGood). Used to document scenarios.
 * @param {GilbertElliottParams} p
 * @returns {number}
 */
export function expectedLossRate (p) {
  const sum = p.pGoodToBad + p.pBadToGood
  const piBad = sum === 0 ? 0 : p.pGoodToBad / sum
  return piBad * (p.lossInBad ?? 1) + (1 - piBad) * (p.lossInGood ?? 0)
}
