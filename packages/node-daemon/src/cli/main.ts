// The `parley` command line. Each command talks to the running daemon over the IPC
// API, except `id` and `daemon start`, which work on the data dir directly.
import { resolve as resolvePath } from 'node:path'
import { Command, InvalidArgumentError } from 'commander'
import { RpcError } from '@parley/core/ipc'
import { PARLEY_VERSION } from '../constants.js'
import { ConfigError, ParleyError } from '../errors.js'
import { loadOrCreateIdentity } from '../identity.js'
import { dataPaths } from '../paths.js'
import { registerDoctorCommand } from './doctor.js'
import { registerGuiCommand } from './gui-command.js'
import { connectToDaemon, resolveHome } from './context.js'
import { daemonStart, daemonStop } from './daemon-commands.js'
import type { StartFlags } from './daemon-commands.js'
import { formatStatus } from './format.js'
import { registerDmCommands } from './dm-commands.js'
import { registerCallCommands } from './call-commands.js'
import { registerInviteCommands } from './invite-commands.js'
import { registerPassphraseCommands } from './passphrase-commands.js'

const collect = (v: string, prev: string[]): string[] => [...prev, v]
const int = (v: string): number => {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('expected a whole number')
  return Number(v)
}

export async function runCli (argv: string[], out: (s: string) => void = s => { process.stdout.write(s + '\n') }): Promise<number> {
  let exitCode = 0
  const program = new Command('parley')
    .description('Parley: serverless, end-to-end encrypted calls')
    .version(PARLEY_VERSION)
    .option('--home <dir>', 'data dir (default: $PARLEY_HOME or ~/.parley)')
    .exitOverride()
    .configureOutput({ writeErr: s => { process.stderr.write(s) } })
  const home = (): string => resolveHome(program.opts<{ home?: string }>().home)

  program.command('id')
    .description("print this user's peer ID (creates the identity on first use)")
    .action(async () => {
      const identity = await loadOrCreateIdentity(dataPaths(home()).identityKey)
      out(identity.peerId)
    })

  const daemon = program.command('daemon').description('run or stop the background daemon')
  daemon.command('start')
    .description('start the daemon in the background (or --foreground)')
    .option('--foreground', 'stay attached to the terminal')
    .option('--listen <multiaddr>', 'listen address (repeatable; default QUIC + TCP on 0.0.0.0)', collect, [])
    .option('--bootstrap <multiaddr>', 'bootstrap peer /…/p2p/<id> (repeatable)', collect, [])
    .option('--relay <multiaddr>', 'relay /…/p2p/<id> to be reachable through, e.g. behind a NAT (repeatable)', collect, [])
    .option('--relay-server', 'relay calls and messages for other peers (for a publicly reachable daemon)')
    .option('--announce <multiaddr>', 'public address to announce at once, e.g. a relay server\'s (repeatable)', collect, [])
    .option('--no-upnp', 'do not ask the home router for a port mapping (UPnP)')
    .option('--relay-only', 'privacy: contacts never learn your IP; everything but your relays goes through them')
    .option('--api-port <n>', 'IPC/GUI port on 127.0.0.1 (default 7373; 0 = any free port)', int)
    .option('--no-mdns', 'disable LAN discovery over mDNS')
    .option('--dial-timeout <ms>', 'budget of `parley dial` (default 15000)', int)
    .option('--log-level <level>', 'debug | info | warn | error (default info)')
    .option('--ring-timeout <ms>', 'ring this long before "no answer" (default 60000)', int)
    .option('--reconnect-timeout <ms>', 'wait this long for a dropped call to come back (default 30000)', int)
    .option('--unknown-callers <policy>', 'ring | reject calls from peers not in contacts (default ring)')
    .option('--auto-answer', 'answer every call at once (headless)')
    .option('--record <dir>', 'record received call media (WAV, IVF) into <dir>')
    .option('--single-stream-media', 'benchmark ablation: one stream per media kind, no redundant audio')
    .action(async (o: { foreground?: boolean, listen: string[], bootstrap: string[], relay: string[], relayServer?: boolean, announce: string[], upnp: boolean, relayOnly?: boolean, apiPort?: number, mdns: boolean, dialTimeout?: number, logLevel?: string, ringTimeout?: number, reconnectTimeout?: number, unknownCallers?: string, autoAnswer?: boolean, record?: string, singleStreamMedia?: boolean }, cmd: Command) => {
      const flags: StartFlags = {
        foreground: o.foreground,
        listen: o.listen.length > 0 ? o.listen : undefined,
        bootstrap: o.bootstrap.length > 0 ? o.bootstrap : undefined,
        relays: o.relay.length > 0 ? o.relay : undefined,
        relayServer: o.relayServer,
        announce: o.announce.length > 0 ? o.announce : undefined,
        upnp: cmd.getOptionValueSource('upnp') === 'cli' ? o.upnp : undefined,
        relayOnly: o.relayOnly,
        apiPort: o.apiPort,
        mdns: cmd.getOptionValueSource('mdns') === 'cli' ? o.mdns : undefined,
        dialTimeoutMs: o.dialTimeout,
        logLevel: o.logLevel as StartFlags['logLevel'],
        ringTimeoutMs: o.ringTimeout,
        reconnectTimeoutMs: o.reconnectTimeout,
        unknownCallers: o.unknownCallers as StartFlags['unknownCallers'],
        autoAnswer: o.autoAnswer,
        recordDir: o.record != null ? resolvePath(o.record) : undefined,
        singleStreamMedia: o.singleStreamMedia
      }
      exitCode = await daemonStart(home(), flags, out)
    })
  daemon.command('stop')
    .description('stop the daemon gracefully')
    .action(async () => { exitCode = await daemonStop(home(), out) })

  program.command('status')
    .description('peer ID, addresses, API port, connections, DHT size, uptime')
    .option('--json', 'machine-readable output')
    .action(async (o: { json?: boolean }) => {
      const { client } = connectToDaemon(home())
      const s = await client.call('status')
      out(o.json === true ? JSON.stringify(s, null, 2) : formatStatus(s))
    })

  registerGuiCommand(program, home, out)
  registerDoctorCommand(program, home, out, (code) => { exitCode = code })

  program.command('dial <peerId>')
    .description('find a peer by ID (peer store → DHT) and connect to it')
    .option('--timeout <ms>', 'give up after this long (default: config dialTimeoutMs)', int)
    .option('--lookup', 'always ask the DHT, even for a known peer')
    .option('--json', 'machine-readable output')
    .action(async (peerId: string, o: { timeout?: number, lookup?: boolean, json?: boolean }) => {
      const { client } = connectToDaemon(home())
      const r = await client.call('peer.dial', { peerId, timeoutMs: o.timeout, forceLookup: o.lookup })
      out(o.json === true
        ? JSON.stringify(r, null, 2)
        : `connected to ${r.peerId}\n  via ${r.via}${r.via === 'dht' ? ` (lookup ${r.lookupMs.toFixed(0)} ms)` : ''}, dial ${r.dialMs.toFixed(0)} ms\n  ${r.remoteAddr}`)
    })

  program.command('find <peerId>')
    // Not "without connecting": the peer is the closest node to its own key, so the lookup usually queries it directly.
    .description("look a peer's addresses up in the DHT (the lookup may connect to the peer itself)")
    .option('--timeout <ms>', 'give up after this long', int)
    .action(async (peerId: string, o: { timeout?: number }) => {
      const { client } = connectToDaemon(home())
      const r = await client.call('peer.find', { peerId, timeoutMs: o.timeout })
      out([`${r.peerId} (lookup ${r.lookupMs.toFixed(0)} ms)`, ...r.addrs.map(a => `  ${a}`)].join('\n'))
    })

  registerDmCommands(program, home, out)
  registerCallCommands(program, home, out)
  registerInviteCommands(program, home, out)
  registerPassphraseCommands(program, home, out)

  try {
    await program.parseAsync(argv, { from: 'user' })
    return exitCode
  } catch (err) {
    return reportError(err)
  }
}

function reportError (err: unknown): number {
  const e = err as { code?: string, exitCode?: number, message?: string }
  if (typeof e.code === 'string' && e.code.startsWith('commander.')) {
    // commander already printed usage/help/version
    return e.exitCode ?? 2
  }
  if (err instanceof ConfigError) { process.stderr.write(`parley: ${err.message}\n`); return 2 }
  if (err instanceof ParleyError || err instanceof RpcError) {
    process.stderr.write(`parley: ${err.message} [${err.code}]\n`)
    return 1
  }
  process.stderr.write(`parley: ${(err as Error)?.stack ?? String(err)}\n`)
  return 1
}
