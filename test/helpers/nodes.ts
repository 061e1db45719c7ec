// In-process libp2p testnet (many nodes in one process, where a process per node is
// too slow): the same node factory the daemon uses, on loopback QUIC.
import { generateKeyPair } from '@libp2p/crypto/keys'
import { createParleyNode, routingTableSize } from '@parley/node-daemon'
import type { ParleyLibp2p } from '@parley/node-daemon'
import { waitFor } from './daemons.js'
import { LOOPBACK_QUIC } from './daemons.js'

export interface InProcessNet {
  bootstrap: ParleyLibp2p
  nodes: ParleyLibp2p[]
  stop: () => Promise<void>
}

/** Node 0 is the bootstrap node; every other node knows only its address. */
export async function startInProcessNet (n: number): Promise<InProcessNet> {
  const bootstrap = await createParleyNode({ privateKey: await generateKeyPair('Ed25519'), listen: [LOOPBACK_QUIC], mdns: false })
  const bootAddr = bootstrap.getMultiaddrs()[0]?.toString() ?? ''
  const nodes: ParleyLibp2p[] = []
  for (let i = 1; i < n; i++) {
    nodes.push(await createParleyNode({ privateKey: await generateKeyPair('Ed25519'), listen: [LOOPBACK_QUIC], mdns: false, bootstrap: [bootAddr] }))
  }
  await waitFor(() => nodes.every(nd => routingTableSize(nd) > 0), 'every node to have a DHT routing table', 30_000)
  return {
    bootstrap,
    nodes,
    stop: async () => { await Promise.all([bootstrap, ...nodes].map(async nd => { await nd.stop() })) }
  }
}
