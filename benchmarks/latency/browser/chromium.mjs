// The headless Chromium of the `gui` systems, with the harness's content as its fake camera
// and microphone and the page probe injected before any page script.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { videoIdReaderSource } from '../content.mjs'
import { readProc } from '../proc-stats.mjs'
import { probeInitScript } from './probe-page.mjs'

export const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium'
const ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
  '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
  // the harness starts calls and answers through the daemons' API, not by clicks: the page's
  // AudioContext must run without a user gesture, as it would after the user's click
  '--autoplay-policy=no-user-gesture-required',
  // the baseline's receiver listens on 127.0.0.1 behind the link relay (as the libwebrtc
  // baseline's does); Chromium leaves loopback out of ICE unless told
  '--allow-loopback-in-peer-connection',
  // Both pages are in one browser, but each stands for a user on their own machine: with
  // Chromium's browser-wide echo canceller, page B's playback of A's markers is the echo
  // reference for A's microphone, which plays the same markers, so A's AEC cut out about
  // half of them (47–62 % lost on a clean link; 0 % with echo cancellation off). Per-page
  // echo cancellation (in each renderer, against that page's own playback) keeps the GUI's
  // constraints (echoCancellation: true) and the two users apart.
  '--disable-features=ChromeWideEchoCancellation',
  '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'
]

/**
 * One browser with two pages (A and B), as the GUI tests run a call: two browsers cost this
 * 2-core machine ≈ half a core more (a second browser, GPU, audio and UI process) and
 * starved both pages. Each page's endpoint cost is its own renderer process (found by
 * rendererOf); the processes the pages share are reported apart (sharedPids).
 * @param {{ name: string, files: { video: string, audio: string }, probe: object }} o
 */
export async function launchBrowser ({ name, files, probe }) {
  const userDataDir = mkdtempSync(join(tmpdir(), `parley-bench-${name}-`))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: false, // chosen by --headless=new above
    args: [...ARGS, `--use-file-for-fake-video-capture=${files.video}`, `--use-file-for-fake-audio-capture=${files.audio}`],
    viewport: { width: 1280, height: 800 }
  })
  const close = async () => {
    await context.close().catch(() => {})
    rmSync(userDataDir, { recursive: true, force: true })
  }
  try {
    await context.addInitScript({ content: probeInitScript(probe, videoIdReaderSource()) })
    const browser = browserPid(userDataDir)
    const first = context.pages()[0]
    /** @returns {Promise<{ page: import('playwright-core').Page, consoleErrors: string[] }>} */
    const newPage = async () => {
      const page = first != null && !used.has(first) ? first : await context.newPage()
      used.add(page)
      const consoleErrors = []
      page.on('console', m => { if (m.type() === 'error' && consoleErrors.length < 50) consoleErrors.push(m.text()) })
      page.on('pageerror', e => { if (consoleErrors.length < 50) consoleErrors.push(`page error: ${e.message}`) })
      return { page, consoleErrors }
    }
    const used = new Set()
    return { browser, newPage, close }
  } catch (err) {
    await close()
    throw err
  }
}

/** A page's busy loop, long enough to stand out from the other renderers' work. */
const BURST_MS = 400
const BURST_TRIES = 3

/**
 * The renderer process showing `page` (after its navigation): the page spins for BURST_MS
 * and the renderer whose CPU time grew by far the most is it (at least a quarter of the
 * burst, and 3× any other: on a loaded machine the spinning page does not get the whole
 * core). Tries again, then throws, if no renderer stands out.
 */
export async function rendererOf (browserPid, page) {
  // the browser's own UI (tab strip, a WebUI renderer) is busy while a page spins: not a candidate
  const renderers = () => processTree(browserPid).filter(p => { const c = readText(`/proc/${p}/cmdline`) ?? ''; return c.includes('--type=renderer') && !c.includes('--top-chrome-webui') })
  let seen = []
  for (let attempt = 1; attempt <= BURST_TRIES; attempt++) {
    const before = new Map(renderers().map(p => [p, cpuSeconds(p)]))
    await page.evaluate(ms => { const t = performance.now(); while (performance.now() - t < ms) { /* spin */ } }, BURST_MS)
    seen = [...before].map(([p, s]) => [p, Math.round((cpuSeconds(p) - s) * 1000)]).sort((a, b) => b[1] - a[1])
    const [first, second] = seen
    if (first != null && first[1] >= BURST_MS / 4 && first[1] >= 3 * (second?.[1] ?? 0)) return first[0]
  }
  throw new Error(`cannot tell which renderer shows ${page.url()}: no renderer stood out in ${BURST_TRIES} busy loops of ${BURST_MS} ms (last: ${JSON.stringify(seen)} ms per pid)`)
}

const cpuSeconds = pid => readProc(pid)?.cpuS ?? 0

/** The browser's main process: the one started with this profile whose parent was not. */
function browserPid (userDataDir) {
  const flag = `--user-data-dir=${userDataDir}`
  const withFlag = new Map()
  for (const p of listPids()) {
    const cmd = readText(`/proc/${p}/cmdline`)
    if (cmd?.split('\0').includes(flag)) withFlag.set(p, parentOf(p))
  }
  for (const [pid, parent] of withFlag) if (!withFlag.has(parent)) return pid
  return null
}

/** pid and all its descendants, as they are now. */
export function processTree (root) {
  const children = new Map()
  for (const p of listPids()) {
    const parent = parentOf(p)
    if (parent == null) continue
    if (!children.has(parent)) children.set(parent, [])
    children.get(parent).push(p)
  }
  const out = []
  const stack = [root]
  while (stack.length > 0) {
    const p = stack.pop()
    out.push(p)
    stack.push(...(children.get(p) ?? []))
  }
  return out
}

const listPids = () => readdirSync('/proc').filter(d => /^\d+$/.test(d)).map(Number)
function readText (file) { try { return readFileSync(file, 'utf8') } catch { return null } }
function parentOf (pid) {
  const stat = readText(`/proc/${pid}/stat`)
  if (stat == null) return null
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
}
