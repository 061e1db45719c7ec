// @chainsafe/libp2p-quic 2.1.1 ignores the dial's AbortSignal: a dial to a dead UDP
// address runs until QUIC's idle timeout (15 s here), which stalls DHT lookups and
// `parley dial` long past the per-address timeout libp2p asks for. Racing the dial
// against its signal makes the per-address timeout real; the abandoned attempt fails on
// its own later (the upgrade sees the aborted signal and closes the connection).
// The wrapper also records each connection's native handle for its path statistics
// (quic-stats.ts).
import { quic } from '@chainsafe/libp2p-quic'
import type { Transport } from '@libp2p/interface'
import { raceSignal } from 'race-signal'
import { recordingUpgrader } from './quic-stats.js'

type QuicFactory = ReturnType<typeof quic>

export function abortableQuic (options: Parameters<typeof quic>[0]): QuicFactory {
  const factory = quic(options)
  return (components) => {
    const transport: Transport = factory(components)
    const dial = transport.dial.bind(transport)
    transport.dial = async (ma, opts) => await raceSignal(dial(ma, { ...opts, upgrader: recordingUpgrader(opts.upgrader) }), opts.signal)
    const createListener = transport.createListener.bind(transport)
    transport.createListener = (opts) => createListener({ ...opts, upgrader: recordingUpgrader(opts.upgrader) })
    return transport
  }
}
