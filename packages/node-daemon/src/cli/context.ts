// What every CLI command needs: the data dir, and a client for the running daemon.
import { resolve } from 'node:path'
import { ParleyClient } from '@parley/core/ipc'
import type { WebSocketConstructor } from '@parley/core/ipc'
import WebSocket from 'ws'
import { readApiToken } from '../api-token.js'
import { DEFAULT_HOME } from '../constants.js'
import { readApiPort } from '../daemon.js'
import { DaemonNotRunningError } from '../errors.js'
import { dataPaths } from '../paths.js'
import type { DataPaths } from '../paths.js'
import { runningDaemonPid } from '../pid-lock.js'

/** --home wins over PARLEY_HOME, which wins over ~/.parley. */
export function resolveHome (flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(flag ?? (env.PARLEY_HOME != null && env.PARLEY_HOME !== '' ? env.PARLEY_HOME : DEFAULT_HOME))
}

export interface DaemonConnection {
  client: ParleyClient
  paths: DataPaths
  pid: number
  port: number
}

export function connectToDaemon (home: string): DaemonConnection {
  const paths = dataPaths(home)
  const pid = runningDaemonPid(paths.pid)
  if (pid == null) throw new DaemonNotRunningError(home)
  const port = readApiPort(paths)
  if (port == null) throw new DaemonNotRunningError(home, `pid ${pid} has not recorded its API port yet`)
  let token: string
  try {
    token = readApiToken(paths.apiToken)
  } catch (err) {
    throw new DaemonNotRunningError(home, `cannot read the API token: ${(err as Error).message}`)
  }
  const client = new ParleyClient({
    url: `http://127.0.0.1:${port}`,
    token,
    WebSocket: WebSocket as unknown as WebSocketConstructor
  })
  return { client, paths, pid, port }
}
