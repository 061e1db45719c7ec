// The video-call part of the GUI suite: with the pages' own (fake) camera and microphone,
// each page captures, the daemons encode, encrypt, carry and decode, and each page draws
// the other's picture and shows its sound level. Page A runs the main paths
// (MediaStreamTrackProcessor, WebGL), page B the fallbacks (canvas capture, canvas 2D).
import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'
import type { TestDaemon } from '../helpers/daemons.js'
import { UI_TIMEOUT_MS, placeCall } from './browser.js'
import type { Shot } from './browser.js'
import { comparePictures } from './pixels.js'
import type { PictureStats } from './pixels.js'

/** A loaded 2-core box may hold video for a while (the ABR pauses it when delay grows). */
const FRAMES_TIMEOUT_MS = 60_000
/** On the level meter's 0–100 scale (-60…0 dBFS): Chromium's fake beep is far above, silence far below. */
const AUDIBLE = 30
/** Luma standard deviation of a picture with content; a flat fill is ≈ 0. */
const NOT_FLAT = 10
/** Share of pixels changed in 1 s by the fake camera's turning pacman and counter. */
const MOVED = 0.001

/** Before the page loads: no MediaStreamTrackProcessor and no WebGL, so the fallbacks run. */
export async function useFallbacks (page: Page): Promise<void> {
  await page.addInitScript(() => {
    Reflect.deleteProperty(window, 'MediaStreamTrackProcessor')
    const getContext = HTMLCanvasElement.prototype.getContext
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, id: string, ...rest: unknown[]) {
      return id === 'webgl' || id === 'webgl2' ? null : (getContext as (...a: unknown[]) => unknown).call(this, id, ...rest)
    } as typeof getContext
  })
}

/**
 * Screenshots of the remote canvas until two of them, at least 1 s apart, both show the
 * picture (not flat, green like the fake camera) and differ: a loaded machine may hold
 * video for a while, and then the canvas hides and the avatar shows. The last comparison
 * is returned either way (the caller's assertions then fail with its numbers).
 */
async function movingPicture (page: Page, remote: Locator, who: string, shot: Shot): Promise<PictureStats> {
  const deadline = Date.now() + FRAMES_TIMEOUT_MS
  // the own preview and the level meter sit on top of the remote picture and move too
  const mask = { mask: [page.locator('.local-video'), page.locator('.meter')], maskColor: '#000' }
  let earlier: Buffer | null = null
  let last: PictureStats | null = null
  for (let attempt = 1; ; attempt++) {
    if (Date.now() > deadline && last != null) return last
    let img: Buffer
    try {
      await remote.waitFor({ state: 'visible', timeout: Math.max(1, deadline - Date.now()) })
      // the page's pixels where the canvas is, not an element screenshot: that one waits for
      // the element to hold still over two animation frames, which a busy software-GL page
      // may not give for seconds (CI failed so, on a canvas that did not move)
      const clip = await remote.boundingBox({ timeout: 5_000 })
      if (clip == null) continue
      img = await shot(page, `${who}-remote-${attempt}`, { ...mask, clip, timeout: 5_000 })
    } catch (err) {
      if (Date.now() > deadline) throw err
      continue
    }
    const self = await comparePictures(page, img, earlier ?? img)
    last = self
    const picture = self.lumaStdDev > NOT_FLAT && self.mean.g > self.mean.r && self.mean.g > self.mean.b && await remote.isVisible()
    console.info(`${who}: remote video (${await remote.getAttribute('data-renderer')}) ${JSON.stringify(self)}${picture ? '' : ' (not the picture yet)'}`)
    if (picture) {
      if (earlier != null && self.changed > MOVED) return self
      earlier = img
      await page.waitForTimeout(1_000)
    } else {
      await page.waitForTimeout(500)
    }
  }
}

/** What each daemon sent and received, for the log of a failed run: was the video paused, dropped, or never decoded? */
async function logVideoStats (a: TestDaemon, b: TestDaemon): Promise<void> {
  for (const [who, d] of [['a', a], ['b', b]] as const) {
    const s = await d.client.call('call.stats').catch((err: unknown) => ({ error: (err as Error).message }))
    console.info(`${who}: call.stats ${JSON.stringify(s)}`)
  }
}

export interface VideoCallParties { a: TestDaemon, b: TestDaemon, pageA: Page, pageB: Page, shot: Shot }

/** A (in the thread with Bob) video-calls B; B accepts; both see and hear the other; B hangs up. */
export async function videoCall ({ a, b, pageA, pageB, shot }: VideoCallParties): Promise<void> {
  const dialog = await placeCall(pageA, pageB, 'video', 'Bob', shot)
  await dialog.getByRole('button', { name: /^Accept call from / }).click()

  const paths = { a: { capture: 'processor', renderer: 'webgl' }, b: { capture: 'canvas', renderer: '2d' } }
  for (const [page, who] of [[pageA, 'a'], [pageB, 'b']] as const) {
    await page.locator('.call-state[data-state="connected"]').waitFor({ timeout: UI_TIMEOUT_MS })
    const remote = page.getByTestId('remote-video')
    await remote.waitFor({ state: 'visible', timeout: FRAMES_TIMEOUT_MS })
    await expect.poll(async () => Number(await remote.getAttribute('data-frames')), { timeout: FRAMES_TIMEOUT_MS }).toBeGreaterThan(5)
    expect(await remote.getAttribute('data-renderer')).toBe(paths[who].renderer)
    expect(await page.locator('video.local-video').getAttribute('data-capture')).toBe(paths[who].capture)
    const px = await movingPicture(page, remote, who, shot).catch(async (err: unknown) => { await logVideoStats(a, b); throw err })
    if (px.changed <= MOVED) await logVideoStats(a, b)
    expect(px.lumaStdDev).toBeGreaterThan(NOT_FLAT)
    expect(px.changed).toBeGreaterThan(MOVED)
    // the fake picture is green-ish: a swapped U/V plane would turn it magenta
    expect(px.mean.g).toBeGreaterThan(px.mean.r)
    expect(px.mean.g).toBeGreaterThan(px.mean.b)
    // the fake microphone beeps: the peer's level meter rises above silence
    const meter = page.getByRole('meter', { name: /^Sound from / })
    // on failure, both daemons' numbers say where the sound stopped: not captured (live.audioIn),
    // not sent, not received, late in the jitter buffer, or concealed (issue 16 tracks this flake)
    await expect.poll(async () => Number(await meter.getAttribute('data-peak')), { timeout: UI_TIMEOUT_MS }).toBeGreaterThan(AUDIBLE)
      .catch(async (err: unknown) => { console.info(`${who}: the peer's sound meter stayed low`); await logVideoStats(a, b); throw err })
    // own preview: the camera's stream plays in the small <video>
    await expect.poll(async () => await page.locator('video.local-video').evaluate(v => (v as HTMLVideoElement).videoWidth), { timeout: UI_TIMEOUT_MS }).toBeGreaterThan(0)
    await shot(page, `${who}-in-call`)
  }

  // the daemons encoded the pages' own frames, not their synthetic sources
  for (const d of [a, b]) {
    const s = await d.client.call('call.stats')
    expect(s.live?.videoIn).toBeGreaterThan(0)
    expect(s.live?.audioIn).toBeGreaterThan(0)
    expect(s.live?.badFrames).toBe(0)
    expect(s.video.decoded).toBeGreaterThan(0)
  }

  // muting stops A's audio frames at the page, not only in the daemon
  await pageA.getByRole('button', { name: 'Mute microphone', exact: true }).click()
  await pageA.getByRole('button', { name: 'Unmute microphone', exact: true, pressed: true }).waitFor({ timeout: UI_TIMEOUT_MS })
  const before = (await a.client.call('call.stats')).live?.audioIn ?? 0
  await pageA.waitForTimeout(1_000)
  // one or two frames may have been in flight when the button was pressed
  expect(((await a.client.call('call.stats')).live?.audioIn ?? 0) - before).toBeLessThanOrEqual(2)
  await pageA.getByRole('button', { name: 'Unmute microphone', exact: true }).click()
  await pageA.getByRole('button', { name: 'Mute microphone', exact: true, pressed: false }).waitFor({ timeout: UI_TIMEOUT_MS })

  await pageB.getByRole('button', { name: 'Hang up', exact: true }).click()
  // together: the ended call stays on screen only a few seconds
  await Promise.all([pageA, pageB].map(async page => { await page.locator('.call-state[data-state="ended"]').waitFor({ timeout: UI_TIMEOUT_MS }) }))
  for (const [page, who, dir] of [[pageA, 'a', 'Outgoing'], [pageB, 'b', 'Incoming']] as const) {
    await page.getByRole('button', { name: 'Calls', exact: true }).click()
    await page.locator('.history-row', { hasText: `${dir} video call` }).waitFor({ timeout: UI_TIMEOUT_MS })
    await shot(page, `${who}-history`)
  }
}
