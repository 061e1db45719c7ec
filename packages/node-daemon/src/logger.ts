// Scoped logger writing to the daemon's log file (and stderr in --foreground mode).
import { createWriteStream } from 'node:fs'
import type { WriteStream } from 'node:fs'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

export interface Logger {
  debug: (msg: string, fields?: Record<string, unknown>) => void
  info: (msg: string, fields?: Record<string, unknown>) => void
  warn: (msg: string, fields?: Record<string, unknown>) => void
  error: (msg: string, fields?: Record<string, unknown>) => void
  child: (scope: string) => Logger
}

export interface LogSink {
  write: (line: string) => void
  close: () => Promise<void>
}

export function fileSink (file: string, alsoStderr = false): LogSink {
  const stream: WriteStream = createWriteStream(file, { flags: 'a', mode: 0o600 })
  let mirror = alsoStderr
  if (mirror) {
    // The terminal (or the parent process) may go away while the daemon runs on: then
    // writing to stderr fails with EPIPE, and logging that failure must not loop.
    process.stderr.on('error', () => { mirror = false })
  }
  return {
    write: (line) => {
      stream.write(line)
      if (mirror) process.stderr.write(line)
    },
    close: async () => { await new Promise<void>(resolve => stream.end(resolve)) }
  }
}

export function createLogger (sink: LogSink, level: LogLevel, scope = 'parley'): Logger {
  const min = LEVELS[level]
  const log = (lvl: LogLevel) => (msg: string, fields?: Record<string, unknown>): void => {
    if (LEVELS[lvl] < min) return
    const extra = fields != null ? ' ' + safeJson(fields) : ''
    sink.write(`${new Date().toISOString()} ${lvl.toUpperCase().padEnd(5)} [${scope}] ${msg}${extra}\n`)
  }
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (sub) => createLogger(sink, level, `${scope}:${sub}`)
  }
}

export const silentLogger: Logger = {
  debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, child: () => silentLogger
}

function safeJson (v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x: unknown) => x instanceof Error ? x.message : typeof x === 'bigint' ? x.toString() : x)
  } catch {
    return '[unserializable]'
  }
}
