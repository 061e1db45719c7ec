// Call notifications of one daemon, recorded as they arrive (with the test's clock), for
// tests that wait for call states on both sides.
import { ParleyClient } from '@parley/core/ipc'
import type { CallInfo, WebSocketConstructor } from '@parley/core/ipc'
import WebSocket from 'ws'
import type { TestDaemon } from './daemons.js'

export type TimedCallInfo = CallInfo & { at: number }
export interface Watch { client: ParleyClient, states: TimedCallInfo[], incoming: TimedCallInfo[] }

export async function watch (d: Pick<TestDaemon, 'port' | 'token'>): Promise<Watch> {
  const client = new ParleyClient({ url: `http://127.0.0.1:${d.port}`, token: d.token, WebSocket: WebSocket as unknown as WebSocketConstructor })
  await client.connect()
  const w: Watch = { client, states: [], incoming: [] }
  client.on('call.state', s => { w.states.push({ ...s, at: Date.now() }) })
  client.on('call.incoming', s => { w.incoming.push({ ...s, at: Date.now() }) })
  return w
}

/** The first notification of `callId` in `state`, if any. */
export function reached (w: Watch, callId: string, state: string): TimedCallInfo | undefined {
  return w.states.find(s => s.callId === callId && s.state === state)
}
