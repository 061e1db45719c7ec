// Seeded randomness for the link emulator. Every random decision (loss, burst state,
// jitter) comes from here so that a scenario replays identically from its seed.

/**
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit state PRNG, one add and a few
 * multiply/xor-shifts per draw. Period 2^32, passes the usual smoke tests (gjrand,
 * PractRand to ~2^30) — plenty for loss/jitter emulation, and tiny enough to audit.
 * @param {number} seed any number; only its low 32 bits are used
 * @returns {() => number} uniform floats in [0, 1)
 */
export function mulberry32 (seed) {
  let a = seed >>> 0
  return function next () {
    a = (a + 0x6D2B79F5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Derives an independent 32-bit seed for a named stream ("upstream/loss", …) from the
 * scenario seed. Separate streams mean that, say, turning jitter on does not shift the
 * loss pattern: loss decisions depend only on (seed, direction, packet index).
 * FNV-1a over the label, mixed with the seed, then murmur3's fmix32 finaliser.
 * @param {number} seed
 * @param {string} label
 * @returns {number}
 */
export function deriveSeed (seed, label) {
  let h = 0x811C9DC5 ^ (seed >>> 0)
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  h ^= h >>> 16
  h = Math.imul(h, 0x85EBCA6B)
  h ^= h >>> 13
  h = Math.imul(h, 0xC2B2AE35)
  h ^= h >>> 16
  return h >>> 0
}
