// libp2p's AutoNAT service (@libp2p/autonat 3.0.28), with one fix. When a peer asks us to
// dial one of its addresses back, the service dials through the connection manager without
// `force`; if the address is the one the request came over (a NATed peer asking about its
// observed address, a public peer about the address we reached it on) the manager hands back
// that open connection, the service reports "dialable" — a false answer — and then closes it,
// dropping the asker's connection and its relay reservation with it. Seen in the NAT lab
// (docs/operations.md "The network lab"): every host lost its relays within a second.
// Giving the service a connection manager whose dials always open a new connection makes the
// check a real dial-back and leaves the asker's connection alone. Written here because the
// library has no option for it.
import { autoNAT } from '@libp2p/autonat'
import type { AutoNATComponents } from '@libp2p/autonat'

type ConnectionManager = AutoNATComponents['connectionManager']

export function autoNATWithFreshDials (): (components: AutoNATComponents) => unknown {
  const factory = autoNAT()
  return (components) => {
    let wrapped: ConnectionManager | undefined
    const freshDials = (cm: ConnectionManager): ConnectionManager => new Proxy(cm, {
      get (target, prop) {
        if (prop === 'openConnection') {
          return async (peer: Parameters<ConnectionManager['openConnection']>[0], options?: Parameters<ConnectionManager['openConnection']>[1]) =>
            await target.openConnection(peer, { ...options, force: true })
        }
        const value: unknown = Reflect.get(target, prop, target)
        return typeof value === 'function' ? value.bind(target) : value
      }
    })
    return factory(new Proxy(components, {
      get (target, prop, receiver) {
        if (prop === 'connectionManager') return (wrapped ??= freshDials(target.connectionManager))
        return Reflect.get(target, prop, receiver)
      }
    }))
  }
}
