// Input generation for the decoder fuzzer. Most inputs are mutations of VALID encodings
// (so they get past a decoder's first checks and reach its deeper ones); the rest are
// random bytes or valid inputs unchanged. Every decision comes from the `rng` passed
// in, so an input is a pure function of (seed corpus, rng seed).

/** Values that sit on the edges of the usual length and range checks. */
const INTERESTING_U8 = [0, 1, 2, 0x7f, 0x80, 0xfe, 0xff]
const INTERESTING_U16 = [0, 1, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xfffe, 0xffff]
const INTERESTING_U32 = [0, 1, 0x7fff_ffff, 0x8000_0000, 0xffff_fffe, 0xffff_ffff]

/** @param {() => number} rng */
export function randInt (rng, n) {
  return Math.floor(rng() * n)
}

/** @template T @param {() => number} rng @param {readonly T[]} list @returns {T} */
export function pick (rng, list) {
  return /** @type {T} */ (list[randInt(rng, list.length)])
}

/** Lengths spread over orders of magnitude: most decoders split on small sizes. */
export function randomLength (rng, maxBytes) {
  const cap = pick(rng, [4, 32, 256, maxBytes])
  return randInt(rng, Math.min(cap, maxBytes) + 1)
}

export function randomBytes (rng, length) {
  const out = new Uint8Array(length)
  for (let i = 0; i < length; i++) out[i] = randInt(rng, 256)
  return out
}

export function concat (...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) { out.set(p, at); at += p.length }
  return out
}

/** Unsigned LEB128, as protobuf writes lengths and tags. */
function varint (value) {
  const out = []
  let v = BigInt(value)
  do {
    let b = Number(v & 0x7fn)
    v >>= 7n
    if (v > 0n) b |= 0x80
    out.push(b)
  } while (v > 0n)
  return Uint8Array.from(out)
}

/** A number near the buffer length or at a type boundary, for overwriting a length field. */
function lengthLike (rng, bytes, max) {
  const near = bytes.length + randInt(rng, 9) - 4
  const choice = randInt(rng, 3)
  if (choice === 0) return Math.max(0, Math.min(max, near))
  if (choice === 1) return randInt(rng, Math.min(max, 4096) + 1)
  return max === 0xff ? pick(rng, INTERESTING_U8) : max === 0xffff ? pick(rng, INTERESTING_U16) : pick(rng, INTERESTING_U32)
}

/**
 * One byte-level mutation. `others` are further valid encodings to splice with.
 * @param {() => number} rng
 * @param {Uint8Array} input
 * @param {readonly Uint8Array[]} others
 * @returns {Uint8Array}
 */
export function mutateBytes (rng, input, others) {
  const b = input.slice()
  const at = b.length > 0 ? randInt(rng, b.length) : 0
  switch (randInt(rng, 11)) {
    case 0: // bit flip
      if (b.length > 0) b[at] ^= 1 << randInt(rng, 8)
      return b
    case 1: // edge-value byte
      if (b.length > 0) b[at] = pick(rng, INTERESTING_U8)
      return b
    case 2: // truncate
      return b.slice(0, randInt(rng, b.length + 1))
    case 3: // extend with random bytes or a copy of itself
      return rng() < 0.5 ? concat(b, randomBytes(rng, 1 + randInt(rng, 32))) : concat(b, b)
    case 4: // insert random bytes
      return concat(b.subarray(0, at), randomBytes(rng, 1 + randInt(rng, 16)), b.subarray(at))
    case 5: { // delete a range
      const n = 1 + randInt(rng, Math.max(1, Math.min(32, b.length - at)))
      return concat(b.subarray(0, at), b.subarray(at + n))
    }
    case 6: { // duplicate a range in place
      const n = 1 + randInt(rng, Math.max(1, Math.min(64, b.length - at)))
      return concat(b.subarray(0, at + n), b.subarray(at, at + n), b.subarray(at + n))
    }
    case 7: { // overwrite a u8/u16/u32 (either byte order) with a length-like value
      const width = pick(rng, [1, 2, 4])
      if (b.length < width) return b
      const pos = randInt(rng, b.length - width + 1)
      const max = width === 1 ? 0xff : width === 2 ? 0xffff : 0xffff_ffff
      const v = lengthLike(rng, b, max)
      const view = new DataView(b.buffer, b.byteOffset, b.byteLength)
      const little = rng() < 0.5
      if (width === 1) view.setUint8(pos, v)
      else if (width === 2) view.setUint16(pos, v, little)
      else view.setUint32(pos, v, little)
      return b
    }
    case 8: { // add or subtract a little from one byte (a length or count off by a few)
      if (b.length > 0) b[at] = (b[at] + randInt(rng, 9) - 4) & 0xff
      return b
    }
    case 9: { // protobuf-style varint (length, tag or value) written over or into the bytes
      const v = varint(pick(rng, [0, 1, 127, 128, 300, 0xffff, 0x7fff_ffff, 0xffff_ffff, 2 ** 53, 2 ** 63, 2 ** 64 - 1]))
      return rng() < 0.5 ? concat(b.subarray(0, at), v, b.subarray(at + v.length)) : concat(b.subarray(0, at), v, b.subarray(at))
    }
    default: { // splice: head of this encoding, tail of another
      const other = others.length > 0 ? pick(rng, others) : b
      return concat(b.subarray(0, at), other.subarray(randInt(rng, other.length + 1)))
    }
  }
}

// ---- JSON structure ----

/** Values of every JSON type, including the ones validators most often forget. */
function randomJsonValue (rng, strings) {
  switch (randInt(rng, 14)) {
    case 0: return null
    case 1: return rng() < 0.5
    case 2: return pick(rng, [0, -0, 1, -1, 2, 0.5, -1.5, 255, 256, 65_535, 65_536, 2 ** 31, 2 ** 32, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e308, -1e308, 5e-324])
    case 3: return randInt(rng, 100_000)
    case 4: return ''
    case 5: return pick(rng, strings)
    case 6: return 'x'.repeat(pick(rng, [63, 64, 65, 256, 4097, 20_000]))
    case 7: return pick(rng, ['__proto__', 'constructor', 'toString', '\u0000', '\ud800', '😀', '12D3KooW', 'b', 'tone:99999', 'wav:/etc/passwd'])
    case 8: return []
    case 9: return {}
    case 10: return [pick(rng, strings), randInt(rng, 10)]
    case 11: return { [pick(rng, strings)]: pick(rng, strings) }
    case 12: { // deep nesting
      let v = /** @type {unknown} */ (null)
      const depth = pick(rng, [16, 256, 1000]) // structuredClone of the next mutation overflows near 2000
      for (let i = 0; i < depth; i++) v = rng() < 0.5 ? [v] : { a: v }
      return v
    }
    default: return Array.from({ length: pick(rng, [2, 100, 300]) }, () => pick(rng, strings))
  }
}

/** Keys that reach Object.prototype when a validator copies members with plain assignment. */
const SPECIAL_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']

/** An own, enumerable member even for `__proto__` (plain assignment would set the prototype). */
function setOwn (obj, key, value) {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true })
}

function memberName (rng, strings) {
  return rng() < 0.1 ? pick(rng, SPECIAL_KEYS) : pick(rng, strings)
}

/** Every [container, key] inside `root` (the root itself sits in a one-slot holder). */
function slots (holder) {
  const out = []
  const walk = (container) => {
    for (const key of Object.keys(container)) {
      out.push([container, key])
      const v = container[key]
      if (v !== null && typeof v === 'object' && out.length < 500) walk(v)
    }
  }
  walk(holder)
  return out
}

/** Every string value and key in `value`, to reuse as plausible replacements. */
export function harvestStrings (values) {
  const set = new Set()
  const walk = (v) => {
    if (typeof v === 'string') set.add(v)
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) { set.add(k); walk(x) }
  }
  for (const v of values) walk(v)
  return [...set]
}

/**
 * One structural mutation of a JSON value: replace, delete, add or rename a member, swap
 * in another seed's subtree, or wrap the value into an array (a JSON-RPC batch).
 * @param {() => number} rng
 * @param {unknown} value a JSON value (not modified)
 * @param {readonly unknown[]} others further valid values
 * @param {readonly string[]} strings strings harvested from the valid values
 */
export function mutateJson (rng, value, others, strings) {
  const holder = { root: structuredClone(value) }
  const all = slots(holder)
  const [container, key] = pick(rng, all)
  const op = randInt(rng, 7)
  if (op === 0 || op === 1) {
    container[key] = randomJsonValue(rng, strings)
  } else if (op === 2 && container !== holder) {
    if (Array.isArray(container)) container.splice(Number(key), 1)
    else delete container[key]
  } else if (op === 3) {
    const target = container[key]
    if (target !== null && typeof target === 'object' && !Array.isArray(target)) setOwn(target, memberName(rng, strings), randomJsonValue(rng, strings))
    else container[key] = randomJsonValue(rng, strings)
  } else if (op === 4) {
    // another valid value's subtree: right types, wrong place (e.g. a ping's fields in a report)
    const donor = slots({ root: structuredClone(pick(rng, others)) })
    const [dc, dk] = pick(rng, donor)
    container[key] = dc[dk]
  } else if (op === 5 && container !== holder && !Array.isArray(container)) {
    const v = container[key]
    delete container[key]
    setOwn(container, memberName(rng, strings), v)
  } else {
    const n = pick(rng, [1, 2, 3, 50, 150])
    holder.root = Array.from({ length: n }, (_, i) => (i === 0 ? holder.root : structuredClone(pick(rng, others))))
  }
  return holder.root
}
