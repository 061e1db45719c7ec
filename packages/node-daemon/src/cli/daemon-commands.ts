// `parley daemon start|stop`: run in the foreground, or spawn a detached copy of this
// CLI in --foreground mode and wait until it answers on the IPC API.
import { spawn } from 'node:child_process'
import { closeSync, openSync, readFileSync, statSync, unlinkSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { loadConfig } from '../config/load.js'
import type { Config, ConfigInput } from '../config/schema.js'
import { DAEMON_START_TIMEOUT_MS, DAEMON_STOP_TIMEOUT_MS } from '../constants.js'
import { readApiPort, startDaemon } from '../daemon.js'
import { DaemonNotRunningError, DaemonRunningError, ParleyError } from '../errors.js'
import { ensurePrivateDir } from '../fs-private.js'
import { loadOrCreateIdentity } from '../identity.js'
import { createLogger, fileSink } from '../logger.js'
import { dataPaths } from '../paths.js'
import { isProcessAlive, runningDaemonPid } from '../pid-lock.js'
import { connectToDaemon } from './context.js'
import { askDbPassphrase } from './passphrase-commands.js'

export interface StartFlags extends ConfigInput {
  foreground?: boolean
}

/** Environment marker for the detached child, so it does not mirror its log to stderr (= the log file). */
const CHILD_ENV = 'PARLEY_DAEMON_CHILD'

export async function daemonStart (home: string, flags: StartFlags, out: (s: string) => void): Promise<number> {
  const paths = dataPaths(home)
  ensurePrivateDir(home)
  const { foreground, ...configFlags } = flags
  // Validate config and identity here, so mistakes show up in the terminal, not the log.
  const config = loadConfig({ file: paths.config, flags: configFlags })
  const identity = await loadOrCreateIdentity(paths.identityKey)
  const running = runningDaemonPid(paths.pid)
  if (running != null) {
    const port = readApiPort(paths)
    throw new DaemonRunningError(running, home + (port != null ? `, GUI at http://127.0.0.1:${port}/` : ''))
  }
  // Asked here (terminal, or one line of piped stdin) and checked before anything starts; the
  // background daemon gets it over a pipe on its stdin, never in argv or the environment.
  const passphrase = await askDbPassphrase(paths)
  if (foreground === true) return await runForeground(home, config, passphrase)

  try { unlinkSync(paths.apiPort) } catch {}
  const logOffset = fileSize(paths.log)
  const logFd = openSync(paths.log, 'a', 0o600)
  const script = fileURLToPath(new URL('../bin/parley.js', import.meta.url))
  const child = spawn(process.execPath, [...process.execArgv, script, '--home', home, 'daemon', 'start', '--foreground', ...configToArgs(configFlags)], {
    detached: true,
    stdio: [passphrase != null ? 'pipe' : 'ignore', logFd, logFd],
    env: { ...process.env, [CHILD_ENV]: '1' }
  })
  closeSync(logFd)
  // a child that dies before reading it closes the pipe: its exit is reported below, not an EPIPE crash here
  child.stdin?.on('error', () => {})
  if (passphrase != null) child.stdin?.end(passphrase + '\n')
  let exited: number | null = null
  child.on('exit', (code) => { exited = code ?? 1 })
  child.unref()

  const deadline = Date.now() + DAEMON_START_TIMEOUT_MS
  while (Date.now() < deadline) {
    await sleep(100)
    if (exited != null) {
      out(`parley: the daemon exited during start-up (code ${exited}):\n${readFrom(paths.log, logOffset).trim()}`)
      return 1
    }
    if (readApiPort(paths) == null) continue
    try {
      const { client } = connectToDaemon(home)
      const status = await client.call('status')
      // a signed-in link for the browser right away (a one-time code, never the token)
      const { url } = await client.call('gui.handoffCode')
      out(`parley daemon started (pid ${status.pid})\npeer ID  ${identity.peerId}\nGUI      ${status.guiUrl}\nopen     ${url}   (signed-in link: one use, 60 s; later: parley gui)\nlog      ${paths.log}`)
      return 0
    } catch {
      // not answering yet
    }
  }
  out(`parley: the daemon did not answer within ${DAEMON_START_TIMEOUT_MS / 1000} s; see ${paths.log}`)
  return 1
}

async function runForeground (home: string, config: Config, passphrase: string | undefined): Promise<number> {
  const paths = dataPaths(home)
  const sink = fileSink(paths.log, { alsoStderr: process.env[CHILD_ENV] !== '1' })
  const log = createLogger(sink, config.logLevel)
  let daemon
  try {
    daemon = await startDaemon({ home, config, log, ...(passphrase != null ? { passphrase } : {}) })
  } catch (err) {
    log.error('start-up failed', { error: (err as Error).message })
    await sink.close()
    throw err
  }
  if (process.env[CHILD_ENV] !== '1') {
    process.stdout.on('error', () => {})
    process.stdout.write(`parley daemon running in the foreground (Ctrl-C stops it)\npeer ID  ${daemon.peerId}\nGUI      ${daemon.guiUrl}\n`)
  }
  let signals = 0
  const onSignal = (sig: NodeJS.Signals): void => {
    signals++
    if (signals > 1) { log.warn('second signal: exiting now'); process.exit(130) }
    void daemon.stop(sig)
  }
  process.on('SIGTERM', onSignal)
  process.on('SIGINT', onSignal)
  process.on('uncaughtException', (err) => {
    // A closed stdout/stderr (terminal gone) is not worth a log line per write.
    if ((err as NodeJS.ErrnoException).code === 'EPIPE') return
    log.error('uncaught exception', { error: err.stack ?? err.message })
  })
  process.on('unhandledRejection', (err) => {
    log.error('unhandled rejection', { error: (err as Error)?.stack ?? String(err) })
  })
  await daemon.stopped
  await sink.close()
  return 0
}

export async function daemonStop (home: string, out: (s: string) => void): Promise<number> {
  const paths = dataPaths(home)
  const pid = runningDaemonPid(paths.pid)
  if (pid == null) throw new DaemonNotRunningError(home)
  try {
    const { client } = connectToDaemon(home)
    await client.call('daemon.stop')
  } catch {
    // API unreachable (still starting, or wedged): fall back to the signal it also handles.
    try { process.kill(pid, 'SIGTERM') } catch {}
  }
  const deadline = Date.now() + DAEMON_STOP_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) { out(`parley daemon stopped (pid ${pid})`); return 0 }
    await sleep(100)
  }
  out(`parley: pid ${pid} did not exit within ${DAEMON_STOP_TIMEOUT_MS / 1000} s; "kill -9 ${pid}" ends it without a clean shutdown`)
  return 1
}

export function configToArgs (flags: ConfigInput): string[] {
  const args: string[] = []
  for (const l of flags.listen ?? []) args.push('--listen', l)
  for (const b of flags.bootstrap ?? []) args.push('--bootstrap', b)
  for (const r of flags.relays ?? []) args.push('--relay', r)
  if (flags.relayServer === true) args.push('--relay-server')
  for (const a of flags.announce ?? []) args.push('--announce', a)
  if (flags.upnp === false) args.push('--no-upnp')
  if (flags.relayOnly === true) args.push('--relay-only')
  if (flags.apiPort != null) args.push('--api-port', String(flags.apiPort))
  if (flags.mdns === false) args.push('--no-mdns')
  if (flags.dialTimeoutMs != null) args.push('--dial-timeout', String(flags.dialTimeoutMs))
  if (flags.logLevel != null) args.push('--log-level', flags.logLevel)
  if (flags.ringTimeoutMs != null) args.push('--ring-timeout', String(flags.ringTimeoutMs))
  if (flags.reconnectTimeoutMs != null) args.push('--reconnect-timeout', String(flags.reconnectTimeoutMs))
  if (flags.unknownCallers != null) args.push('--unknown-callers', flags.unknownCallers)
  if (flags.autoAnswer === true) args.push('--auto-answer')
  if (flags.recordDir != null) args.push('--record', flags.recordDir)
  if (flags.singleStreamMedia === true) args.push('--single-stream-media')
  return args
}

function fileSize (f: string): number {
  try { return statSync(f).size } catch { return 0 }
}

function readFrom (f: string, offset: number): string {
  try { return readFileSync(f).subarray(offset).toString('utf8') } catch { return '' }
}

async function sleep (ms: number): Promise<void> {
  await new Promise(resolve => setTimeout(resolve, ms))
}

export { ParleyError }
