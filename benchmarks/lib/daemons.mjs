// Start real `parley` daemon processes for benchmarks (loopback QUIC, free API port).
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ParleyClient } from '@parley/core/ipc'
import WebSocket from 'ws'

export const PARLEY_BIN = fileURLToPath(new URL('../../packages/node-daemon/dist/bin/parley.js', import.meta.url))

export async function startDaemon (extraArgs = []) {
  const home = mkdtempSync(join(tmpdir(), 'parley-bench-'))
  const proc = spawn(process.execPath, [PARLEY_BIN, '--home', home, 'daemon', 'start', '--foreground', '--no-mdns', '--api-port', '0', '--listen', '/ip4/127.0.0.1/udp/0/quic-v1', ...extraArgs], { stdio: 'ignore' })
  let port
  while (port == null) {
    if (proc.exitCode != null) throw new Error(`daemon exited with ${proc.exitCode}`)
    await new Promise(resolve => setTimeout(resolve, 50))
    try { port = Number(readFileSync(join(home, 'api-port'), 'utf8')) } catch {}
  }
  const client = new ParleyClient({ url: `http://127.0.0.1:${port}`, token: readFileSync(join(home, 'api-token'), 'utf8').trim(), WebSocket, timeoutMs: 120_000 })
  await client.connect()
  const status = await client.call('status')
  return {
    home, proc, client, status, peerId: status.peerId, addr: status.listenAddrs[0],
    stop: async () => {
      client.close()
      proc.kill('SIGTERM')
      await new Promise(resolve => proc.once('exit', resolve))
      rmSync(home, { recursive: true, force: true })
    }
  }
}
