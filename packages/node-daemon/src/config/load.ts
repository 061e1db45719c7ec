// Config precedence: CLI flags > environment > config file > defaults. Every value
// remembers where it came from, so an error names the key, the reason and the source.
import { readFileSync } from 'node:fs'
import { ConfigError } from '../errors.js'
import { ConfigSchema } from './schema.js'
import type { Config, ConfigInput, ConfigKey } from './schema.js'

/** Environment variables the daemon reads (PARLEY_HOME is resolved before this). */
export const ENV_KEYS: Record<string, ConfigKey> = {
  PARLEY_LISTEN: 'listen',
  PARLEY_BOOTSTRAP: 'bootstrap',
  PARLEY_RELAYS: 'relays',
  PARLEY_RELAY_SERVER: 'relayServer',
  PARLEY_ANNOUNCE: 'announce',
  PARLEY_UPNP: 'upnp',
  PARLEY_RELAY_ONLY: 'relayOnly',
  PARLEY_API_PORT: 'apiPort',
  PARLEY_MDNS: 'mdns',
  PARLEY_DIAL_TIMEOUT_MS: 'dialTimeoutMs',
  PARLEY_LOG_LEVEL: 'logLevel',
  PARLEY_RING_TIMEOUT_MS: 'ringTimeoutMs',
  PARLEY_RECONNECT_TIMEOUT_MS: 'reconnectTimeoutMs',
  PARLEY_UNKNOWN_CALLERS: 'unknownCallers',
  PARLEY_AUTO_ANSWER: 'autoAnswer',
  PARLEY_RECORD_DIR: 'recordDir',
  PARLEY_SINGLE_STREAM_MEDIA: 'singleStreamMedia'
}

/** The CLI flag that sets each key (for error messages). */
export const FLAG_NAMES: Record<ConfigKey, string> = {
  listen: '--listen',
  bootstrap: '--bootstrap',
  relays: '--relay',
  relayServer: '--relay-server',
  announce: '--announce',
  upnp: '--no-upnp',
  relayOnly: '--relay-only',
  apiPort: '--api-port',
  mdns: '--no-mdns',
  dialTimeoutMs: '--dial-timeout',
  logLevel: '--log-level',
  ringTimeoutMs: '--ring-timeout',
  reconnectTimeoutMs: '--reconnect-timeout',
  unknownCallers: '--unknown-callers',
  autoAnswer: '--auto-answer',
  recordDir: '--record',
  singleStreamMedia: '--single-stream-media',
  strangerDms: 'strangerDms (config file only)'
}

export interface LoadConfigOptions {
  /** Path of config.json; a missing file is fine, an unreadable or invalid one is not. */
  file?: string
  /** Default process.env. */
  env?: Record<string, string | undefined>
  /** Values from CLI flags (already typed by the CLI parser). */
  flags?: ConfigInput
}

export function loadConfig (opts: LoadConfigOptions = {}): Config {
  const sources = new Map<string, string>()
  const merged: Record<string, unknown> = {}

  if (opts.file != null) {
    const fromFile = readConfigFile(opts.file)
    for (const [k, v] of Object.entries(fromFile)) { merged[k] = v; sources.set(k, `config file ${opts.file}`) }
  }
  const env = opts.env ?? process.env
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const raw = env[name]
    if (raw == null || raw === '') continue
    merged[key] = parseEnvValue(key, raw, name)
    sources.set(key, `environment ${name}`)
  }
  for (const [k, v] of Object.entries(opts.flags ?? {})) {
    if (v === undefined) continue
    merged[k] = v
    sources.set(k, `flag ${FLAG_NAMES[k as ConfigKey] ?? k}`)
  }

  const parsed = ConfigSchema.safeParse(merged)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const key = issue?.path[0] != null ? String(issue.path[0]) : issue?.code === 'unrecognized_keys' ? (issue.keys[0] ?? '?') : '?'
    const reason = issue?.code === 'unrecognized_keys' ? 'unknown key' : (issue?.message ?? 'invalid')
    throw new ConfigError(key, reason, sources.get(key) ?? 'config file')
  }
  return parsed.data
}

function readConfigFile (file: string): Record<string, unknown> {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {}
    throw new ConfigError('(file)', `cannot read: ${(err as Error).message}`, file)
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    throw new ConfigError('(file)', `not valid JSON: ${(err as Error).message}`, file)
  }
  if (value == null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError('(file)', 'must be a JSON object', file)
  }
  return value as Record<string, unknown>
}

function parseEnvValue (key: ConfigKey, raw: string, name: string): unknown {
  switch (key) {
    case 'listen':
    case 'bootstrap':
    case 'relays':
    case 'announce':
      return raw.split(',').map(s => s.trim()).filter(s => s !== '')
    case 'apiPort':
    case 'ringTimeoutMs':
    case 'reconnectTimeoutMs':
    case 'dialTimeoutMs': {
      if (!/^\d+$/.test(raw.trim())) throw new ConfigError(key, `expected a whole number, got "${raw}"`, `environment ${name}`)
      return Number(raw)
    }
    case 'autoAnswer':
    case 'relayServer':
    case 'singleStreamMedia':
    case 'upnp':
    case 'relayOnly':
    case 'mdns': {
      const v = raw.trim().toLowerCase()
      if (['1', 'true', 'yes', 'on'].includes(v)) return true
      if (['0', 'false', 'no', 'off'].includes(v)) return false
      throw new ConfigError(key, `expected true or false, got "${raw}"`, `environment ${name}`)
    }
    default:
      return raw
  }
}
