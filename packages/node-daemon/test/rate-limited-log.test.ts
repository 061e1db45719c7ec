import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Logger } from '../src/logger.js'
import { RateLimitedLog } from '../src/rate-limited-log.js'

function recorder (): { log: Logger, lines: Array<{ msg: string, fields?: Record<string, unknown> }> } {
  const lines: Array<{ msg: string, fields?: Record<string, unknown> }> = []
  const push = (msg: string, fields?: Record<string, unknown>): void => { lines.push({ msg, ...(fields != null ? { fields } : {}) }) }
  const log: Logger = { debug: push, info: push, warn: push, error: push, child: () => log }
  return { log, lines }
}

describe('RateLimitedLog', () => {
  beforeEach(() => { vi.useFakeTimers() })
  afterEach(() => { vi.useRealTimers() })

  it('writes at most `lines` per window, then one summary with the count', () => {
    const { log, lines } = recorder()
    const r = new RateLimitedLog(log, { lines: 5, windowMs: 60_000, what: 'refused requests' })
    for (let i = 0; i < 1000; i++) r.log('rpc refused', { i })
    expect(lines).toHaveLength(5)
    vi.advanceTimersByTime(60_000)
    expect(lines).toHaveLength(6)
    expect(lines[5]?.msg).toBe('suppressed 995 more refused requests in the last 60 s')
    expect(lines[5]?.fields).toMatchObject({ suppressed: 995, last: 'rpc refused' })
    // nothing more suppressed: no further summary
    vi.advanceTimersByTime(600_000)
    expect(lines).toHaveLength(6)
  })

  it('a steady flood stays bounded over many windows', () => {
    const { log, lines } = recorder()
    const r = new RateLimitedLog(log, { lines: 10, windowMs: 1_000, what: 'x' })
    for (let ms = 0; ms < 10_000; ms += 2) { r.log('bad'); vi.advanceTimersByTime(2) }
    r.close()
    // 10 windows × (10 lines + 1 summary)
    expect(lines.length).toBeLessThanOrEqual(10 * 11 + 1)
    const suppressed = lines.filter(l => l.msg.startsWith('suppressed')).reduce((n, l) => n + (l.fields?.suppressed as number), 0)
    expect(lines.length - lines.filter(l => l.msg.startsWith('suppressed')).length + suppressed).toBe(5000)
  })

  it('writes at the configured level', () => {
    const errors: string[] = []
    const { log, lines } = recorder()
    const r = new RateLimitedLog({ ...log, error: (msg: string) => { errors.push(msg) } }, { lines: 1, windowMs: 1_000, what: 'failures', level: 'error' })
    r.log('a'); r.log('b')
    r.close()
    expect(errors).toEqual(['a', 'suppressed 1 more failures in the last 1 s'])
    expect(lines).toEqual([])
  })

  it('a quiet source is never summarised', () => {
    const { log, lines } = recorder()
    const r = new RateLimitedLog(log, { lines: 3, windowMs: 1_000, what: 'x' })
    for (let i = 0; i < 10; i++) { r.log('one'); vi.advanceTimersByTime(1_000) }
    r.close()
    expect(lines.map(l => l.msg)).toEqual(Array(10).fill('one'))
  })
})
