import { fromNativeError } from '../errors.js'

/**
 * Runs codec operations one at a time, in call order. A codec's state is
 * sequential (each frame depends on the last), and the addon refuses to close
 * while a job is in flight, so every operation goes through here.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve()
  private pending = 0

  get size (): number {
    return this.pending
  }

  run<T>(op: () => Promise<T> | T, signal?: AbortSignal): Promise<T> {
    this.pending++
    const result = this.tail.then(async () => {
      signal?.throwIfAborted()
      try {
        return await op()
      } catch (err) {
        throw fromNativeError(err)
      }
    })
    const settle = (): void => { this.pending-- }
    this.tail = result.then(settle, settle)
    return result
  }

  /** Resolves once everything queued so far has settled. */
  async drain (): Promise<void> {
    await this.tail
  }
}

/** Calls a synchronous addon method and maps its error to the typed class. */
export function callNative<T> (op: () => T): T {
  try {
    return op()
  } catch (err) {
    throw fromNativeError(err)
  }
}
