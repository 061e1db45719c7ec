// Testnet of real daemon processes on loopback, each with its own data dir.
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ParleyClient } from '@parley/core/ipc'
import type { StatusResult, WebSocketConstructor } from '@parley/core/ipc'
import WebSocket from 'ws'
import { spawnForeground } from './cli.js'
import type { CliOptions } from './cli.js'
import { nsApiBridge } from './ns-api.js'
import type { NsApiBridge } from './ns-api.js'

export const LOOPBACK_QUIC = '/ip4/127.0.0.1/udp/0/quic-v1'
export const LOOPBACK_TCP = '/ip4/127.0.0.1/tcp/0'

export interface TestDaemon {
  home: string
  proc: ChildProcess
  client: ParleyClient
  token: string
  port: number
  status: StatusResult
  /** Full multiaddr others can bootstrap from / dial. */
  addr: string
  peerId: string
  /** Graceful stop (SIGTERM); resolves with the exit code. */
  stop: () => Promise<number | null>
  kill: () => void
  logs: () => string
}

export function makeHome (prefix = 'parley-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

export interface StartDaemonOptions extends CliOptions {
  home?: string
  args?: string[]
  /** Default: QUIC on loopback, no mDNS, API on a free port. */
  defaults?: boolean
  /** With `netns`: reach the daemon's API from the test anyway (ns-api.ts), for a full TestDaemon. Default false. */
  nsApi?: boolean
}

export async function startTestDaemon (opts: StartDaemonOptions = {}): Promise<TestDaemon> {
  const home = opts.home ?? makeHome()
  const bridge: NsApiBridge | undefined = opts.netns != null && opts.nsApi === true ? await nsApiBridge(opts.netns) : undefined
  const args = [...((opts.defaults ?? true) ? ['--listen', LOOPBACK_QUIC, '--no-mdns', '--api-port', '0'] : []), ...(opts.args ?? []), ...(bridge != null ? ['--api-port', String(bridge.port)] : [])]
  // a daemon killed with -9 left its api-port behind; don't read the old one
  rmSync(join(home, 'api-port'), { force: true })
  const proc = spawnForeground(home, args, opts)
  let out = ''
  proc.stdout?.on('data', (d: Buffer) => { out += d.toString() })
  proc.stderr?.on('data', (d: Buffer) => { out += d.toString() })
  const exited = new Promise<number | null>(resolve => proc.once('exit', code => { bridge?.close(); resolve(code) }))

  const deadline = Date.now() + 30_000
  let port: number | undefined
  let token = ''
  while (Date.now() < deadline) {
    if (proc.exitCode != null) throw new Error(`daemon exited (${proc.exitCode}) during start-up:\n${out}`)
    try {
      port = Number.parseInt(readFileSync(join(home, 'api-port'), 'utf8'), 10)
      token = readFileSync(join(home, 'api-token'), 'utf8').trim()
      if (Number.isInteger(port)) break
    } catch {}
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  if (port == null || (opts.netns != null && bridge == null)) {
    // Inside a netns the test process cannot reach the daemon's loopback: callers use the CLI.
    return partial(home, proc, exited, () => out, port ?? 0, token)
  }
  const client = new ParleyClient({ url: `http://127.0.0.1:${port}`, token, WebSocket: WebSocket as unknown as WebSocketConstructor })
  const status = await client.call('status')
  const addr = status.listenAddrs[0] ?? ''
  return {
    home, proc, client, token, port, status, addr, peerId: status.peerId,
    stop: async () => { proc.kill('SIGTERM'); return await exited },
    kill: () => { proc.kill('SIGKILL') },
    logs: () => out
  }
}

function partial (home: string, proc: ChildProcess, exited: Promise<number | null>, logs: () => string, port: number, token: string): TestDaemon {
  return {
    home, proc, token, port, logs,
    client: undefined as unknown as ParleyClient,
    status: undefined as unknown as StatusResult,
    addr: '',
    peerId: '',
    stop: async () => { proc.kill('SIGTERM'); return await exited },
    kill: () => { proc.kill('SIGKILL') }
  }
}

/** Stop every daemon and delete the data dirs. */
export async function teardown (daemons: Array<TestDaemon | undefined>): Promise<void> {
  await Promise.all(daemons.map(async d => {
    if (d == null) return
    d.client?.close()
    if (d.proc.exitCode == null && d.proc.signalCode == null) {
      const t = setTimeout(() => d.kill(), 10_000)
      await d.stop()
      clearTimeout(t)
    }
    rmSync(d.home, { recursive: true, force: true })
  }))
}

export async function waitFor<T> (fn: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 20_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let lastErr: unknown
  while (Date.now() < deadline) {
    try {
      const v = await fn()
      if (v !== undefined && v !== false) return v
    } catch (err) { lastErr = err }
    await new Promise(resolve => setTimeout(resolve, intervalMs))
  }
  throw new Error(`timed out waiting for ${what}${lastErr != null ? `: ${(lastErr as Error).message}` : ''}`)
}
