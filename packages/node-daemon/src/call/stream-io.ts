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
