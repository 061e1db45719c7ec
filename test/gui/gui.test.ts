// The GUI in a real Chromium against two real daemons: token handoff, contacts, a message
// with unread count and read receipt, typing, an audio call through the incoming-call
// dialog with live stats, hang-up and history, a video call with the pages' own camera and
// microphone (video-call.ts), and reconnecting after a daemon restart. One file, so one
// pair of daemons and one browser at a time on a 2-core box. Screenshots of every step go
// to test-artifacts/gui/.
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestDaemon, teardown, waitFor } from '../helpers/daemons.js'
import type { TestDaemon } from '../helpers/daemons.js'
import type { Browser } from './browser.js'
import { UI_TIMEOUT_MS, ensureGuiBuilt, launchChromium, placeCall, screenshotter } from './browser.js'
import { useFallbacks, videoCall } from './video-call.js'

// No skip when Chromium is missing: a GUI suite that silently skips proves nothing.
describe('GUI in Chromium', () => {
  let a: TestDaemon, b: TestDaemon
  let browser: Browser
  let context: BrowserContext
  let pageA: Page, pageB: Page
  const shot = screenshotter('')

  beforeAll(async () => {
    ensureGuiBuilt()
    a = await startTestDaemon()
    b = await startTestDaemon({ args: ['--bootstrap', a.addr] })
    browser = await launchChromium()
    ;({ context, pageA, pageB } = browser)
    await useFallbacks(pageB)
  }, 90_000)

  afterAll(async () => {
    await browser?.close()
    await teardown([a, b])
  })

  it('without a token the page says to run `parley gui`', async () => {
    const page = await context.newPage()
    await page.goto(`http://127.0.0.1:${a.port}/`)
    await expect.poll(async () => await page.locator('pre code').textContent(), { timeout: UI_TIMEOUT_MS }).toBe('parley gui')
    await shot(page, 'no-token')
    await page.close()
  })

  it('takes the token from the fragment and removes it from the URL', async () => {
    await pageA.goto(`http://127.0.0.1:${a.port}/#token=${a.token}`)
    await pageB.goto(`http://127.0.0.1:${b.port}/#token=${b.token}`)
    for (const [page, d] of [[pageA, a], [pageB, b]] as const) {
      expect(page.url()).toBe(`http://127.0.0.1:${d.port}/`)
      await page.getByRole('button', { name: 'Your identity' }).click()
      await page.getByTestId('peer-id').filter({ hasText: d.peerId }).waitFor({ timeout: UI_TIMEOUT_MS })
      // a reload keeps working: the token is in this tab's sessionStorage
    }
    await pageA.reload()
    await pageA.getByRole('button', { name: 'Your identity' }).click()
    await pageA.getByTestId('peer-id').filter({ hasText: a.peerId }).waitFor({ timeout: UI_TIMEOUT_MS })
    await shot(pageA, 'identity')
  })

  it('A adds B and sends a message; B sees it unread, opens it; A sees the read tick and B typing', async () => {
    await pageA.getByRole('button', { name: 'Contacts', exact: true }).click()
    await pageA.getByLabel('Peer ID', { exact: true }).fill(b.peerId)
    await pageA.getByLabel('Nickname').fill('Bob')
    await shot(pageA, 'a-add-contact')
    await pageA.getByRole('button', { name: 'Add', exact: true }).click()
    await pageA.getByRole('heading', { name: 'Bob' }).waitFor({ timeout: UI_TIMEOUT_MS })

    await pageA.getByLabel('Message to Bob').fill('Hello Bob, this is Alice')
    await pageA.getByLabel('Message to Bob').press('Enter')
    const sent = pageA.locator('.msg.out', { hasText: 'Hello Bob, this is Alice' })
    await sent.waitFor({ timeout: UI_TIMEOUT_MS })

    const conv = pageB.locator(`.conv[data-peer="${a.peerId}"]`)
    await conv.getByTestId('unread').filter({ hasText: '1' }).waitFor({ timeout: UI_TIMEOUT_MS })
    await expect.poll(async () => await conv.textContent()).toContain('Hello Bob, this is Alice')
    await expect.poll(async () => await sent.getAttribute('data-status'), { timeout: UI_TIMEOUT_MS }).toBe('delivered')
    await shot(pageB, 'b-unread')

    await conv.click()
    await pageB.locator('.msg.in', { hasText: 'Hello Bob, this is Alice' }).waitFor({ timeout: UI_TIMEOUT_MS })
    await expect.poll(async () => await sent.getAttribute('data-status'), { timeout: UI_TIMEOUT_MS }).toBe('read')
    expect(await conv.getByTestId('unread').count()).toBe(0)

    // B names the stranger who wrote first
    await shot(pageB, 'b-stranger')
    await pageB.getByLabel('Nickname', { exact: true }).fill('Alice')
    await pageB.getByRole('button', { name: 'Add to contacts', exact: true }).click()
    await pageB.getByRole('heading', { name: 'Alice' }).waitFor({ timeout: UI_TIMEOUT_MS })

    await pageB.locator('#composer-input').pressSequentially('Hi Al')
    await pageA.locator('.typing', { hasText: 'is typing' }).waitFor({ timeout: UI_TIMEOUT_MS })
    await shot(pageA, 'a-read-and-typing')
    await pageB.locator('#composer-input').press('Enter')
    await pageA.locator('.msg.in', { hasText: 'Hi Al' }).waitFor({ timeout: UI_TIMEOUT_MS })
    await shot(pageB, 'b-thread')
  })

  it('A calls B: B accepts in the dialog, both see the call with timer and stats graph; B hangs up; both have it in history', async () => {
    await placeCall(pageA, pageB, 'audio', 'Bob', shot)
    // keyboard: the dialog opens with focus on Accept, so Enter answers
    await expect.poll(async () => await pageB.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Accept call from /)
    await pageB.keyboard.press('Enter')

    for (const page of [pageA, pageB]) {
      const state = page.locator('.call-state[data-state="connected"]')
      await state.waitFor({ timeout: UI_TIMEOUT_MS })
      // the timer runs
      const t0 = await state.textContent()
      expect(t0).toMatch(/^\d\d:\d\d$/)
      await expect.poll(async () => await state.textContent(), { timeout: 5_000 }).not.toBe(t0)
      // the live graph has samples and drawn lines
      const graph = page.locator('.graph svg')
      await expect.poll(async () => Number(await graph.getAttribute('data-points')), { timeout: UI_TIMEOUT_MS }).toBeGreaterThanOrEqual(3)
      expect((await page.locator('polyline.s-bitrate').getAttribute('points'))?.split(' ').length).toBeGreaterThanOrEqual(2)
      await expect.poll(async () => await page.locator('.legend').textContent(), { timeout: UI_TIMEOUT_MS }).toMatch(/Bitrate \d/)
    }
    // controls call the daemon: A mutes, B sees nothing change but A's button is pressed
    await pageA.getByRole('button', { name: 'Mute microphone', exact: true }).click()
    await pageA.getByRole('button', { name: 'Unmute microphone', exact: true, pressed: true }).waitFor({ timeout: UI_TIMEOUT_MS })
    await shot(pageA, 'a-in-call')
    await shot(pageB, 'b-in-call')

    await pageB.getByRole('button', { name: 'Hang up', exact: true }).click()
    for (const page of [pageA, pageB]) {
      await page.locator('.call-state[data-state="ended"]').waitFor({ timeout: UI_TIMEOUT_MS })
      await page.getByRole('button', { name: 'Calls', exact: true }).click()
      await page.locator('.history-row').first().waitFor({ timeout: UI_TIMEOUT_MS })
      expect(await page.locator('.history-row').count()).toBe(1)
    }
    expect(await pageA.locator('.history-row').textContent()).toContain('Outgoing audio call')
    expect(await pageB.locator('.history-row').textContent()).toContain('Incoming audio call')
    await shot(pageA, 'a-history')
    await shot(pageB, 'b-history')
    await pageB.getByRole('button', { name: 'Settings', exact: true }).click()
    await pageB.getByRole('heading', { name: 'Settings' }).waitFor({ timeout: UI_TIMEOUT_MS })
    // the unknown-caller policy is the daemon's: changed here, it lands in its config
    await pageB.getByRole('radio', { name: 'Reject without ringing' }).check()
    await pageB.getByText(/Saved in .*config\.json/).waitFor({ timeout: UI_TIMEOUT_MS })
    expect((await b.client.call('config.get')).unknownCallers).toBe('reject')
    await shot(pageB, 'b-settings')
    await pageB.getByRole('radio', { name: /Ring, marked/ }).check()
    await waitFor(async () => (await b.client.call('config.get')).unknownCallers === 'ring', 'policy back to ring')
  }, 120_000)

  it('A video-calls B: both see the other\'s moving camera and hear the other\'s microphone (the pages\' own media); B hangs up', async () => {
    await pageA.locator(`.conv[data-peer="${b.peerId}"]`).click()
    await videoCall({ a, b, pageA, pageB, shot })
  }, 240_000)

  it('A makes an invite link with its QR code; B pastes it and lands in the chat with A, under the name B gave', async () => {
    await pageA.getByRole('button', { name: 'Contacts', exact: true }).click()
    await pageA.getByRole('button', { name: 'Make an invite link' }).click()
    const shown = pageA.getByTestId('invite-link')
    await shown.waitFor({ timeout: UI_TIMEOUT_MS })
    const link = (await shown.textContent()) ?? ''
    expect(link).toMatch(/^parley:\/\/invite\/[A-Za-z0-9_-]+$/)
    await expect.poll(async () => await pageA.getByTestId('invite-qr').evaluate(img => (img as HTMLImageElement).naturalWidth), { timeout: UI_TIMEOUT_MS }).toBeGreaterThan(100)
    await shot(pageA, 'a-invite')
    await pageB.getByRole('button', { name: 'Contacts', exact: true }).click()
    await pageB.getByLabel('Got an invite link? Paste it here').fill(link)
    await pageB.getByLabel('Name for them').fill('Alice')
    await pageB.getByRole('button', { name: 'Accept invite' }).click()
    await pageB.getByRole('heading', { name: 'Alice' }).waitFor({ timeout: UI_TIMEOUT_MS })
    expect((await b.client.call('contacts.list')).find(x => x.peerId === a.peerId)).toMatchObject({ nickname: 'Alice', addedByUser: true })
    await shot(pageB, 'b-invite-accepted')
  })

  it('the page reconnects when the daemon restarts', async () => {
    const { home, port } = a
    await a.stop()
    await pageA.getByRole('status').filter({ hasText: 'not reachable' }).waitFor({ timeout: UI_TIMEOUT_MS })
    await shot(pageA, 'a-daemon-down')
    a = await startTestDaemon({ home, args: ['--api-port', String(port)] })
    await pageA.locator('.banner').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS })
    await pageA.locator(`.conv[data-peer="${b.peerId}"]`, { hasText: 'Bob' }).waitFor({ timeout: UI_TIMEOUT_MS })
  })
})
