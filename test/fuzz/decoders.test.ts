// Every decoder of peer and client input under a short fuzz pass (the full pass is
// `npm run fuzz`, 100 000 inputs each): no input may throw anything but the decoder's
// typed error, hang, or get a different answer as a view than as a copy. Each target
// must also both accept and reject some inputs, or its mutations are not reaching it.
import { describe, expect, it } from 'vitest'
import { fuzzTarget } from '../../benchmarks/fuzz/driver.mjs'
import { targets } from '../../benchmarks/fuzz/targets.mjs'

/** Per decoder; enough to cross every mutation and seed several times. */
const ITERATIONS = 2000
/**
 * Inputs take microseconds; a limit far above npm run fuzz's 2 s keeps a loaded CI machine
 * from reporting a stall as a hang, while a decoder that loops still fails (test timeout).
 */
const HANG_MS = 10_000

describe('decoder fuzz (short pass)', () => {
  it('covers every decoder the issue names', () => {
    expect(targets.map(t => t.name)).toEqual(expect.arrayContaining(['media-frame', 'media-socket', 'stream-header', 'control', 'dm-envelope', 'call-signal', 'ipc-json']))
  })

  for (const target of targets) {
    it(`${target.name}: ${ITERATIONS} inputs, no crash`, async () => {
      const r = await fuzzTarget(target, { seed: 1, iterations: ITERATIONS, hangMs: HANG_MS })
      // the whole group (class, message, input hex, stack) shows in a failure
      expect(r.crashGroups.map(g => ({ kind: g.kind, name: g.name, message: g.message, sample: g.samples[0] }))).toEqual([])
      expect(r.accepted).toBeGreaterThan(0)
      expect(r.typedTotal).toBeGreaterThan(0)
    })
  }
})
