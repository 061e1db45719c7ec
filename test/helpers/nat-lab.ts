// A network lab in network namespaces: an "internet" namespace (a bridge), public hosts
// on it (a namespace each, so each has its own source address), and home networks, each a router namespace doing NAT with iptables in front
// of a host namespace. Nothing has a route out of the machine. Needs root (CI runs as root).
//
// Addresses: the internet is 11.0.0.0/24. libp2p treats the private ranges, CGNAT and the
// documentation ranges as private (AutoNAT and the DHT's address filter would drop them),
// so the lab uses a public range on purpose; it exists only inside these namespaces.
// Home n's LAN is 192.168.(n+1).0/24, its host .2, its router .1 and 11.0.0.(10+n) outside.
//
// NAT kinds (docs/operations.md "The network lab"):
// - cone: MASQUERADE keeps the host's source port where it can; Linux conntrack lets in
//   only replies from the address and port the host sent to (port-restricted cone).
// - symmetric: MASQUERADE --random-fully gives every new destination a random port.
import { execFileSync } from 'node:child_process'

export type NatKind = 'cone' | 'symmetric'

export const LAB_INTERNET = '11.0.0'

export interface LabHome {
  nat: NatKind
  router: string
  host: string
  /** The host's address on its LAN. */
  lanAddr: string
  /** The router's address on the internet: what peers see the host as. */
  wanAddr: string
  /** The router's interfaces: to the internet, to the LAN. */
  wanIf: string
  lanIf: string
}

export interface PublicHost {
  ns: string
  /** 11.0.0.1, 11.0.0.2, … */
  addr: string
}

export interface NatLab {
  /** The internet namespace: only the bridge. */
  internet: string
  /** Hosts with a public address, for relays and bootstrap nodes. */
  publics: PublicHost[]
  homes: LabHome[]
  destroy: () => void
}

export function createNatLab (opts: { homes: NatKind[], publicHosts?: number }): NatLab {
  if (process.getuid?.() !== 0) throw new Error('the NAT lab needs root (ip netns add)')
  const tag = `nl${process.pid % 10000}${Math.floor(Math.random() * 100)}`
  const internet = `${tag}i`
  const namespaces: string[] = [internet]
  const run = (cmd: string, ...args: string[]): void => { execFileSync(cmd, args, { stdio: 'pipe' }) }
  const inNs = (ns: string, ...args: string[]): void => { run('ip', 'netns', 'exec', ns, ...args) }
  const destroy = (): void => {
    // deleting a namespace deletes its interfaces and NAT rules with it
    for (const ns of namespaces) { try { run('ip', 'netns', 'del', ns) } catch {} }
  }
  const publics: PublicHost[] = []
  const homes: LabHome[] = []
  try {
    run('ip', 'netns', 'add', internet)
    run('ip', '-n', internet, 'link', 'set', 'lo', 'up')
    run('ip', '-n', internet, 'link', 'add', 'br0', 'type', 'bridge')
    run('ip', '-n', internet, 'link', 'set', 'br0', 'up')
    for (let k = 0; k < (opts.publicHosts ?? 2); k++) {
      const ns = `${tag}s${k}`
      const addr = `${LAB_INTERNET}.${k + 1}`
      namespaces.push(ns)
      run('ip', 'netns', 'add', ns)
      run('ip', '-n', ns, 'link', 'set', 'lo', 'up')
      run('ip', 'link', 'add', `${tag}v${k}`, 'netns', ns, 'type', 'veth', 'peer', 'name', `${tag}q${k}`, 'netns', internet)
      run('ip', '-n', internet, 'link', 'set', `${tag}q${k}`, 'master', 'br0')
      run('ip', '-n', internet, 'link', 'set', `${tag}q${k}`, 'up')
      run('ip', '-n', ns, 'addr', 'add', `${addr}/24`, 'dev', `${tag}v${k}`)
      run('ip', '-n', ns, 'link', 'set', `${tag}v${k}`, 'up')
      publics.push({ ns, addr })
    }
    for (const [n, nat] of opts.homes.entries()) {
      const router = `${tag}r${n}`
      const host = `${tag}h${n}`
      namespaces.push(router, host)
      const lanAddr = `192.168.${n + 1}.2`
      const gw = `192.168.${n + 1}.1`
      const wanAddr = `${LAB_INTERNET}.${10 + n}`
      run('ip', 'netns', 'add', router)
      run('ip', 'netns', 'add', host)
      for (const ns of [router, host]) run('ip', '-n', ns, 'link', 'set', 'lo', 'up')
      // WAN: router <-> internet bridge
      run('ip', 'link', 'add', `${tag}w${n}`, 'netns', router, 'type', 'veth', 'peer', 'name', `${tag}p${n}`, 'netns', internet)
      run('ip', '-n', internet, 'link', 'set', `${tag}p${n}`, 'master', 'br0')
      run('ip', '-n', internet, 'link', 'set', `${tag}p${n}`, 'up')
      run('ip', '-n', router, 'addr', 'add', `${wanAddr}/24`, 'dev', `${tag}w${n}`)
      run('ip', '-n', router, 'link', 'set', `${tag}w${n}`, 'up')
      // LAN: router <-> host
      run('ip', 'link', 'add', `${tag}l${n}`, 'netns', router, 'type', 'veth', 'peer', 'name', `${tag}e${n}`, 'netns', host)
      run('ip', '-n', router, 'addr', 'add', `${gw}/24`, 'dev', `${tag}l${n}`)
      run('ip', '-n', router, 'link', 'set', `${tag}l${n}`, 'up')
      run('ip', '-n', host, 'addr', 'add', `${lanAddr}/24`, 'dev', `${tag}e${n}`)
      run('ip', '-n', host, 'link', 'set', `${tag}e${n}`, 'up')
      run('ip', '-n', host, 'route', 'add', 'default', 'via', gw)
      inNs(router, 'sysctl', '-q', '-w', 'net.ipv4.ip_forward=1')
      inNs(router, 'iptables', '-t', 'nat', '-A', 'POSTROUTING', '-o', `${tag}w${n}`, '-j', 'MASQUERADE', ...(nat === 'symmetric' ? ['--random-fully'] : []))
      // nothing from the internet reaches the LAN unless it answers something the host sent
      inNs(router, 'iptables', '-A', 'FORWARD', '-i', `${tag}w${n}`, '-m', 'conntrack', '!', '--ctstate', 'ESTABLISHED,RELATED', '-j', 'DROP')
      homes.push({ nat, router, host, lanAddr, wanAddr, wanIf: `${tag}w${n}`, lanIf: `${tag}l${n}` })
    }
  } catch (err) {
    destroy()
    throw err
  }
  return { internet, publics, homes, destroy }
}
