// A UPnP internet gateway on a lab router (helpers/nat-lab.ts): Debian's miniupnpd with its
// iptables backend, in the router's namespace, answering the home's LAN. A daemon behind it
// can map a port, and the mapping is real (iptables DNAT in the router), so peers outside
// can dial it back. The chains miniupnpd fills are created here (its init script is not
// part of the package), with iptables-legacy: miniupnpd writes through libiptc, which sees
// only the legacy tables, while the router's own rules (nat-lab.ts) are iptables-nft ones;
// the kernel runs both. Stops with the namespace at the latest.
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LabHome } from './nat-lab.js'

export interface UpnpGateway {
  logs: () => string
  stop: () => void
}

export async function startUpnpGateway (home: LabHome): Promise<UpnpGateway> {
  const ipt = (...args: string[]): void => { execFileSync('ip', ['netns', 'exec', home.router, 'iptables-legacy', ...args], { stdio: 'pipe' }) }
  const iptNft = (...args: string[]): void => { execFileSync('ip', ['netns', 'exec', home.router, 'iptables', ...args], { stdio: 'pipe' }) }
  ipt('-t', 'nat', '-N', 'MINIUPNPD')
  ipt('-t', 'nat', '-I', 'PREROUTING', '-i', home.wanIf, '-j', 'MINIUPNPD')
  ipt('-t', 'nat', '-N', 'MINIUPNPD-POSTROUTING')
  ipt('-t', 'nat', '-I', 'POSTROUTING', '-o', home.wanIf, '-j', 'MINIUPNPD-POSTROUTING')
  ipt('-t', 'filter', '-N', 'MINIUPNPD')
  ipt('-t', 'filter', '-I', 'FORWARD', '-i', home.wanIf, '!', '-o', home.wanIf, '-j', 'MINIUPNPD')
  // the router's own "drop what does not answer the host" rule must let mapped ports in
  iptNft('-I', 'FORWARD', '-i', home.wanIf, '-m', 'conntrack', '--ctstate', 'DNAT', '-j', 'ACCEPT')
  const dir = mkdtempSync(join(tmpdir(), 'parley-upnp-'))
  const conf = join(dir, 'miniupnpd.conf')
  writeFileSync(conf, [
    `ext_ifname=${home.wanIf}`,
    `listening_ip=${home.lanIf}`,
    'port=0',
    'enable_upnp=yes',
    'enable_natpmp=no',
    'secure_mode=yes',
    'system_uptime=yes',
    'uuid=3d3cec3a-8cf0-11e0-98ee-001a6bd2d07b',
    'upnp_forward_chain=MINIUPNPD',
    'upnp_nat_chain=MINIUPNPD',
    'upnp_nat_postrouting_chain=MINIUPNPD-POSTROUTING',
    `allow 1024-65535 ${home.lanAddr.replace(/\.\d+$/, '.0')}/24 1024-65535`,
    'deny 0-65535 0.0.0.0/0 0-65535',
    ''
  ].join('\n'))
  const proc: ChildProcess = spawn('ip', ['netns', 'exec', home.router, 'miniupnpd', '-f', conf, '-d', '-P', join(dir, 'pid'), '-4'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  proc.stdout?.on('data', (d: Buffer) => { out += d.toString() })
  proc.stderr?.on('data', (d: Buffer) => { out += d.toString() })
  process.once('exit', () => proc.kill('SIGKILL'))
  const stop = (): void => { proc.kill('SIGTERM'); rmSync(dir, { recursive: true, force: true }) }
  // ready once it listens for SSDP on the LAN
  const deadline = Date.now() + 10_000
  while (!/Listening for NAT-PMP|HTTP listening on port|SSDP/i.test(out)) {
    if (proc.exitCode != null || Date.now() > deadline) { stop(); throw new Error(`miniupnpd did not start in ${home.router}:\n${out}`) }
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  return { logs: () => out, stop }
}
