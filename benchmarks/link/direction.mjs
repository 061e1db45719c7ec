// One direction of the relay as pure logic: given a packet's arrival time, decide whether
// it is lost or tail-dropped and, if not, when it is due at the far side. No I/O and no
// clock of its own, so the relay (and tests) drive it with whatever time they measure.
//
// Order of the stages, as on a real path: random/bursty loss → bottleneck queue with
// serialisation at rateBps → propagation delay + jitter.
import { GilbertElliott } from './gilbert-elliott.mjs'
import { queueLimitBytes, validatePartialImpairment } from './impairment.mjs'
import { deriveSeed, mulberry32 } from './prng.mjs'

/**
 * @typedef {import('./impairment.mjs').Impairment} Impairment
 *
 * @typedef {object} DirectionStats
 * @property {number} packetsIn
 * @property {number} bytesIn
 * @property {number} packetsOut handed to the socket
 * @property {number} bytesOut
 * @property {number} droppedLoss packets dropped by lossRate or Gilbert–Elliott
 * @property {number} droppedQueue packets tail-dropped at the bottleneck queue
 * @property {number} droppedOther packets discarded for another reason (no client address yet, relay closed)
 * @property {number} queueBytes bytes currently waiting at (or being serialised by) the bottleneck
 * @property {number} inFlightPackets packets accepted but not yet sent on
 * @property {number} meanAddedDelayMs mean time from arrival at the relay to sending on
 * @property {number} maxAddedDelayMs
 * @property {number} meanLatenessMs mean of (actual send time − due time): the relay's own timing error
 * @property {number} maxLatenessMs
 * @property {Impairment} impairment the settings now in force
 */

export class LinkDirection {
  /**
   * @param {string} name "upstream" / "downstream": also names the PRNG streams
   * @param {Impairment} impairment validated full settings
   * @param {number} seed
   */
  constructor (name, impairment, seed) {
    this.name = name
    /** @type {Impairment} */
    this.impairment = { ...impairment }
    this.lossRandom = mulberry32(deriveSeed(seed, `${name}/loss`))
    this.jitterRandom = mulberry32(deriveSeed(seed, `${name}/jitter`))
    // The chain keeps its state across parameter changes, so one is created up front.
    this.ge = new GilbertElliott(impairment.gilbertElliott ?? { pGoodToBad: 0, pBadToGood: 1 }, mulberry32(deriveSeed(seed, `${name}/gilbert-elliott`)))
    /** Time the bottleneck finishes serialising everything accepted so far. */
    this.linkFreeAt = -Infinity
    /** Departure times/sizes of packets still at the bottleneck, FIFO (head index avoids shift()). */
    /** @type {number[]} */ this.qDepart = []
    /** @type {number[]} */ this.qSize = []
    this.qHead = 0
    this.qBytes = 0
    /** Latest due time handed out, to keep FIFO order when reorder is false. */
    this.lastDue = -Infinity
    this.index = 0
    this.counters = { packetsIn: 0, bytesIn: 0, packetsOut: 0, bytesOut: 0, droppedLoss: 0, droppedQueue: 0, droppedOther: 0, inFlightPackets: 0 }
    this.delaySum = 0
    this.delayMax = 0
    this.latenessSum = 0
    this.latenessMax = 0
  }

  /**
   * Applies a partial change (validated here too, since update() is public API).
   * Packets already accepted keep their due times: a change affects later arrivals only.
   * @param {Partial<Impairment>} partial
   */
  apply (partial) {
    const clean = validatePartialImpairment(partial, this.name)
    Object.assign(this.impairment, clean)
    if (clean.gilbertElliott) this.ge.params = clean.gilbertElliott
  }

  /**
   * Handles one arriving packet.
   * @param {number} size payload bytes
   * @param {number} now ms, same clock as the caller's timers
   * @returns {number | 'loss' | 'queue'} due time (ms), or why it was dropped
   */
  admit (size, now) {
    const c = this.counters
    c.packetsIn++
    c.bytesIn += size
    this.index++
    const imp = this.impairment
    // Both loss draws happen for every packet so each PRNG stream stays aligned with the
    // packet index: the same seed drops the same packet numbers whatever the timing.
    const geLost = this.ge.lose() && imp.gilbertElliott !== null
    const randomLost = this.lossRandom() < imp.lossRate
    const jitterDraw = this.jitterRandom()
    if (geLost || randomLost) { c.droppedLoss++; return 'loss' }

    let departAt = now
    if (imp.rateBps !== null) {
      this.#drainBottleneck(now)
      if (this.qBytes > 0 && this.qBytes + size > queueLimitBytes(imp)) { c.droppedQueue++; return 'queue' }
      // Serialisation: the packet starts once the link is free and occupies it size*8/rate.
      departAt = Math.max(now, this.linkFreeAt) + size * 8000 / imp.rateBps
      this.linkFreeAt = departAt
      this.qDepart.push(departAt)
      this.qSize.push(size)
      this.qBytes += size
    }
    let due = departAt + imp.delayMs + jitterDraw * imp.jitterMs
    if (!imp.reorder && due < this.lastDue) due = this.lastDue
    if (due > this.lastDue) this.lastDue = due
    c.inFlightPackets++
    return due
  }

  /**
   * Records that an admitted packet was handed to the socket.
   * @param {number} size
   * @param {number} arrivedAt
   * @param {number} due
   * @param {number} now
   */
  sent (size, arrivedAt, due, now) {
    const c = this.counters
    c.packetsOut++
    c.bytesOut += size
    c.inFlightPackets--
    const delay = now - arrivedAt
    this.delaySum += delay
    if (delay > this.delayMax) this.delayMax = delay
    const late = Math.max(0, now - due)
    this.latenessSum += late
    if (late > this.latenessMax) this.latenessMax = late
  }

  /**
   * A packet counted in but discarded (no destination yet, relay closing).
   * @param {boolean} admitted whether admit() had accepted it
   */
  discarded (admitted) {
    this.counters.droppedOther++
    if (admitted) this.counters.inFlightPackets--
  }

  /** @param {number} now */
  #drainBottleneck (now) {
    while (this.qHead < this.qDepart.length && /** @type {number} */ (this.qDepart[this.qHead]) <= now) {
      this.qBytes -= /** @type {number} */ (this.qSize[this.qHead])
      this.qHead++
    }
    if (this.qHead > 1024 && this.qHead * 2 > this.qDepart.length) {
      this.qDepart = this.qDepart.slice(this.qHead)
      this.qSize = this.qSize.slice(this.qHead)
      this.qHead = 0
    }
  }

  /**
   * @param {number} now
   * @returns {DirectionStats}
   */
  stats (now) {
    this.#drainBottleneck(now)
    const c = this.counters
    return {
      ...c,
      queueBytes: this.qBytes,
      meanAddedDelayMs: c.packetsOut > 0 ? this.delaySum / c.packetsOut : 0,
      maxAddedDelayMs: this.delayMax,
      meanLatenessMs: c.packetsOut > 0 ? this.latenessSum / c.packetsOut : 0,
      maxLatenessMs: this.latenessMax,
      impairment: { ...this.impairment, gilbertElliott: this.impairment.gilbertElliott && { ...this.impairment.gilbertElliott } }
    }
  }
}
