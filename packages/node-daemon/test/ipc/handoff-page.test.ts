import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HANDOFF_PAGE_PREFIX, handoffPageHtml, handoffPagePath, removeStaleHandoffPages, writeHandoffPage } from '../../src/ipc/handoff-page.js'

describe('GUI sign-in page', () => {
  let dir: string
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'parley-page-')) })
  afterEach(() => { rmSync(dir, { recursive: true, force: true }) })

  it('is written 0600 under a fresh name and sends the browser to the target', () => {
    const file = handoffPagePath(dir)
    expect(file.startsWith(join(dir, HANDOFF_PAGE_PREFIX))).toBe(true)
    expect(handoffPagePath(dir)).not.toBe(file)
    const target = 'http://127.0.0.1:7373/#code=abc_DEF-123'
    writeHandoffPage(file, target)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const html = readFileSync(file, 'utf8')
    expect(html).toContain(`location.replace(${JSON.stringify(target)})`)
    expect(html).toContain(`href="${target}"`)
  })

  it('never writes through an existing file or symlink', () => {
    const file = handoffPagePath(dir)
    const elsewhere = join(dir, 'elsewhere')
    writeFileSync(elsewhere, 'keep')
    symlinkSync(elsewhere, file)
    expect(() => { writeHandoffPage(file, 'http://127.0.0.1:1/#code=x') }).toThrow(/EEXIST/)
    expect(readFileSync(elsewhere, 'utf8')).toBe('keep')
  })

  it('escapes the target in the attribute and the script', () => {
    const html = handoffPageHtml('http://x/"><script>alert(1)</script>')
    expect(html).not.toContain('"><script>alert')
    expect(html).not.toContain('</script>alert')
  })

  it('removes pages left behind by an earlier daemon, and nothing else', () => {
    writeHandoffPage(handoffPagePath(dir), 'http://127.0.0.1:1/#code=a')
    writeHandoffPage(handoffPagePath(dir), 'http://127.0.0.1:1/#code=b')
    writeFileSync(join(dir, 'daemon.log'), '')
    expect(removeStaleHandoffPages(dir)).toBe(2)
    expect(readdirSync(dir)).toEqual(['daemon.log'])
    expect(existsSync(join(dir, 'daemon.log'))).toBe(true)
  })
})
