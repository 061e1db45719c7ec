// Small helpers over libp2p 3's event-based streams.
import type { Stream } from '@libp2p/interface'

export function chunkBytes (data: Uint8Array | { subarray: () => Uint8Array }): Uint8Array {
  return data instanceof Uint8Array ? data : data.subarray()
}

/** Calls `onData` for every chunk and `onEnd` once when the stream closes for any reason. */
export function onStreamData (stream: Stream, onData: (bytes: Uint8Array) => void, onEnd: (err?: Error) => void): void {
  let ended = false
  const end = (err?: Error): void => { if (!ended) { ended = true; onEnd(err) } }
  stream.addEventListener('message', (evt) => {
    try {
      onData(chunkBytes(evt.data))
    } catch (err) {
      stream.abort(err as Error)
      end(err as Error)
    }
  })
  stream.addEventListener('remoteCloseWrite', () => { end() })
  stream.addEventListener('close', (evt) => { end((evt as unknown as { error?: Error }).error) })
}

/** Bytes written but not yet handed to the transport. */
export function queuedBytes (stream: Stream): number {
  return stream.writeBufferLength ?? 0
}

/**
 * End our side of a stream: a graceful close (what is queued still goes out), aborted
 * if it has not finished within `timeoutMs` — a peer that stopped reading must not keep
 * the stream, and its slot in libp2p's per-protocol stream limit, alive.
 */
export async function closeOrAbort (stream: Stream, timeoutMs: number): Promise<void> {
  if (stream.status === 'closed' || stream.status === 'aborted' || stream.status === 'reset') return
  try {
    await stream.close({ signal: AbortSignal.timeout(timeoutMs) })
  } catch {
    stream.abort(new Error('stream did not close in time'))
  }
}

/**
 * Media streams are one-way: the side that accepts one closes its own writable end at
 * once. libp2p frees a stream only when both ends have closed for writing, so without
 * this every stream stays half-open on the sender's side and counts against the
 * protocol's outbound limit until the connection ends (docs/protocol.md §4 "Stream lifetime").
 */
export function acceptOneWay (stream: Stream): void {
  stream.close().catch(() => { stream.abort(new Error('half-close failed')) })
}
