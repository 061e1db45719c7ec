// Small statistics over recent samples: the stats' medians and the one-way-delay trend.

/** The last `capacity` values of one measurement. */
export class RecentSamples {
  private readonly xs: number[] = []
  constructor (private readonly capacity: number) {}

  push (x: number): void {
    this.xs.push(x)
    if (this.xs.length > this.capacity) this.xs.shift()
  }

  median (): number | null { return median(this.xs) }
}

export function median (xs: readonly number[]): number | null {
  if (xs.length === 0) return null
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? null
}

/** Least-squares slope of (t ms, value ms) pairs, in ms per second; 0 with fewer than 3 points. */
export function slope (pts: ReadonlyArray<readonly [number, number]>): number {
  if (pts.length < 3) return 0
  const n = pts.length
  const mx = pts.reduce((a, p) => a + p[0], 0) / n
  const my = pts.reduce((a, p) => a + p[1], 0) / n
  let num = 0
  let den = 0
  for (const [x, y] of pts) { num += (x - mx) * (y - my); den += (x - mx) ** 2 }
  return den === 0 ? 0 : (num / den) * 1000
}
