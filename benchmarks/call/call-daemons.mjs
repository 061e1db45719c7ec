// Daemon helpers for the call benchmark: like ../lib/daemons.mjs, but the listen address is
// the caller's choice (the relay scenario needs B on one fixed port and nothing else, so A
// cannot learn a direct address of B), the daemon's output goes to a log file kept for
// error reports, and every notification is recorded with the bench process's clock.
import { spawn } from 'node:child_process'
import dgram from 'node:dgram'
import { mkdtempSync, openSync, readFileSync, rmSync, closeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ParleyClient } from '@parley/core/ipc'
import WebSocket from 'ws'
import { PARLEY_BIN } from '../lib/daemons.mjs'

/** Every daemon started and not yet stopped, for an emergency stop (signal handlers). */
export const live = new Set()
let refusing = false
/** From now on startCallDaemon throws instead of spawning (we are shutting down). */
export function refuseNewDaemons () { refusing = true }
export async function stopAllDaemons () { await Promise.allSettled([...live].map(d => d.stop())) }

export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))

/** A UDP port that was free a moment ago on 127.0.0.1. */
export async function freeUdpPort () {
  const s = dgram.createSocket('udp4')
  await new Promise((resolve, reject) => { s.once('error', reject); s.bind(0, '127.0.0.1', resolve) })
  const { port } = s.address()
  await new Promise(resolve => s.close(resolve))
  return port
}

/**
 * @param {object} [o]
 * @param {string} [o.name] label for logs
 * @param {string} [o.listen] listen multiaddr (default QUIC on 127.0.0.1, any port)
 * @param {string[]} [o.args] extra `daemon start` flags
 */
export async function startCallDaemon ({ name = 'daemon', listen = '/ip4/127.0.0.1/udp/0/quic-v1', args = [] } = {}) {
  if (refusing) throw new Error(`${name}: shutting down, not starting another daemon`)
  const home = mkdtempSync(join(tmpdir(), 'parley-callbench-'))
  const logFile = join(home, 'daemon.log')
  const fd = openSync(logFile, 'a')
  const proc = spawn(process.execPath, [PARLEY_BIN, '--home', home, 'daemon', 'start', '--foreground', '--no-mdns', '--api-port', '0', '--listen', listen, ...args], { stdio: ['ignore', fd, fd] })
  closeSync(fd)
  const exited = new Promise(resolve => proc.once('exit', resolve))
  const log = () => { try { return readFileSync(logFile, 'utf8') } catch { return '' } }
  /** One stop, however many callers: they all wait for the same exit and clean-up. */
  let stopping = null
  const stop = () => (stopping ??= (async () => {
    try { d.client?.close() } catch {}
    if (proc.exitCode == null && proc.signalCode == null) {
      proc.kill('SIGTERM')
      const t = setTimeout(() => { try { proc.kill('SIGKILL') } catch {} }, 5000)
      await exited
      clearTimeout(t)
    }
    rmSync(home, { recursive: true, force: true })
    live.delete(d)
  })())
  const d = { name, home, proc, client: null, status: null, peerId: null, addr: null, events: [], log, stop }
  live.add(d)
  try {
    let port
    const deadline = Date.now() + 30_000
    while (port == null) {
      if (proc.exitCode != null) throw new Error(`${name} exited with ${proc.exitCode}:\n${log().slice(-2000)}`)
      if (Date.now() > deadline) throw new Error(`${name} did not write its API port within 30 s:\n${log().slice(-2000)}`)
      await sleep(50)
      // the file can be there but still empty: Number('') is 0
      try { const v = Number(readFileSync(join(home, 'api-port'), 'utf8')); if (Number.isInteger(v) && v > 0) port = v } catch {}
    }
    d.client = new ParleyClient({ url: `http://127.0.0.1:${port}`, token: readFileSync(join(home, 'api-token'), 'utf8').trim(), WebSocket, timeoutMs: 60_000 })
    await d.client.connect()
    d.client.on('call.state', s => { d.events.push({ t: performance.now(), type: 'state', state: s.state, callId: s.callId, info: s }) })
    d.client.on('call.incoming', s => { d.events.push({ t: performance.now(), type: 'incoming', state: s.state, callId: s.callId, info: s }) })
    d.status = await d.client.call('status')
    d.peerId = d.status.peerId
    d.addr = d.status.listenAddrs.find(a => a.includes('/quic-v1')) ?? d.status.listenAddrs[0]
    return d
  } catch (err) {
    await stop()
    throw err
  }
}

/** Resolves with the first event (now or later) matching pred, or rejects after timeoutMs. */
export async function waitEvent (d, pred, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const e = d.events.find(pred)
    if (e != null) return e
    if (Date.now() > deadline) throw new Error(`${d.name}: timed out after ${timeoutMs} ms waiting for ${what}; events: ${JSON.stringify(d.events.map(x => `${x.type}:${x.state}`))}`)
    await sleep(10)
  }
}

export async function waitFor (fn, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const v = await fn()
    if (v) return v
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(100)
  }
}

/** Hang up whatever call a daemon has (ignoring errors) and wait until both are idle. */
export async function ensureIdle (daemons, timeoutMs = 10_000) {
  for (const d of daemons) {
    if (await d.client.call('call.current').catch(() => null) != null) await d.client.call('call.hangup', {}).catch(() => {})
  }
  await waitFor(async () => {
    for (const d of daemons) if (await d.client.call('call.current').catch(() => null) != null) return false
    return true
  }, timeoutMs, 'both daemons idle')
}
