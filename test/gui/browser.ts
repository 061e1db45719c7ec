// Shared by the GUI suites: the built GUI, a headless Chromium with fake camera and
// microphone, and numbered screenshots under test-artifacts/gui/.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import type { BrowserContext, Locator, Page, PageScreenshotOptions } from 'playwright-core'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const GUI_DIST = join(ROOT, 'packages/gui/dist/index.html')
export const SHOTS = join(ROOT, 'test-artifacts/gui')
export const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
  // the two pages are two tabs of one window: the one the test does not act on at the moment
  // must not be throttled like a hidden tab (each user of a real call has their page in front)
  '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'
]
/** UI assertions wait this long: a call takes a few seconds to connect on a busy 2-core box. */
export const UI_TIMEOUT_MS = 20_000

/** The daemon serves the GUI only if it was built before the daemon started. */
export function ensureGuiBuilt (): void {
  if (!existsSync(GUI_DIST)) execFileSync('npm', ['run', 'build', '-w', 'packages/gui'], { cwd: ROOT, stdio: 'ignore' })
  mkdirSync(SHOTS, { recursive: true })
}

export interface Browser {
  context: BrowserContext
  /** Two tabs, one for each daemon's page. */
  pageA: Page
  pageB: Page
  close: () => Promise<void>
}

/** Chromium with a throw-away profile and two tabs. */
export async function launchChromium (): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'parley-chromium-'))
  // headless: false because the headless mode is chosen by --headless=new in the args
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: false, args: CHROMIUM_ARGS, viewport: { width: 1200, height: 760 }
  })
  const [pageA, pageB] = await Promise.all([context.newPage(), context.newPage()])
  return {
    context,
    pageA,
    pageB,
    close: async () => {
      await context.close()
      rmSync(userDataDir, { recursive: true, force: true })
    }
  }
}

export type Shot = (target: Page | Locator, name: string, options?: Pick<PageScreenshotOptions, 'mask' | 'maskColor' | 'timeout' | 'clip'>) => Promise<Buffer>

/** Numbered screenshots, `<prefix><nn>-<name>.png`, of a page or of one element. */
export function screenshotter (prefix: string): Shot {
  let step = 0
  return async (target, name, options) => {
    step++
    return await target.screenshot({ ...options, path: join(SHOTS, `${prefix}${String(step).padStart(2, '0')}-${name}.png`) })
  }
}

/** The caller clicks the call button in the thread with `name`; returns the callee's ringing dialog, after a screenshot. */
export async function placeCall (caller: Page, callee: Page, kind: 'audio' | 'video', name: string, shot: Shot): Promise<Locator> {
  await caller.getByRole('button', { name: `${kind === 'audio' ? 'Audio' : 'Video'} call ${name}` }).click()
  const dialog = callee.getByRole('dialog')
  await dialog.waitFor({ timeout: UI_TIMEOUT_MS })
  if (!((await dialog.textContent()) ?? '').includes(`Incoming ${kind} call`)) throw new Error(`the dialog does not say "Incoming ${kind} call"`)
  await shot(callee, `b-incoming-${kind}`)
  return dialog
}
