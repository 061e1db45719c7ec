// A value that changes often (audio level, remote pictures) and that only one or two
// components draw: subscribers get it directly, so the whole app does not re-render
// fifty times a second the way the store would.

export class Signal<T> {
  private readonly listeners = new Set<(v: T) => void>()
  constructor (private current: T) {}

  get value (): T { return this.current }

  set (v: T): void {
    this.current = v
    for (const l of this.listeners) l(v)
  }

  /** Calls `l` with the current value at once, then with every change. */
  subscribe (l: (v: T) => void): () => void {
    this.listeners.add(l)
    l(this.current)
    return () => { this.listeners.delete(l) }
  }
}
