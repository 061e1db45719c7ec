// `gui-parley`: what a Parley user hears and sees. Two real daemons connected through the
// link relay as in parley.mjs, each shown by Parley's GUI in its own page of a headless
// Chromium whose fake camera and microphone play the harness's marked content from files
// (browser/fake-devices.mjs). A calls B with video; B answers, then turns its camera off and
// mutes (the other systems' receivers send no picture and silence). Glass to glass: from the moment page A's capture hands
// a frame to page code to the moment page B draws the picture / its playback node outputs
// the sound (browser/probe-page.mjs). Baseline: `gui-webrtc`, the same two pages with
// Chromium's own WebRTC.
//
// Endpoint cost = the page's renderer process + its daemon; the browser's shared processes
// (browser, GPU, capture, audio, network) are extra.browserShared.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { nowMs } from '@parley/core/ipc'
import { freeUdpPort, sleep, startCallDaemon, waitFor } from '../../call/call-daemons.mjs'
import { launchBrowser, processTree, rendererOf } from '../browser/chromium.mjs'
import { pageCollector } from '../browser/collect.mjs'
import { fakeDevices, deviceSeconds } from '../browser/devices-for-run.mjs'
import { startProcSampler } from '../proc-stats.mjs'
import { daemonPath, tokenOf } from './parley.mjs'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const GUI_DIST = join(ROOT, 'packages/gui/dist/index.html')
const CONNECT_TIMEOUT_MS = 30_000
const DRAIN_MS = 1000
const SAMPLE_MS = 500
const COLLECT_MS = 1000
const AUDIO_FRAME_MS = 20

/** @param {import('./types.mjs').RunOptions} o @returns {Promise<import('./types.mjs').SystemResult>} */
export async function run ({ durationMs, warmupMs, video, progress, makeRelay }) {
  // the daemon serves the GUI only if it was built before it started
  if (!existsSync(GUI_DIST)) {
    progress('gui-parley: building the GUI')
    execFileSync('npm', ['run', 'build', '-w', 'packages/gui'], { cwd: ROOT, stdio: 'ignore' })
  }
  const files = fakeDevices(video, deviceSeconds(durationMs), progress)
  const collector = pageCollector(video, durationMs)
  const probe = { source: { width: video.width, height: video.height }, keepMs: collector.keepMs, tapName: 'parley-bench-tap' }
  const daemons = []
  const browsers = []
  try {
    const bPort = await freeUdpPort()
    const b = await startCallDaemon({ name: 'gui-parley-B', listen: `/ip4/127.0.0.1/udp/${bPort}/quic-v1` })
    daemons.push(b)
    const relay = await makeRelay(bPort)
    const relayAddr = `/ip4/127.0.0.1/udp/${relay.address.port}/quic-v1/p2p/${b.peerId}`
    const a = await startCallDaemon({ name: 'gui-parley-A', args: ['--bootstrap', relayAddr] })
    daemons.push(a)
    const onRelay = async () => (await a.client.call('status')).connections.some(c => c.peerId === b.peerId && c.remoteAddr.includes(`/udp/${relay.address.port}/`))
    await waitFor(onRelay, CONNECT_TIMEOUT_MS, 'gui-parley: A connected to B through the relay')

    const browser = await launchBrowser({ name: 'gui-parley', files, probe })
    browsers.push(browser)
    const ea = await browser.newPage()
    const eb = await browser.newPage()
    for (const [e, d] of [[ea, a], [eb, b]]) {
      await e.page.goto(`http://127.0.0.1:${d.status.apiPort}/#token=${tokenOf(d)}`)
      await e.page.getByRole('button', { name: 'Calls', exact: true }).waitFor({ timeout: CONNECT_TIMEOUT_MS })
      e.pid = await rendererOf(browser.browser, e.page)
    }
    progress(`gui-parley: both GUIs open, A reaches B through the relay on udp/${relay.address.port}`)

    // started and answered through the daemons' API, as the GUI's buttons would: the pages follow the call
    const started = await a.client.call('call.start', { peerId: b.peerId, video: true, audioSource: 'live', videoSource: 'live' })
    await waitFor(() => b.events.some(e => e.type === 'incoming' && e.callId === started.callId), CONNECT_TIMEOUT_MS, 'gui-parley: B rings')
    // B answers with video (an audio-only answer makes the whole call audio-only) and turns its
    // camera off at once, so that A's picture is the only one on the link, as in the baseline
    await b.client.call('call.answer', { callId: started.callId, video: true, audioSource: 'live', videoSource: 'live' })
    await b.client.call('call.video', { on: false })
    const connected = d => d.events.some(e => e.type === 'state' && e.state === 'connected' && e.callId === started.callId)
    await waitFor(() => connected(a) && connected(b), CONNECT_TIMEOUT_MS, 'gui-parley: call connected on both sides')
    // B's microphone off too, as gui-webrtc's B: the fake microphone plays the same markers as A's
    // (a call mutes only once connected)
    await b.client.call('call.mute', { muted: true })
    progress(`gui-parley: call connected, ${(durationMs / 1000).toFixed(0)} s of media`)

    relay.startSchedule()
    const t0 = nowMs()
    const cpu = {
      sender: startProcSampler([ea.pid, a.proc.pid]),
      receiver: startProcSampler([eb.pid, b.proc.pid]),
      browserShared: startProcSampler(processTree(browser.browser).filter(p => p !== ea.pid && p !== eb.pid))
    }
    const timeline = []
    /** B's concealed-frame count when the measured window opens (the harness drops the warm-up) */
    let concealedAtWarmup = null
    const sampler = setInterval(() => {
      b.client.call('call.stats').then(sb => {
        if (concealedAtWarmup == null && nowMs() >= t0 + warmupMs) concealedAtWarmup = sb.audio.concealed
        const last = collector.lastShown()
        timeline.push({ tMs: nowMs() - t0, videoBps: sb.video.bitrateReceivedBps ?? null, audioBps: sb.audio.bitrateReceivedBps ?? null, width: last?.width ?? null, height: last?.height ?? null })
      }, () => {})
    }, SAMPLE_MS)
    try {
      while (nowMs() < t0 + durationMs) {
        await sleep(Math.min(COLLECT_MS, t0 + durationMs - nowMs()))
        await collector.drain(ea.page, eb.page)
      }
    } finally { clearInterval(sampler) }
    const endpoints = { sender: cpu.sender.stop(), receiver: cpu.receiver.stop() }
    const browserShared = cpu.browserShared.stop()
    await sleep(DRAIN_MS)
    await collector.drain(ea.page, eb.page, true)
    const finalStats = { sender: await a.client.call('call.stats'), receiver: await b.client.call('call.stats') }
    const aToB = (await a.client.call('status')).connections.filter(c => c.peerId === b.peerId).map(c => c.remoteAddr)
    await a.client.call('call.hangup', {}).catch(() => {})
    const relayStats = relay.stats()
    const got = collector.result(t0, t0 + durationMs)
    const concealed = concealedAtWarmup == null ? null : finalStats.receiver.audio.concealed - concealedAtWarmup

    return {
      system: 'gui-parley',
      video: got.video,
      audio: { ...got.audio, concealedFrames: concealed, concealment: concealed == null ? null : { concealedMs: concealed * AUDIO_FRAME_MS, stretchedMs: null } },
      timeline,
      stages: null,
      endpoints,
      relay: relayStats,
      path: daemonPath(aToB, relay.address.port, relayStats, bPort),
      extra: { ...got.extra, browserShared, finalStats, pageErrors: { sender: ea.consoleErrors, receiver: eb.consoleErrors } }
    }
  } finally {
    await Promise.allSettled(browsers.map(e => e.close()))
    await Promise.allSettled(daemons.map(d => d.stop()))
  }
}
