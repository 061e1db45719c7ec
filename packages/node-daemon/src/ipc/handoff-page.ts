// The page `parley gui` opens: a 0600 HTML file in the (0700) data dir that sends the browser
// on to the GUI with a one-time code. The browser gets only the file's path in its argv, which
// every local user can read (`ps`, /proc/<pid>/cmdline); the code stays inside a file only
// the owner can read, and the daemon deletes the file once the code is spent or expired
// (docs/operations.md, "GUI token handoff").
import { randomBytes } from 'node:crypto'
import { readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { FILE_MODE_PRIVATE } from '../constants.js'

export const HANDOFF_PAGE_PREFIX = 'gui-open-'
export const HANDOFF_PAGE_SUFFIX = '.html'

/** A fresh, unguessable file name in `dir` (the name is no secret: the dir is 0700). */
export function handoffPagePath (dir: string): string {
  return join(dir, `${HANDOFF_PAGE_PREFIX}${randomBytes(8).toString('hex')}${HANDOFF_PAGE_SUFFIX}`)
}

/**
 * Writes the page that navigates to `target` (the GUI URL with its `#code=` fragment).
 * `wx`: never reuse or follow an existing file or symlink someone placed there.
 */
export function writeHandoffPage (file: string, target: string): void {
  writeFileSync(file, handoffPageHtml(target), { mode: FILE_MODE_PRIVATE, flag: 'wx' })
}

export function handoffPageHtml (target: string): string {
  const attr = escapeHtml(target)
  // location.replace keeps this file out of the tab's history; no-referrer keeps the target
  // out of any request the GUI page makes.
  const js = JSON.stringify(target).replace(/</g, '\\u003c')
  return `<!doctype html>
<html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>Opening Parley…</title>
<noscript><meta http-equiv="refresh" content="0;url=${attr}"></noscript></head>
<body><script>location.replace(${js})</script>
<p>Opening Parley… <a href="${attr}">continue</a> (this page works once, for a minute; then run <code>parley gui</code> again).</p>
</body></html>
`
}

export function removeHandoffPage (file: string): void {
  rmSync(file, { force: true })
}

/** Pages a previous daemon left behind (killed before their codes expired); returns how many. */
export function removeStaleHandoffPages (dir: string): number {
  let n = 0
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(HANDOFF_PAGE_PREFIX) || !name.endsWith(HANDOFF_PAGE_SUFFIX)) continue
    removeHandoffPage(join(dir, name))
    n++
  }
  return n
}

function escapeHtml (s: string): string {
  return s.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
}
