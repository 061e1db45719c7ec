// The page's whole state in one immutable object; components re-render when it changes.
// Only the controller writes it, from IPC answers and notifications.
import { useEffect, useState } from 'preact/hooks'
import type { CallInfo, CallStatsResult, Contact, Conversation, Message, ResultOf, StatusResult } from '@parley/core/ipc'

export type CallRecord = ResultOf<'call.history'>[number]

export type View =
  | { kind: 'welcome' }
  | { kind: 'identity' }
  | { kind: 'thread', peerId: string }
  | { kind: 'contacts' }
  | { kind: 'history' }
  | { kind: 'settings' }
  | { kind: 'call' }

/** online: WebSocket open; offline: daemon unreachable (retrying); unauthorized: token refused. */
export type Link = 'connecting' | 'online' | 'offline' | 'unauthorized'

/** One minute of one-a-second samples in the live graph. */
export const MAX_SAMPLES = 60

export interface StatsSample {
  at: number
  bitrateKbps: number
  rttMs: number | null
  latencyMs: number | null
}

export interface State {
  link: Link
  status: StatusResult | null
  contacts: Contact[]
  conversations: Conversation[]
  /** Loaded threads by peer ID, oldest message first. */
  messages: Record<string, Message[]>
  typing: Record<string, boolean>
  call: CallInfo | null
  stats: CallStatsResult | null
  /** Recent call.stats samples for the live graph (one a second). */
  samples: StatsSample[]
  history: CallRecord[]
  view: View
  /** Short message for the toast (an IPC error the user should see). */
  notice: string | null
}

const initial: State = {
  link: 'connecting',
  status: null,
  contacts: [],
  conversations: [],
  messages: {},
  typing: {},
  call: null,
  stats: null,
  samples: [],
  history: [],
  view: { kind: 'welcome' },
  notice: null
}

type Listener = (s: State) => void

export class Store {
  private state: State = initial
  private readonly listeners = new Set<Listener>()

  get (): State { return this.state }

  update (fn: (s: State) => Partial<State>): void {
    this.state = { ...this.state, ...fn(this.state) }
    for (const l of this.listeners) l(this.state)
  }

  subscribe (l: Listener): () => void {
    this.listeners.add(l)
    return () => { this.listeners.delete(l) }
  }
}

export const store = new Store()

export function useAppState (): State {
  const [s, set] = useState(store.get())
  useEffect(() => store.subscribe(set), [])
  return s
}
