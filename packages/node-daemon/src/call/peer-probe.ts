// Is anything still listening where the peer's daemon was? After the peer goes silent, a
// probe of the call connection's remote address tells "its daemon is gone" (the host
// answers: ICMP port unreachable for UDP, RST for TCP) from "the network is cut" (no
// answer at all). Only the first ends a call early; a cut is waited out for the reconnect
// budget, since a QUIC connection survives a short blip (docs/protocol.md §4 "Liveness and reconnect").
// Written here because libp2p reports neither: quinn ignores ICMP errors and a dial to a
// dead QUIC address only times out.
import { createSocket } from 'node:dgram'
import { connect } from 'node:net'
import type { Multiaddr } from '@multiformats/multiaddr'

export type ProbeResult = 'refused' | 'no-answer' | 'listening' | 'not-probed'

/** Probe one address: `refused` means the host said nothing listens there. */
export async function probeAddress (addr: Multiaddr, timeoutMs: number): Promise<ProbeResult> {
  const parts = addr.getComponents()
  // a relayed address says nothing about the peer's own host
  if (parts.some(p => p.name === 'p2p-circuit')) return 'not-probed'
  const ip = parts.find(p => p.name === 'ip4' || p.name === 'ip6')
  const udp = parts.find(p => p.name === 'udp')
  const tcp = parts.find(p => p.name === 'tcp')
  if (ip?.value == null) return 'not-probed'
  if (udp?.value != null) return await probeUdp(ip.name === 'ip6' ? 'udp6' : 'udp4', ip.value, Number(udp.value), timeoutMs)
  if (tcp?.value != null) return await probeTcp(ip.value, Number(tcp.value), timeoutMs)
  return 'not-probed'
}

/**
 * A one-byte datagram from a connected UDP socket: a QUIC endpoint drops it (too short to
 * be a packet), a closed port makes the host send ICMP port unreachable, which Linux hands
 * a connected socket as ECONNREFUSED.
 */
async function probeUdp (type: 'udp4' | 'udp6', host: string, port: number, timeoutMs: number): Promise<ProbeResult> {
  return await new Promise(resolve => {
    const sock = createSocket(type)
    let done = false
    const finish = (r: ProbeResult): void => {
      if (done) return
      done = true
      clearTimeout(timer)
      try { sock.close() } catch {}
      resolve(r)
    }
    const timer = setTimeout(() => { finish('no-answer') }, timeoutMs)
    sock.on('error', (err: NodeJS.ErrnoException) => { finish(err.code === 'ECONNREFUSED' ? 'refused' : 'no-answer') })
    sock.on('message', () => { finish('listening') })
    sock.connect(port, host, () => {
      sock.send(new Uint8Array([0]), (err) => { if (err != null) finish((err as NodeJS.ErrnoException).code === 'ECONNREFUSED' ? 'refused' : 'no-answer') })
    })
  })
}

async function probeTcp (host: string, port: number, timeoutMs: number): Promise<ProbeResult> {
  return await new Promise(resolve => {
    const sock = connect({ host, port })
    const finish = (r: ProbeResult): void => {
      clearTimeout(timer)
      sock.destroy()
      resolve(r)
    }
    const timer = setTimeout(() => { finish('no-answer') }, timeoutMs)
    sock.once('connect', () => { finish('listening') })
    sock.once('error', (err: NodeJS.ErrnoException) => { finish(err.code === 'ECONNREFUSED' ? 'refused' : 'no-answer') })
  })
}
