import { describe, expect, it } from 'vitest'
import {
  ALLOWED_TRANSITIONS, CALL_STATUS, END_REASON, IDLE_CALL_STATE, InvalidTransitionError, canTransition, transition,
  type ActiveCallState, type CallEvent, type CallEventType, type CallState, type CallStatus
} from '../../src/call/index.js'

/** A clock that returns 1000, 2000, 3000, … so each recorded time shows which transition wrote it. */
function ticking (): () => number {
  let t = 0
  return () => (t += 1000)
}
const at = (ms: number) => ({ now: () => ms })

const dial: CallEvent = { type: 'dial', callId: 'c1', peerId: 'peerB', video: true }
const incoming: CallEvent = { type: 'incoming', callId: 'c2', peerId: 'peerA', video: true }

function run (events: CallEvent[], start: CallState = IDLE_CALL_STATE): ActiveCallState {
  let s = start
  events.forEach((e, i) => { s = transition(s, e, at((i + 1) * 100)) })
  return s as ActiveCallState
}

/** One state per status, reached through legal transitions only. */
const STATES: Record<CallStatus, CallState> = {
  idle: IDLE_CALL_STATE,
  outgoing: run([dial]),
  ringing: run([incoming]),
  connecting: run([incoming, { type: 'accept' }]),
  connected: run([dial, { type: 'answered' }, { type: 'media_up' }]),
  reconnecting: run([dial, { type: 'answered' }, { type: 'media_up' }, { type: 'connection_lost' }]),
  ended: run([dial, { type: 'cancel' }])
}

/** One instance of every event type. */
const EVENTS: Record<CallEventType, CallEvent> = {
  dial,
  incoming,
  accept: { type: 'accept' },
  answered: { type: 'answered' },
  rejected: { type: 'rejected' },
  busy: { type: 'busy' },
  reject: { type: 'reject' },
  cancel: { type: 'cancel' },
  cancelled: { type: 'cancelled' },
  ring_timeout: { type: 'ring_timeout' },
  media_up: { type: 'media_up' },
  connection_lost: { type: 'connection_lost' },
  reconnect_timeout: { type: 'reconnect_timeout' },
  hangup: { type: 'hangup' },
  remote_hangup: { type: 'remote_hangup' },
  failed: { type: 'failed' },
  hold: { type: 'hold' },
  resume: { type: 'resume' },
  remote_hold: { type: 'remote_hold' },
  remote_resume: { type: 'remote_resume' },
  mute: { type: 'mute', audio: true },
  remote_mute: { type: 'remote_mute', audio: true, video: false }
}

const LIVE: CallStatus[] = ['outgoing', 'ringing', 'connecting', 'connected', 'reconnecting']
const IN_CALL: CallStatus[] = ['connected', 'reconnecting']

/**
 * The specification, written out independently of the implementation's table:
 * event → status → expected resulting status.
 */
const SPEC: Record<CallEventType, Partial<Record<CallStatus, { to: CallStatus, reason?: string }>>> = {
  dial: { idle: { to: 'outgoing' } },
  incoming: { idle: { to: 'ringing' } },
  accept: { ringing: { to: 'connecting' } },
  answered: { outgoing: { to: 'connecting' } },
  rejected: { outgoing: { to: 'ended', reason: 'rejected' } },
  busy: { outgoing: { to: 'ended', reason: 'busy' } },
  reject: { ringing: { to: 'ended', reason: 'rejected' } },
  cancel: { outgoing: { to: 'ended', reason: 'cancelled' } },
  cancelled: { ringing: { to: 'ended', reason: 'cancelled' } },
  ring_timeout: { outgoing: { to: 'ended', reason: 'no_answer' }, ringing: { to: 'ended', reason: 'no_answer' } },
  media_up: { connecting: { to: 'connected' }, reconnecting: { to: 'connected' } },
  connection_lost: { connected: { to: 'reconnecting' } },
  reconnect_timeout: { reconnecting: { to: 'ended', reason: 'connection_lost' } },
  hangup: {
    outgoing: { to: 'ended', reason: 'cancelled' },
    ...Object.fromEntries(LIVE.filter(s => s !== 'outgoing').map(s => [s, { to: 'ended', reason: 'hung_up' }]))
  },
  remote_hangup: Object.fromEntries(LIVE.map(s => [s, { to: 'ended', reason: 'hung_up' }])),
  failed: Object.fromEntries(LIVE.map(s => [s, { to: 'ended', reason: 'failed' }])),
  hold: Object.fromEntries(IN_CALL.map(s => [s, { to: s }])),
  resume: Object.fromEntries(IN_CALL.map(s => [s, { to: s }])),
  remote_hold: Object.fromEntries(IN_CALL.map(s => [s, { to: s }])),
  remote_resume: Object.fromEntries(IN_CALL.map(s => [s, { to: s }])),
  mute: Object.fromEntries(IN_CALL.map(s => [s, { to: s }])),
  remote_mute: Object.fromEntries(IN_CALL.map(s => [s, { to: s }]))
}

const ALL_STATUSES = Object.values(CALL_STATUS)
const ALL_EVENTS = Object.keys(EVENTS) as CallEventType[]

describe('transition table', () => {
  it('the fixture states have the status they are named for', () => {
    for (const status of ALL_STATUSES) expect(STATES[status].status).toBe(status)
  })

  it('ALLOWED_TRANSITIONS matches the specification', () => {
    for (const type of ALL_EVENTS) {
      expect([...ALLOWED_TRANSITIONS[type]].sort(), type).toEqual(Object.keys(SPEC[type]).sort())
    }
    expect(Object.keys(ALLOWED_TRANSITIONS).sort()).toEqual([...ALL_EVENTS].sort())
  })

  describe.each(ALL_EVENTS)('event %s', (type) => {
    it.each(ALL_STATUSES)(`in %s`, (status) => {
      const state = STATES[status]
      const snapshot = structuredClone(state)
      const expected = SPEC[type][status]
      if (expected === undefined) {
        expect(canTransition(status, type)).toBe(false)
        let caught: unknown
        try { transition(state, EVENTS[type], at(99_999)) } catch (err) { caught = err }
        expect(caught).toBeInstanceOf(InvalidTransitionError)
        expect((caught as InvalidTransitionError).code).toBe('CALL_INVALID_TRANSITION')
        expect((caught as InvalidTransitionError).from).toBe(status)
        expect((caught as InvalidTransitionError).event).toBe(type)
      } else {
        expect(canTransition(status, type)).toBe(true)
        const next = transition(state, EVENTS[type], at(99_999))
        expect(next.status).toBe(expected.to)
        if (expected.to === 'ended') {
          expect((next as ActiveCallState).endReason).toBe(expected.reason)
          expect((next as ActiveCallState).endedAtMs).toBe(99_999)
        }
      }
      expect(state).toEqual(snapshot)
    })
  })
})

describe('call fields', () => {
  it('an outgoing call records who, what and when, then connects and hangs up', () => {
    const clock = ticking()
    let s = transition(IDLE_CALL_STATE, { type: 'dial', callId: 'abc', peerId: 'bob', video: false }, { now: clock })
    expect(s).toEqual({
      status: 'outgoing', callId: 'abc', peerId: 'bob', direction: 'out', video: false, startedAtMs: 1000,
      connectedAtMs: null, endedAtMs: null, endReason: null, localHold: false, remoteHold: false,
      localMute: { audio: false, video: false }, remoteMute: { audio: false, video: false }
    })
    s = transition(s, { type: 'answered' }, { now: clock })
    s = transition(s, { type: 'media_up' }, { now: clock })
    expect(s).toMatchObject({ status: 'connected', connectedAtMs: 2000 })
    s = transition(s, { type: 'hangup' }, { now: clock })
    expect(s).toMatchObject({ status: 'ended', endReason: END_REASON.hung_up, connectedAtMs: 2000, endedAtMs: 3000 })
  })

  it('an incoming call has direction in', () => {
    expect(run([incoming])).toMatchObject({ status: 'ringing', direction: 'in', callId: 'c2', peerId: 'peerA', startedAtMs: 100 })
  })

  it('connectedAtMs keeps the first connect across a reconnect', () => {
    const s = run([dial, { type: 'answered' }, { type: 'media_up' }, { type: 'connection_lost' }, { type: 'media_up' }])
    expect(s).toMatchObject({ status: 'connected', connectedAtMs: 300 })
  })

  it('the callee may decline video when accepting, and the caller learns it from the answer', () => {
    expect(run([incoming, { type: 'accept', video: false }]).video).toBe(false)
    expect(run([incoming, { type: 'accept' }]).video).toBe(true)
    expect(run([dial, { type: 'answered', video: false }]).video).toBe(false)
    expect(run([dial, { type: 'answered', video: true }]).video).toBe(true)
    // Accepting "with video" cannot add video that was never offered.
    expect(run([{ ...incoming, video: false }, { type: 'accept', video: true }]).video).toBe(false)
  })

  it('hold and resume set local and remote hold independently', () => {
    const base = STATES.connected
    const held = transition(base, { type: 'hold' }, at(1))
    expect(held).toMatchObject({ localHold: true, remoteHold: false })
    const both = transition(held, { type: 'remote_hold' }, at(1))
    expect(both).toMatchObject({ localHold: true, remoteHold: true })
    expect(transition(both, { type: 'resume' }, at(1))).toMatchObject({ localHold: false, remoteHold: true })
    expect(transition(both, { type: 'remote_resume' }, at(1))).toMatchObject({ localHold: true, remoteHold: false })
  })

  it('hold and mute survive a reconnect and may change during it', () => {
    let s = transition(STATES.connected, { type: 'hold' }, at(1))
    s = transition(s, { type: 'connection_lost' }, at(2))
    s = transition(s, { type: 'mute', video: true }, at(3))
    s = transition(s, { type: 'media_up' }, at(4))
    expect(s).toMatchObject({ status: 'connected', localHold: true, localMute: { audio: false, video: true } })
  })

  it('mute changes only the flags it names; remote_mute sets both', () => {
    let s = transition(STATES.connected, { type: 'mute', audio: true }, at(1))
    expect((s as ActiveCallState).localMute).toEqual({ audio: true, video: false })
    s = transition(s, { type: 'mute', video: true }, at(1))
    expect((s as ActiveCallState).localMute).toEqual({ audio: true, video: true })
    s = transition(s, { type: 'mute', audio: false }, at(1))
    expect((s as ActiveCallState).localMute).toEqual({ audio: false, video: true })
    s = transition(s, { type: 'remote_mute', audio: true, video: false }, at(1))
    expect((s as ActiveCallState).remoteMute).toEqual({ audio: true, video: false })
    expect((s as ActiveCallState).localMute).toEqual({ audio: false, video: true })
  })

  it('returns frozen states, so nobody can mutate a state in place', () => {
    const s = run([dial]) as ActiveCallState
    expect(Object.isFrozen(s)).toBe(true)
    expect(Object.isFrozen(s.localMute)).toBe(true)
    expect(Object.isFrozen(IDLE_CALL_STATE)).toBe(true)
  })

  it('an ended call stays ended: it records the first reason and time', () => {
    const ended = run([incoming, { type: 'reject' }]) as ActiveCallState
    expect(ended).toMatchObject({ endReason: 'rejected', endedAtMs: 200 })
    for (const e of [{ type: 'failed' }, { type: 'hangup' }, { type: 'media_up' }] as CallEvent[]) {
      expect(() => transition(ended, e)).toThrow(InvalidTransitionError)
    }
  })

  it('reads the injected clock once per transition that records a time', () => {
    let reads = 0
    const s = transition(IDLE_CALL_STATE, dial, { now: () => { reads++; return 42 } })
    expect(reads).toBe(1)
    expect((s as ActiveCallState).startedAtMs).toBe(42)
    transition(s, { type: 'answered' }, { now: () => { reads++; return 43 } })
    expect(reads).toBe(1)
  })
})
