// Every CLI command against real daemon processes: start/stop in the background,
// identity persistence, single instance, status, dial through the DHT.
import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parley } from './helpers/cli.js'
import { LOOPBACK_QUIC, makeHome, startTestDaemon, teardown, waitFor } from './helpers/daemons.js'
import type { TestDaemon } from './helpers/daemons.js'

const BG_ARGS = ['--listen', LOOPBACK_QUIC, '--no-mdns', '--api-port', '0']

describe('parley daemon start/stop in the background', () => {
  const home = makeHome()
  afterAll(async () => {
    await parley(['--home', home, 'daemon', 'stop'])
    rmSync(home, { recursive: true, force: true })
  })

  it('starts, reports status, refuses a second instance, stops, and keeps its peer ID across restarts', async () => {
    const id = await parley(['--home', home, 'id'])
    expect(id.code).toBe(0)
    const peerId = id.stdout.trim()
    expect(peerId).toMatch(/^12D3KooW/)
    expect(readFileSync(join(home, 'identity.key')).length).toBeGreaterThan(32)

    const start = await parley(['--home', home, 'daemon', 'start', ...BG_ARGS])
    expect(start.stderr + start.stdout).toContain('parley daemon started')
    expect(start.code).toBe(0)
    expect(start.stdout).toContain(peerId)
    expect(start.stdout).toMatch(/GUI\s+http:\/\/127\.0\.0\.1:\d+\//)
    const pid = Number(readFileSync(join(home, 'daemon.pid'), 'utf8'))
    expect(pid).toBeGreaterThan(0)

    const status = await parley(['--home', home, 'status', '--json'])
    expect(status.code).toBe(0)
    const s = JSON.parse(status.stdout)
    expect(s.peerId).toBe(peerId)
    expect(s.pid).toBe(pid)
    expect(s.listenAddrs[0]).toContain('/quic-v1/')
    expect(s.apiPort).toBe(Number(readFileSync(join(home, 'api-port'), 'utf8')))
    expect(s.connections).toEqual([])
    expect(s.dhtRoutingTableSize).toBe(0)
    expect(s.uptimeMs).toBeGreaterThanOrEqual(0)

    const human = await parley(['--home', home, 'status'])
    expect(human.stdout).toContain(`peer ID       ${peerId}`)
    expect(human.stdout).toContain('connections   0')

    const second = await parley(['--home', home, 'daemon', 'start', ...BG_ARGS])
    expect(second.code).toBe(1)
    expect(second.stderr).toContain(`already running on ${home}`)
    expect(second.stderr).toContain(`pid ${pid}`)

    const stop = await parley(['--home', home, 'daemon', 'stop'])
    expect(stop.code).toBe(0)
    expect(stop.stdout).toContain(`stopped (pid ${pid})`)
    expect(existsSync(join(home, 'daemon.pid'))).toBe(false)
    expect(readFileSync(join(home, 'daemon.log'), 'utf8')).toContain('daemon stopped')

    const after = await parley(['--home', home, 'status'])
    expect(after.code).toBe(1)
    expect(after.stderr).toContain('DAEMON_NOT_RUNNING')

    const again = await parley(['--home', home, 'daemon', 'start', ...BG_ARGS])
    expect(again.code).toBe(0)
    const s2 = JSON.parse((await parley(['--home', home, 'status', '--json'])).stdout)
    expect(s2.peerId).toBe(peerId)
  })
})

describe('identity file problems are errors, never a new identity', () => {
  it('a corrupt key file', async () => {
    const home = makeHome()
    try {
      writeFileSync(join(home, 'identity.key'), Buffer.from('not a protobuf key'), { mode: 0o600 })
      for (const args of [['id'], ['daemon', 'start', ...BG_ARGS]]) {
        const r = await parley(['--home', home, ...args])
        expect(r.code).toBe(1)
        expect(r.stderr).toContain('is corrupt')
        expect(r.stderr).toContain('IDENTITY_CORRUPT')
      }
      expect(readFileSync(join(home, 'identity.key'), 'utf8')).toBe('not a protobuf key')
    } finally { rmSync(home, { recursive: true, force: true }) }
  })

  it('a key file readable by others', async () => {
    const home = makeHome()
    try {
      expect((await parley(['--home', home, 'id'])).code).toBe(0)
      chmodSync(join(home, 'identity.key'), 0o644)
      const r = await parley(['--home', home, 'id'])
      expect(r.code).toBe(1)
      expect(r.stderr).toContain('IDENTITY_INSECURE')
    } finally { rmSync(home, { recursive: true, force: true }) }
  })
})

describe('config errors name the key and the reason', () => {
  it('from the config file, the environment and flags', async () => {
    const home = makeHome()
    try {
      writeFileSync(join(home, 'config.json'), JSON.stringify({ apiPort: 'x' }))
      let r = await parley(['--home', home, 'daemon', 'start', '--foreground'])
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(/invalid config "apiPort" \(from config file .*config\.json\)/)

      writeFileSync(join(home, 'config.json'), JSON.stringify({ colour: 'blue' }))
      r = await parley(['--home', home, 'daemon', 'start', '--foreground'])
      expect(r.stderr).toContain('invalid config "colour"')
      expect(r.stderr).toContain('unknown key')

      rmSync(join(home, 'config.json'))
      r = await parley(['--home', home, 'daemon', 'start', '--foreground'], { env: { PARLEY_MDNS: 'maybe' } })
      expect(r.code).toBe(2)
      expect(r.stderr).toContain('invalid config "mdns" (from environment PARLEY_MDNS)')

      r = await parley(['--home', home, 'daemon', 'start', '--foreground', '--listen', 'not-a-multiaddr'])
      expect(r.code).toBe(2)
      expect(r.stderr).toContain('invalid config "listen" (from flag --listen): not a valid multiaddr')

      r = await parley(['--home', home, 'daemon', 'start', '--foreground', '--bootstrap', '/ip4/127.0.0.1/tcp/1'])
      expect(r.stderr).toContain('a bootstrap address must end in /p2p/')
    } finally { rmSync(home, { recursive: true, force: true }) }
  })
})

describe('peer-ID dialing between daemon processes through a bootstrap node', () => {
  let boot: TestDaemon, b: TestDaemon, c: TestDaemon
  beforeAll(async () => {
    boot = await startTestDaemon()
    ;[b, c] = await Promise.all([
      startTestDaemon({ args: ['--bootstrap', boot.addr] }),
      startTestDaemon({ args: ['--bootstrap', boot.addr] })
    ])
    await waitFor(async () => (await b.client.call('status')).dhtRoutingTableSize > 0 && (await c.client.call('status')).dhtRoutingTableSize > 0, 'routing tables')
  }, 90_000)
  afterAll(async () => { await teardown([boot, b, c]) })

  it('parley dial finds C through the DHT and connects; status lists the connection', async () => {
    const r = await parley(['--home', b.home, 'dial', c.peerId, '--lookup', '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const res = JSON.parse(r.stdout)
    expect(res.via).toBe('dht')
    expect(res.remoteAddr).toContain('/quic-v1')
    const s = await b.client.call('status')
    expect(s.connections.map(x => x.peerId)).toContain(c.peerId)
    expect(s.connections.find(x => x.peerId === c.peerId)?.transport).toBe('quic')

    const human = await parley(['--home', b.home, 'dial', c.peerId])
    expect(human.stdout).toContain(`connected to ${c.peerId}`)

    const gui = await parley(['--home', b.home, 'gui', '--no-open'])
    // a one-time code, never the token itself
    expect(gui.stdout.trim()).toMatch(new RegExp(`^${b.status.guiUrl}#code=[A-Za-z0-9_-]{32}$`))
    expect(gui.stdout).not.toContain(b.token)

    const find = await parley(['--home', b.home, 'find', c.peerId])
    expect(find.code).toBe(0)
    expect(find.stdout).toContain(c.addr.split('/p2p/')[0])
  })

  it('says which step failed: invalid ID, not found in the DHT, own ID', async () => {
    let r = await parley(['--home', b.home, 'dial', 'not-a-peer-id'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('INVALID_PARAMS')
    r = await parley(['--home', b.home, 'dial', '12D3KooWNVZHrH9SHG1e4qhBRYqBP2gwEt2py1ym7dqYtbBpraVc', '--timeout', '8000'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('not found in the DHT')
    expect(r.stderr).toContain('DIAL_NOT_FOUND')
    r = await parley(['--home', b.home, 'dial', b.peerId])
    expect(r.stderr).toContain('DIAL_SELF')
  })

  it('reports every failed address when a known peer has gone away', async () => {
    const dead = await startTestDaemon({ args: ['--bootstrap', boot.addr] })
    await waitFor(async () => (await dead.client.call('status')).dhtRoutingTableSize > 0, 'dead-to-be to join')
    await b.client.call('peer.dial', { peerId: dead.peerId })
    const deadAddr = dead.addr.split('/p2p/')[0] ?? ''
    await teardown([dead])
    await waitFor(async () => !(await b.client.call('status')).connections.some(x => x.peerId === dead.peerId), 'B to see the connection close')
    const err = await b.client.call('peer.dial', { peerId: dead.peerId, timeoutMs: 20_000 }).then(() => undefined, (e: unknown) => e as { code?: string, message?: string })
    expect(err?.code).toBe('DIAL_ALL_ADDRESSES_FAILED')
    expect(err?.message).toContain(deadAddr)
  })

  it('keeps serving, and logs no more than usual, when its terminal goes away', async () => {
    const d = await startTestDaemon()
    d.proc.stdout?.destroy()
    d.proc.stderr?.destroy()
    for (let i = 0; i < 20; i++) {
      // each refused request writes one warning line
      const r = await fetch(`http://127.0.0.1:${d.port}/rpc`, { method: 'POST', body: '{}' })
      expect(r.status).toBe(401)
    }
    await new Promise(resolve => setTimeout(resolve, 500))
    expect(statSync(join(d.home, 'daemon.log')).size).toBeLessThan(50_000)
    expect((await d.client.call('status')).peerId).toBe(d.peerId)
    await teardown([d])
  })

  it('SIGTERM shuts a daemon down gracefully', async () => {
    const d = await startTestDaemon()
    const code = await d.stop()
    expect(code).toBe(0)
    expect(existsSync(join(d.home, 'daemon.pid'))).toBe(false)
    expect(readFileSync(join(d.home, 'daemon.log'), 'utf8')).toContain('daemon stopping {"reason":"SIGTERM"}')
    await teardown([d])
  })
})
