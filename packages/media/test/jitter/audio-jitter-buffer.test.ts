import { describe, expect, it } from 'vitest'
import { AudioJitterBuffer, JITTER_CEILING_MS, JITTER_FLOOR_MS } from '../../src/index.js'
import type { AudioFrame, AudioJitterBufferOptions, PlayoutDecision } from '../../src/index.js'

const FRAME_MS = 20

function frame (seq: number, baseSeq = 0): AudioFrame {
  return { seq: seq >>> 0, captureTsUs: ((seq - baseSeq) >>> 0) * FRAME_MS * 1000, payload: Uint8Array.from([seq & 0xff]) }
}

interface Arrival { seq: number, atMs: number }

/** Pushes each arrival when the tick clock passes it, pops once per 20 ms from `startMs`. */
function simulate (arrivals: Arrival[], ticks: number, options: AudioJitterBufferOptions = {}, startMs = 0, baseSeq = 0): { jb: AudioJitterBuffer, decisions: PlayoutDecision[] } {
  const jb = new AudioJitterBuffer(options)
  const queue = [...arrivals].sort((a, b) => a.atMs - b.atMs)
  const decisions: PlayoutDecision[] = []
  for (let t = 0; t < ticks; t++) {
    const now = startMs + t * FRAME_MS
    while (queue.length > 0 && (queue[0]?.atMs ?? Infinity) <= now) {
      const a = queue.shift() as Arrival
      jb.push(frame(a.seq, baseSeq), a.atMs)
    }
    decisions.push(jb.pop(now))
  }
  return { jb, decisions }
}

const steady = (n: number, transitMs = 50, first = 0): Arrival[] =>
  Array.from({ length: n }, (_, i) => ({ seq: first + i, atMs: (first + i) * FRAME_MS + transitMs }))

const played = (ds: PlayoutDecision[]): Array<string> =>
  ds.flatMap(d => d.type === 'silence' ? [] : [`${d.type}:${d.seq}`])

describe('AudioJitterBuffer', () => {
  it('plays a steady stream in order after the floor delay, with nothing lost', () => {
    const { jb, decisions } = simulate(steady(100), 100)
    const out = played(decisions)
    expect(out.slice(0, 5)).toEqual(['decode:0', 'decode:1', 'decode:2', 'decode:3', 'decode:4'])
    expect(out.every(s => s.startsWith('decode'))).toBe(true)
    const firstPlay = decisions.findIndex(d => d.type !== 'silence')
    expect(firstPlay * FRAME_MS).toBeGreaterThanOrEqual(50 + JITTER_FLOOR_MS - FRAME_MS)
    const s = jb.stats()
    expect(s).toMatchObject({ lost: 0, late: 0, concealed: 0, duplicates: 0, trimmed: 0, jitterMs: 0, targetDelayMs: JITTER_FLOOR_MS })
    expect(s.currentDelayMs).toBeGreaterThanOrEqual(FRAME_MS)
    expect(s.currentDelayMs).toBeLessThanOrEqual(JITTER_FLOOR_MS + FRAME_MS)
  })

  it('reorders frames that arrive swapped', () => {
    const arrivals = steady(100).map(a => ({ seq: a.seq, atMs: a.atMs + (a.seq % 2 === 0 ? 15 : 0) }))
    const { jb, decisions } = simulate(arrivals, 100)
    const out = played(decisions)
    // every frame is decoded in seq order; the only frames not played are the few the
    // buffer trims while settling from its initial target down to the measured jitter
    expect(out.every(d => d.startsWith('decode:'))).toBe(true)
    const seqs = out.map(d => Number(d.split(':')[1]))
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1] ?? -1)
    expect(seqs.length + jb.stats().trimmed).toBeGreaterThanOrEqual(80)
    expect(jb.stats().trimmed).toBeLessThanOrEqual(2)
    expect(jb.stats().lost).toBe(0)
  })

  it('conceals a late frame with FEC from the next packet and drops it on arrival', () => {
    const arrivals = steady(100).map(a => a.seq === 30 ? { seq: 30, atMs: a.atMs + 400 } : a)
    const { jb, decisions } = simulate(arrivals, 100, { ceilingMs: 60 })
    const slot30 = decisions.find(d => d.type !== 'silence' && d.seq === 30)
    expect(slot30?.type).toBe('fec')
    if (slot30?.type === 'fec') expect(slot30.nextFrame.seq).toBe(31)
    expect(played(decisions)).toContain('decode:31')
    expect(jb.stats()).toMatchObject({ late: 1, lost: 1, fec: 1, concealed: 1 })
  })

  it('uses PLC when the next packet is missing too, then FEC', () => {
    const arrivals = steady(100).filter(a => a.seq !== 40 && a.seq !== 41)
    const { jb, decisions } = simulate(arrivals, 100)
    const out = played(decisions)
    expect(out.slice(out.indexOf('decode:39'), out.indexOf('decode:42') + 1)).toEqual(['decode:39', 'plc:40', 'fec:41', 'decode:42'])
    expect(jb.stats()).toMatchObject({ lost: 2, concealed: 2, fec: 1, late: 0 })
  })

  it('counts duplicates (redundant copies) separately from late frames', () => {
    const jb = new AudioJitterBuffer()
    expect(jb.push(frame(0), 0)).toBe('accepted')
    expect(jb.push(frame(0), 5)).toBe('duplicate')
    expect(jb.push(frame(1), 20)).toBe('accepted')
    jb.pop(100)
    expect(jb.push(frame(0), 101)).toBe('duplicate')
    expect(jb.stats()).toMatchObject({ duplicates: 2, late: 0, received: 4 })
  })

  it('raises the target delay with jitter, within floor and ceiling', () => {
    let seed = 7
    const rnd = (): number => { seed = (seed * 1103515245 + 12345) >>> 0; return (seed >>> 16) / 65536 }
    const jittery = steady(400).map(a => ({ seq: a.seq, atMs: a.atMs + Math.round(rnd() * 120) }))
    const { jb } = simulate(jittery, 420)
    const s = jb.stats()
    expect(s.jitterMs).toBeGreaterThan(80)
    expect(s.targetDelayMs).toBeGreaterThan(100)
    expect(s.targetDelayMs).toBeLessThanOrEqual(JITTER_CEILING_MS)
    expect(s.late).toBeLessThan(40)
    // The playout delay was raised to follow the target by inserting concealment.
    expect(s.stretched).toBeGreaterThan(0)
    expect(s.currentDelayMs).toBeGreaterThanOrEqual(s.targetDelayMs - 2 * FRAME_MS)
    const wild = steady(200).map(a => ({ seq: a.seq, atMs: a.atMs + (a.seq % 5 === 0 ? 600 : 0) }))
    expect(simulate(wild, 200).jb.stats().targetDelayMs).toBe(JITTER_CEILING_MS)
  })

  it('plays out by deadline: a stall is concealed and skipped, not turned into lasting delay; a long silence stops playout', () => {
    const arrivals = [...steady(30), ...steady(30, 50 + 100, 30)]  // 100 ms stall after frame 29
    const { jb, decisions } = simulate(arrivals, 80)
    const out = played(decisions)
    expect(out).toContain('plc:30')
    // the frames due during the stall were skipped (lost), and they came too late to play
    expect(out).not.toContain('decode:30')
    expect(jb.stats().lost).toBeGreaterThan(0)
    expect(jb.stats().late).toBeGreaterThan(0)
    // after the stall the delay is back at the target, not target + 100 ms
    expect(jb.stats().currentDelayMs).toBeLessThanOrEqual(jb.stats().targetDelayMs + FRAME_MS)
    expect(out.filter(s => s.startsWith('decode')).length).toBeGreaterThan(45)

    const { decisions: d2 } = simulate(steady(20), 60)
    const tail = d2.slice(-10).map(d => d.type)
    expect(tail.every(t => t === 'silence')).toBe(true)
    expect(d2.filter(d => d.type === 'plc').length).toBe(10)
  })

  it('still plays frames later than usual but within the target delay', () => {
    // frames 30–34 are 30 ms later than usual: less than the 40 ms target, so none is skipped
    const arrivals = steady(60).map(a => a.seq >= 30 && a.seq < 35 ? { ...a, atMs: a.atMs + 30 } : a)
    const { jb, decisions } = simulate(arrivals, 60, { floorMs: 40, initialTargetMs: 40 })
    for (let seq = 30; seq < 35; seq++) expect(played(decisions)).toContain(`decode:${seq}`)
    expect(jb.stats().lost).toBe(0)
  })

  it('trims a burst back towards the target', () => {
    // 400 ms of frames arrive at once after a stall, then steady again.
    const arrivals = steady(200).map(a => ({ seq: a.seq, atMs: a.seq >= 50 && a.seq < 70 ? 70 * FRAME_MS + 50 : a.atMs }))
    const { jb } = simulate(arrivals, 200)
    const s = jb.stats()
    expect(s.trimmed).toBeGreaterThan(0)
    expect(s.currentDelayMs).toBeLessThanOrEqual(s.targetDelayMs + 60 + FRAME_MS)
  })

  it('handles sequence numbers wrapping past 2^32', () => {
    const first = 0xffff_fff0
    const arrivals = steady(40).map(a => ({ seq: (a.seq + first) >>> 0, atMs: a.atMs }))
    // stop before the stream ends (the ticks after its end would count as lost)
    const { jb, decisions } = simulate(arrivals, 38, {}, 0, first)
    const out = played(decisions)
    expect(out).toContain(`decode:${0xffff_ffff}`)
    expect(out).toContain('decode:0')
    expect(jb.stats().lost).toBe(0)
  })

  it('restarts on a large sequence jump (sender restart)', () => {
    const jb = new AudioJitterBuffer()
    for (let i = 0; i < 10; i++) jb.push(frame(i), i * 20)
    for (let t = 0; t < 5; t++) jb.pop(100 + t * 20)
    expect(jb.push({ seq: 500_000, captureTsUs: 0, payload: Uint8Array.from([1]) }, 300)).toBe('accepted')
    expect(jb.stats().playing).toBe(false)
  })
})
