import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load.js'
import { DEFAULT_API_PORT, DEFAULT_LISTEN } from '../../src/constants.js'
import { ConfigError } from '../../src/errors.js'

const dirs: string[] = []
function configFile (content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-cfg-'))
  dirs.push(dir)
  const file = join(dir, 'config.json')
  writeFileSync(file, content)
  return file
}
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }) })

const BOOT = '/ip4/10.0.0.1/udp/4001/quic-v1/p2p/12D3KooWNVZHrH9SHG1e4qhBRYqBP2gwEt2py1ym7dqYtbBpraVc'

describe('loadConfig', () => {
  it('applies documented defaults when nothing is set', () => {
    const c = loadConfig({ env: {} })
    expect(c).toEqual({
      listen: [...DEFAULT_LISTEN], bootstrap: [], relays: [], relayServer: false, announce: [], upnp: true, relayOnly: false, apiPort: DEFAULT_API_PORT, mdns: true, dialTimeoutMs: 15_000, logLevel: 'info',
      ringTimeoutMs: 60_000, reconnectTimeoutMs: 30_000, unknownCallers: 'ring', autoAnswer: false, singleStreamMedia: false,
      strangerDms: {}
    })
  })

  it('no listen address is allowed only with a relay to be reached through', () => {
    expect(() => loadConfig({ env: {}, flags: { listen: [] } })).toThrowError(/invalid config "listen".*relay to be reached through/)
    const relay = '/ip4/198.51.100.1/udp/4001/quic-v1/p2p/12D3KooWGRUVh2F6Sn1zKTeS5w2ToLn7ZmxShmhJJyNQJTxBwe5u'
    expect(loadConfig({ env: {}, flags: { listen: [], relays: [relay] } })).toMatchObject({ listen: [], relays: [relay], relayServer: false })
    expect(loadConfig({ env: { PARLEY_RELAY_SERVER: 'true' } }).relayServer).toBe(true)
  })

  it('announce and upnp: from flags or environment; a bad announce address names the key', () => {
    expect(loadConfig({ env: { PARLEY_UPNP: 'off', PARLEY_ANNOUNCE: '/ip4/11.0.0.1/udp/4001/quic-v1, /ip4/11.0.0.1/tcp/4001' } })).toMatchObject({
      upnp: false, announce: ['/ip4/11.0.0.1/udp/4001/quic-v1', '/ip4/11.0.0.1/tcp/4001']
    })
    expect(loadConfig({ env: {}, flags: { upnp: false } }).upnp).toBe(false)
    expect(() => loadConfig({ env: { PARLEY_UPNP: 'maybe' } })).toThrowError(/upnp.*true or false/)
    expect(() => loadConfig({ env: {}, flags: { announce: ['not an address'] } })).toThrowError(/announce.*not a valid multiaddr/)
  })

  it('strangerDms comes from the file; an unknown or out-of-range field is a ConfigError naming the key', () => {
    const ok = configFile(JSON.stringify({ strangerDms: { perPeerPerS: 0.5, requestsMaxMessages: 10 } }))
    expect(loadConfig({ file: ok, env: {} }).strangerDms).toEqual({ perPeerPerS: 0.5, requestsMaxMessages: 10 })
    for (const bad of [{ perPeerPerS: -1 }, { colour: 'blue' }, { maxWaitMs: 60_000 }]) {
      const file = configFile(JSON.stringify({ strangerDms: bad }))
      expect(() => loadConfig({ file, env: {} })).toThrowError(/strangerDms/)
    }
  })

  it('flags beat environment, which beats the file', () => {
    const file = configFile(JSON.stringify({ apiPort: 1111, mdns: false, bootstrap: [BOOT] }))
    expect(loadConfig({ file, env: {} }).apiPort).toBe(1111)
    expect(loadConfig({ file, env: { PARLEY_API_PORT: '2222' } }).apiPort).toBe(2222)
    expect(loadConfig({ file, env: { PARLEY_API_PORT: '2222' }, flags: { apiPort: 3333 } }).apiPort).toBe(3333)
    expect(loadConfig({ file, env: { PARLEY_MDNS: 'on' } }).mdns).toBe(true)
    expect(loadConfig({ file, env: {} }).bootstrap).toEqual([BOOT])
    expect(loadConfig({ env: { PARLEY_LISTEN: '/ip4/127.0.0.1/tcp/1, /ip4/127.0.0.1/udp/2/quic-v1' } }).listen).toEqual(['/ip4/127.0.0.1/tcp/1', '/ip4/127.0.0.1/udp/2/quic-v1'])
  })

  it('a missing file is fine; unreadable JSON is a ConfigError naming the file', () => {
    expect(loadConfig({ file: '/nonexistent/parley/config.json', env: {} }).mdns).toBe(true)
    const file = configFile('{ nope')
    expect(() => loadConfig({ file, env: {} })).toThrowError(ConfigError)
    expect(() => loadConfig({ file, env: {} })).toThrowError(/not valid JSON/)
    expect(() => loadConfig({ file: configFile('[1]'), env: {} })).toThrowError(/must be a JSON object/)
  })

  interface Case { file?: string, env?: Record<string, string>, flags?: Record<string, unknown> }
  it.each<[Case, string, string]>([
    [{ file: '{"apiPort": 70000}' }, 'apiPort', 'config file'],
    [{ file: '{"listen": []}' }, 'listen', 'config file'],
    [{ file: '{"bootstrap": ["/ip4/1.2.3.4/tcp/1"]}' }, 'bootstrap', 'config file'],
    [{ file: '{"logLevel": "loud"}' }, 'logLevel', 'config file'],
    [{ file: '{"surprise": 1}' }, 'surprise', 'config file'],
    [{ env: { PARLEY_API_PORT: 'eighty' } }, 'apiPort', 'environment PARLEY_API_PORT'],
    [{ env: { PARLEY_MDNS: 'sometimes' } }, 'mdns', 'environment PARLEY_MDNS'],
    [{ flags: { listen: ['garbage'] } }, 'listen', 'flag --listen'],
    [{ flags: { dialTimeoutMs: 5 } }, 'dialTimeoutMs', 'flag --dial-timeout']
  ])('rejects %j naming key %s and source %s', (input, key, source) => {
    const file = input.file != null ? configFile(input.file) : undefined
    let err: unknown
    try {
      loadConfig({ file, env: input.env ?? {}, flags: input.flags as never })
    } catch (e) { err = e }
    expect(err).toBeInstanceOf(ConfigError)
    expect((err as ConfigError).key).toBe(key)
    expect((err as ConfigError).source).toContain(source)
    expect((err as ConfigError).code).toBe('CONFIG_INVALID')
  })
})
