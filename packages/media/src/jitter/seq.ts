/** Signed distance a − b between two u32 sequence numbers, correct across wrap-around. */
export function seqDiff (a: number, b: number): number {
  const d = (a - b) >>> 0
  return d >= 0x8000_0000 ? d - 0x1_0000_0000 : d
}

export function seqAdd (a: number, n: number): number {
  return (a + n) >>> 0
}
