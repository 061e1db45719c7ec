// Two network namespaces joined by a veth pair: a private LAN where multicast (mDNS)
// works without touching the host's interfaces. Needs root (CI runs as root).
import { execFileSync } from 'node:child_process'

export interface NetnsPair {
  a: string
  b: string
  addrA: string
  addrB: string
  destroy: () => void
}

export function createNetnsPair (): NetnsPair {
  if (process.getuid?.() !== 0) throw new Error('network-namespace tests need root (ip netns add)')
  const tag = `pl${process.pid % 100000}${Math.floor(Math.random() * 1000)}`
  const a = `${tag}a`
  const b = `${tag}b`
  const subnet = 10 + Math.floor(Math.random() * 200)
  const addrA = `10.${subnet}.77.1`
  const addrB = `10.${subnet}.77.2`
  const ip = (...args: string[]): void => { execFileSync('ip', args, { stdio: 'pipe' }) }
  const destroy = (): void => {
    for (const ns of [a, b]) { try { ip('netns', 'del', ns) } catch {} }
  }
  try {
    ip('netns', 'add', a)
    ip('netns', 'add', b)
    ip('link', 'add', `${tag}x`, 'type', 'veth', 'peer', 'name', `${tag}y`)
    ip('link', 'set', `${tag}x`, 'netns', a)
    ip('link', 'set', `${tag}y`, 'netns', b)
    for (const [ns, dev, addr] of [[a, `${tag}x`, addrA], [b, `${tag}y`, addrB]] as const) {
      ip('-n', ns, 'addr', 'add', `${addr}/24`, 'dev', dev)
      ip('-n', ns, 'link', 'set', dev, 'up')
      ip('-n', ns, 'link', 'set', 'lo', 'up')
      // no default route in a fresh namespace: give multicast somewhere to go
      ip('-n', ns, 'route', 'add', '224.0.0.0/4', 'dev', dev)
    }
  } catch (err) {
    destroy()
    throw err
  }
  return { a, b, addrA, addrB, destroy }
}
