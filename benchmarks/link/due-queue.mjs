// A binary min-heap of packets ordered by due time. The relay keeps one of these and one
// timer for its head instead of a setTimeout per packet: at hundreds of packets per
// second per-packet timers cost CPU and, at Node's 1 ms granularity, buy no precision.

/**
 * @template T
 * @typedef {{ due: number, seq: number, item: T }} DueEntry
 */

/** @template T */
export class DueQueue {
  constructor () {
    /** @type {DueEntry<T>[]} */
    this.heap = []
    /** Insertion counter: ties on due time leave in insertion order (keeps FIFO at equal delays). */
    this.seq = 0
  }

  get size () { return this.heap.length }

  /** @returns {DueEntry<T> | undefined} */
  peek () { return this.heap[0] }

  /**
   * @param {number} due
   * @param {T} item
   */
  push (due, item) {
    const h = this.heap
    h.push({ due, seq: this.seq++, item })
    let i = h.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!before(/** @type {DueEntry<T>} */ (h[i]), /** @type {DueEntry<T>} */ (h[parent]))) break
      swap(h, i, parent)
      i = parent
    }
  }

  /** @returns {DueEntry<T> | undefined} */
  pop () {
    const h = this.heap
    const top = h[0]
    const last = h.pop()
    if (h.length > 0 && last !== undefined) {
      h[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < h.length && before(/** @type {DueEntry<T>} */ (h[l]), /** @type {DueEntry<T>} */ (h[m]))) m = l
        if (r < h.length && before(/** @type {DueEntry<T>} */ (h[r]), /** @type {DueEntry<T>} */ (h[m]))) m = r
        if (m === i) break
        swap(h, i, m)
        i = m
      }
    }
    return top
  }

  clear () { this.heap = [] }
}

/**
 * @param {{ due: number, seq: number }} a
 * @param {{ due: number, seq: number }} b
 */
function before (a, b) {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq)
}

/**
 * @param {unknown[]} h
 * @param {number} i
 * @param {number} j
 */
function swap (h, i, j) {
  const t = h[i]
  h[i] = h[j]
  h[j] = t
}
