// The API of a daemon inside a network namespace, reachable from the test process: the
// test listens on 127.0.0.1:P in its own namespace and hands each connection through a Unix
// socket to ns-forward.mjs inside the namespace, which connects to 127.0.0.1:P there. The
// daemon is started with --api-port P, so the Host header the API checks is right on both sides.
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { connect, createServer } from 'node:net'
import type { Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const FORWARDER = fileURLToPath(new URL('./ns-forward.mjs', import.meta.url))

export interface NsApiBridge {
  port: number
  close: () => void
}

export async function nsApiBridge (ns: string): Promise<NsApiBridge> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-nsapi-'))
  const unixPath = join(dir, 'api.sock')
  const server: Server = createServer(outer => {
    const inner = connect(unixPath)
    outer.pipe(inner).on('error', () => outer.destroy())
    inner.pipe(outer).on('error', () => inner.destroy())
    outer.on('error', () => inner.destroy())
    inner.on('error', () => outer.destroy())
  })
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const a = server.address()
      resolve(typeof a === 'object' && a != null ? a.port : 0)
    })
  })
  const child: ChildProcess = spawn('ip', ['netns', 'exec', ns, process.execPath, FORWARDER, unixPath, String(port)], { stdio: ['ignore', 'pipe', 'pipe'] })
  const close = (): void => {
    server.close()
    child.kill('SIGTERM')
    rmSync(dir, { recursive: true, force: true })
  }
  process.once('exit', () => child.kill('SIGKILL'))
  try {
    await new Promise<void>((resolve, reject) => {
      let err = ''
      child.stderr?.on('data', (d: Buffer) => { err += d.toString() })
      child.stdout?.on('data', (d: Buffer) => { if (d.toString().includes('ready')) resolve() })
      child.once('exit', code => { reject(new Error(`API forwarder in ${ns} exited (${String(code)}): ${err}`)) })
      setTimeout(() => { reject(new Error(`API forwarder in ${ns} did not start: ${err}`)) }, 10_000).unref()
    })
  } catch (err) {
    close()
    throw err
  }
  return { port, close }
}
