// Scoped logger writing to the daemon's log file, rotated by size (and stderr in --foreground mode).
import { createWriteStream, existsSync, openSync, renameSync, rmSync, statSync } from 'node:fs'
import type { WriteStream } from 'node:fs'
import { FILE_MODE_PRIVATE, LOG_KEPT_FILES, LOG_MAX_FILE_BYTES } from './constants.js'

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

export interface FileSinkOptions {
  /** Mirror every line to stderr (--foreground in a terminal). Default false. */
  alsoStderr?: boolean
  /** Rotate when the next line would take the file past this (default LOG_MAX_FILE_BYTES). */
  maxFileBytes?: number
  /** Rotated files kept: `<file>.1` (newest) … `<file>.<n>` (default LOG_KEPT_FILES). */
  keptFiles?: number
}

/**
 * Appends to `file` (0600), rotating it by size so that a flood of log lines can never fill
 * the disk: at most (keptFiles + 1) × maxFileBytes in all (docs/operations.md, "Logs").
 */
export function fileSink (file: string, opts: FileSinkOptions = {}): LogSink {
  const maxBytes = opts.maxFileBytes ?? LOG_MAX_FILE_BYTES
  const kept = opts.keptFiles ?? LOG_KEPT_FILES
  let mirror = opts.alsoStderr ?? false
  if (mirror) {
    // The terminal (or the parent process) may go away while the daemon runs on: then
    // writing to stderr fails with EPIPE, and logging that failure must not loop.
    process.stderr.on('error', () => { mirror = false })
  }
  let size = sizeOf(file)
  let stream = openAppend(file)

  const rotate = (): void => {
    try {
      rmSync(`${file}.${kept}`, { force: true })
      for (let i = kept - 1; i >= 1; i--) {
        if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`)
      }
      if (kept > 0) renameSync(file, `${file}.1`)
      else rmSync(file, { force: true })
    } catch {
      // cannot rotate (permissions changed under us): keep writing where we are rather than lose lines
      return
    }
    // Lines still queued on the old stream land in the renamed file: its fd was opened before the rename.
    stream.end()
    stream = openAppend(file)
    size = 0
  }

  return {
    write: (line) => {
      const bytes = Buffer.byteLength(line)
      if (size > 0 && size + bytes > maxBytes) rotate()
      stream.write(line)
      size += bytes
      if (mirror) process.stderr.write(line)
    },
    close: async () => { await new Promise<void>(resolve => stream.end(resolve)) }
  }
}

/** A stream on an fd opened now, so a rename right after cannot make it open a different file. */
function openAppend (file: string): WriteStream {
  const stream = createWriteStream(file, { fd: openSync(file, 'a', FILE_MODE_PRIVATE) })
  // A full disk must not take the daemon down with an unhandled 'error': the lines are lost instead.
  stream.on('error', () => {})
  return stream
}

function sizeOf (file: string): number {
  try { return statSync(file).size } catch { return 0 }
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
