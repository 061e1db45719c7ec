// Calls between real daemon processes that found each other through the DHT (via a
// bootstrap node): media, recordings, every way a call can end, and history.
import { ParleyClient } from '@parley/core/ipc'
import type { CallInfo, WebSocketConstructor } from '@parley/core/ipc'
import WebSocket from 'ws'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { parley } from './helpers/cli.js'
import { makeHome, startTestDaemon, teardown, waitFor } from './helpers/daemons.js'
import type { TestDaemon } from './helpers/daemons.js'
import { reached as reachedState, watch } from './helpers/call-watch.js'
import { readRecording } from './helpers/recording.js'
import type { Watch } from './helpers/call-watch.js'

// the ring must outlast a CLI process starting on a loaded 2-core box (`parley answer` took over 4 s once in a full run)
const TIMEOUTS = ['--ring-timeout', '10000', '--reconnect-timeout', '3000']

const ended = (w: Watch, callId: string): CallInfo | undefined => w.states.find(s => s.callId === callId && s.state === 'ended')
const reached = (w: Watch, callId: string, state: string): boolean => reachedState(w, callId, state) != null

describe('calls', () => {
  let boot: TestDaemon, a: TestDaemon, b: TestDaemon, c: TestDaemon
  let wa: Watch, wb: Watch, wc: Watch
  const recordDir = makeHome('parley-rec-')

  beforeAll(async () => {
    boot = await startTestDaemon()
    ;[a, b, c] = await Promise.all([
      startTestDaemon({ args: ['--bootstrap', boot.addr, ...TIMEOUTS] }),
      startTestDaemon({ args: ['--bootstrap', boot.addr, ...TIMEOUTS, '--record', recordDir] }),
      startTestDaemon({ args: ['--bootstrap', boot.addr, ...TIMEOUTS] })
    ])
    await waitFor(async () => (await a.client.call('status')).dhtRoutingTableSize > 0 && (await b.client.call('status')).dhtRoutingTableSize > 0, 'routing tables')
    ;[wa, wb, wc] = await Promise.all([watch(a), watch(b), watch(c)])
    await a.client.call('contacts.add', { peerId: b.peerId, nickname: 'Bob' })
    // B knows A too: A calls B many times a minute here, more than B lets a stranger ring
    // (docs/security.md "Strangers"); C stays a stranger to everyone
    await b.client.call('contacts.add', { peerId: a.peerId, nickname: 'Ann' })
  }, 90_000)

  afterEach(async () => {
    // a failed test must not leave a call that makes the next one "busy"
    for (const d of [a, b, c]) {
      if (await d.client.call('call.current') != null) await d.client.call('call.hangup', {}).catch(() => {})
    }
  })
  afterAll(async () => {
    for (const w of [wa, wb, wc]) w?.client.close()
    await teardown([a, b, c, boot])
  })

  it('audio + video call: B answers, media flows both ways, mute/video/hold mid-call, B hangs up; recordings and history are right', async () => {
    const started = await a.client.call('call.start', { peerId: b.peerId, video: true })
    const id = started.callId
    expect(started.state).toBe('outgoing')
    await waitFor(() => wb.incoming.find(s => s.callId === id), 'incoming call at B')
    expect(wb.incoming.find(s => s.callId === id)?.unknownCaller).toBe(false) // A is in B's contacts
    await b.client.call('call.answer', { callId: id })
    await waitFor(() => reached(wa, id, 'connected') && reached(wb, id, 'connected'), 'connected on both sides')
    await waitFor(async () => { const s = await b.client.call('call.stats'); return (s.video.decoded ?? 0) > 30 && (s.audio.decoded ?? 0) > 50 }, 'media at B')
    const sa = await a.client.call('call.stats')
    expect(sa.audio.decoded).toBeGreaterThan(0)
    expect(sa.rttMs).not.toBeNull()
    expect(sa.forgedFrames).toBe(0)
    // quinn's own view of the path reaches the stats (and the ABR)
    expect(sa.transport?.rttMs).toBeGreaterThanOrEqual(0)
    expect(sa.transport?.rttMs).toBeLessThan(1000)
    expect(sa.transport?.sentPackets).toBeGreaterThan(100)

    expect((await a.client.call('call.mute', { muted: true })).muted).toBe(true)
    expect((await a.client.call('call.video', { on: false })).videoOn).toBe(false)
    await new Promise(resolve => setTimeout(resolve, 700)) // frames already in flight drain
    const vBefore = (await b.client.call('call.stats')).video.decoded ?? 0
    await new Promise(resolve => setTimeout(resolve, 1000))
    const vAfter = (await b.client.call('call.stats')).video.decoded ?? 0
    expect(vAfter - vBefore).toBeLessThan(3) // camera off: no new frames (30 would arrive with it on)
    await a.client.call('call.video', { on: true })
    await a.client.call('call.mute', { muted: false })
    await waitFor(async () => ((await b.client.call('call.stats')).video.decoded ?? 0) > vAfter + 10, 'video back after camera on')

    await a.client.call('call.hold', { hold: true })
    await waitFor(() => wb.states.some(s => s.callId === id && s.remoteHold), 'B sees the hold')
    await a.client.call('call.hold', { hold: false })
    await waitFor(() => wb.states.some(s => s.callId === id && !s.remoteHold && s.state === 'connected' && wb.states.indexOf(s) > wb.states.findIndex(x => x.remoteHold)), 'B sees the resume')
    await new Promise(resolve => setTimeout(resolve, 1500))

    // B asks for smaller video (e.g. its window shrank): A's encoder drops to fit
    await b.client.call('call.renegotiate', { video: true, maxWidth: 320, maxHeight: 240 })
    await waitFor(async () => { const s = await a.client.call('call.stats'); return (s.video.width ?? 9999) <= 320 && (s.video.height ?? 9999) <= 240 }, 'A to send at most 320x240')

    const hang = await parley(['--home', b.home, 'hangup'])
    expect(hang.stdout).toContain('ended (hung_up)')
    await waitFor(() => ended(wa, id), 'A sees the hang-up')
    expect(ended(wa, id)?.endReason).toBe('hung_up')

    // B recorded A's 440 Hz tone and A's video with the frame counters in order
    const rec = await readRecording(recordDir, id)
    expect(rec.toneHz).toBeGreaterThan(420)
    expect(rec.toneHz).toBeLessThan(460)
    expect(rec.videoFrames).toBeGreaterThan(30)
    const counters = rec.counters
    expect(counters.length).toBeGreaterThan(30)
    for (let i = 1; i < counters.length; i++) expect(counters[i]).toBeGreaterThan(counters[i - 1] ?? -1)

    const histA = (await a.client.call('call.history')).find(r => r.callId === id)
    const histB = (await b.client.call('call.history')).find(r => r.callId === id)
    expect(histA).toMatchObject({ direction: 'out', peerId: b.peerId, video: true, endReason: 'hung_up' })
    expect(histB).toMatchObject({ direction: 'in', peerId: a.peerId, video: true, endReason: 'hung_up' })
    expect(histA?.durationMs).toBeGreaterThan(2000)
  }, 120_000)

  it('audio-only call from the CLI with --duration; the callee answers from the CLI', async () => {
    const call = await parley(['--home', a.home, 'call', b.peerId, '--duration', '2'])
    expect(call.stdout).toMatch(/^outgoing\s+to /)
    const id = wa.states.at(-1)?.callId ?? ''
    await waitFor(() => wb.incoming.find(s => s.callId === id), 'ringing at B')
    const ans = await parley(['--home', b.home, 'answer'])
    expect(ans.stdout).toContain('connecting')
    await waitFor(() => ended(wa, id) && ended(wb, id), 'the call to end after 2 s', 20_000)
    expect(ended(wb, id)?.endReason).toBe('hung_up')
    const hist = await parley(['--home', a.home, 'calls'])
    expect(hist.stdout).toContain(`→ ${b.peerId}  audio`)
  }, 60_000)

  it('reject, cancel and no answer', async () => {
    let id = (await a.client.call('call.start', { peerId: b.peerId })).callId
    await waitFor(() => wb.incoming.find(s => s.callId === id), 'ring 1')
    await b.client.call('call.reject', {})
    await waitFor(() => ended(wa, id), 'A sees the rejection')
    expect(ended(wa, id)?.endReason).toBe('rejected')
    expect(ended(wb, id)?.endReason).toBe('rejected')

    id = (await a.client.call('call.start', { peerId: b.peerId })).callId
    await waitFor(() => wb.incoming.find(s => s.callId === id), 'ring 2')
    await a.client.call('call.hangup', {})
    await waitFor(() => ended(wb, id), 'B sees the cancel')
    expect(ended(wa, id)?.endReason).toBe('cancelled')
    expect(ended(wb, id)?.endReason).toBe('cancelled')

    id = (await a.client.call('call.start', { peerId: b.peerId })).callId
    await waitFor(() => ended(wa, id) && ended(wb, id), 'ring timeout (10 s)', 30_000)
    expect([ended(wa, id)?.endReason, ended(wb, id)?.endReason]).toEqual(['no_answer', 'no_answer'])
    const rows = await b.client.call('call.history')
    expect(rows.filter(r => r.peerId === a.peerId).map(r => r.endReason).slice(0, 3)).toEqual(['no_answer', 'cancelled', 'rejected'])
  }, 60_000)

  it('busy: a second caller gets busy while a call is on', async () => {
    const id = (await a.client.call('call.start', { peerId: b.peerId })).callId
    await waitFor(() => wb.incoming.find(s => s.callId === id), 'ring')
    await b.client.call('call.answer', {})
    await waitFor(() => reached(wa, id, 'connected'), 'connected')
    const other = (await c.client.call('call.start', { peerId: b.peerId })).callId
    await waitFor(() => ended(wc, other), 'C gets busy')
    expect(ended(wc, other)?.endReason).toBe('busy')
    expect((await b.client.call('call.current'))?.callId).toBe(id)
    await a.client.call('call.hangup', {})
    await waitFor(() => ended(wb, id), 'hang-up from the caller side')
    expect(ended(wb, id)?.endReason).toBe('hung_up')
  }, 60_000)

  it('glare: both call each other at once and end up in one call', async () => {
    const [ca, cb] = await Promise.all([
      a.client.call('call.start', { peerId: b.peerId }),
      b.client.call('call.start', { peerId: a.peerId })
    ])
    await waitFor(async () => {
      const [x, y] = await Promise.all([a.client.call('call.current'), b.client.call('call.current')])
      return x != null && y != null && x.callId === y.callId && (x.state === 'ringing' || y.state === 'ringing')
    }, 'one surviving call')
    const surviving = (await a.client.call('call.current'))?.callId
    expect([ca.callId, cb.callId]).toContain(surviving)
    const ringing = (await a.client.call('call.current'))?.state === 'ringing' ? a : b
    await ringing.client.call('call.answer', {})
    await waitFor(() => reached(wa, surviving ?? '', 'connected') && reached(wb, surviving ?? '', 'connected'), 'glare call connected')
    await b.client.call('call.hangup', {})
    await waitFor(() => ended(wa, surviving ?? ''), 'glare call ended')
  }, 60_000)

  it('a dropped connection is re-established and the call goes on', async () => {
    const d = await startTestDaemon({ args: ['--bootstrap', boot.addr, '--ring-timeout', '4000', '--reconnect-timeout', '15000', '--auto-answer'] })
    try {
      await waitFor(async () => (await d.client.call('status')).dhtRoutingTableSize > 0, 'D to join the DHT')
      const id = (await a.client.call('call.start', { peerId: d.peerId })).callId
      await waitFor(() => reached(wa, id, 'connected'), 'connected')
      await waitFor(async () => ((await d.client.call('call.stats')).audio.decoded ?? 0) > 20, 'audio at D')
      await a.client.call('peer.hangup', { peerId: d.peerId })
      await waitFor(() => reached(wa, id, 'reconnecting'), 'reconnecting')
      const at = wa.states.findIndex(s => s.callId === id && s.state === 'reconnecting')
      await waitFor(() => wa.states.slice(at).some(s => s.callId === id && s.state === 'connected'), 'connected again', 20_000)
      const before = (await d.client.call('call.stats')).audio.decoded ?? 0
      await waitFor(async () => ((await d.client.call('call.stats')).audio.decoded ?? 0) > before + 20, 'audio flowing again')
      expect((await a.client.call('call.current'))?.callId).toBe(id)
      await a.client.call('call.hangup', {})
    } finally {
      await teardown([d])
    }
  }, 90_000)

  it('a daemon with --unknown-callers reject turns away callers not in its contacts', async () => {
    const e = await startTestDaemon({ args: ['--bootstrap', boot.addr, ...TIMEOUTS, '--unknown-callers', 'reject'] })
    try {
      await waitFor(async () => (await e.client.call('status')).dhtRoutingTableSize > 0, 'E to join the DHT')
      const id = (await a.client.call('call.start', { peerId: e.peerId })).callId
      await waitFor(() => ended(wa, id), 'A sees the rejection')
      expect(ended(wa, id)?.endReason).toBe('rejected')
      expect(await e.client.call('call.current')).toBeNull()
    } finally {
      await teardown([e])
    }
  }, 60_000)

  it('killing the callee mid-call ends the call at the caller with "connection lost"', async () => {
    const d = await startTestDaemon({ args: ['--bootstrap', boot.addr, ...TIMEOUTS, '--auto-answer'] })
    try {
      await waitFor(async () => (await d.client.call('status')).dhtRoutingTableSize > 0, 'D to join the DHT')
      const id = (await a.client.call('call.start', { peerId: d.peerId })).callId
      await waitFor(() => reached(wa, id, 'connected'), 'connected to the auto-answering daemon')
      d.kill()
      await waitFor(() => reached(wa, id, 'reconnecting'), 'reconnecting', 30_000)
      await waitFor(() => ended(wa, id), 'connection lost after the reconnect timeout', 30_000)
      expect(ended(wa, id)?.endReason).toBe('connection_lost')
      expect((await a.client.call('call.history')).find(r => r.callId === id)?.endReason).toBe('connection_lost')
    } finally {
      await teardown([d])
    }
  }, 90_000)
})
