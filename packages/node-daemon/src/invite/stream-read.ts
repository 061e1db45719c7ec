// Reading a fixed number of bytes from a libp2p 3 stream (event-based), with a deadline.
import type { Stream } from '@libp2p/interface'
import { chunkBytes } from '../media-transport/stream-io.js'

/** Resolves with exactly n bytes (more is an error: the protocol sends no more); rejects on timeout or end of stream. */
export async function readExactly (stream: Stream, n: number, timeoutMs: number): Promise<Uint8Array> {
  return await new Promise<Uint8Array>((resolve, reject) => {
    const buf = new Uint8Array(n)
    let got = 0
    const done = (err?: Error): void => {
      clearTimeout(timer)
      stream.removeEventListener('message', onMessage as never)
      stream.removeEventListener('close', onClose)
      if (err != null) reject(err)
      else resolve(buf)
    }
    const onMessage = (evt: { data: Uint8Array | { subarray: () => Uint8Array } }): void => {
      const chunk = chunkBytes(evt.data)
      if (got + chunk.length > n) { done(new Error(`expected ${n} bytes, got more`)); return }
      buf.set(chunk, got)
      got += chunk.length
      if (got === n) done()
    }
    const onClose = (): void => { done(new Error(`the stream ended after ${got} of ${n} bytes`)) }
    const timer = setTimeout(() => { done(new Error(`no ${n} bytes within ${timeoutMs} ms`)) }, timeoutMs)
    stream.addEventListener('message', onMessage as never)
    stream.addEventListener('close', onClose)
  })
}
