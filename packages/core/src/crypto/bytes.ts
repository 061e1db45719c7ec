// Small byte helpers shared by the DM crypto; Uint8Array only so the code also runs in browsers.

export function concatBytes (...parts: Uint8Array[]): Uint8Array {
  let len = 0
  for (const p of parts) len += p.length
  const out = new Uint8Array(len)
  let off = 0
  for (const p of parts) {
    out.set(p, off)
    off += p.length
  }
  return out
}

/** Equality whose running time does not depend on where the first difference is. */
export function equalBytes (a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number)
  return diff === 0
}

/** Constant-time all-zero test, used to reject degenerate DH outputs. */
export function isAllZero (a: Uint8Array): boolean {
  let acc = 0
  for (let i = 0; i < a.length; i++) acc |= a[i] as number
  return acc === 0
}

/** Lexicographic byte order, used for deterministic tie-breaks between identities. */
export function compareBytes (a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number)
    if (d !== 0) return d
  }
  return a.length - b.length
}

const encoder = new TextEncoder()
export function utf8 (s: string): Uint8Array {
  return encoder.encode(s)
}

export function toHex (b: Uint8Array): string {
  let s = ''
  for (let i = 0; i < b.length; i++) s += (b[i] as number).toString(16).padStart(2, '0')
  return s
}

export function fromHex (hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new TypeError('invalid hex string')
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return out
}
