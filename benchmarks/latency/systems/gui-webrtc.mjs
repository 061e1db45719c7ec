// `gui-webrtc`: the baseline of the `gui` systems — the same two pages of one headless
// Chromium with the same fake camera and microphone files and the same page probe as `gui-parley`,
// but the pages are the harness's own (browser/baseline-page.mjs) and carry the call with
// Chromium's RTCPeerConnection (only here, never in the product). A sends audio and video,
// B audio only, like gui-parley's call. Routing through the link relay as in webrtc.mjs:
// B's loopback UDP candidate is the relay's target; A is given only that candidate
// rewritten to the relay's address, B none (it learns A as peer-reflexive).
import { createServer } from 'node:http'
import { nowMs } from '@parley/core/ipc'
import { sleep } from '../../call/call-daemons.mjs'
import { BASELINE_PAGE_HTML, installBaseline } from '../browser/baseline-page.mjs'
import { launchBrowser, processTree, rendererOf } from '../browser/chromium.mjs'
import { pageCollector } from '../browser/collect.mjs'
import { fakeDevices, deviceSeconds } from '../browser/devices-for-run.mjs'
import { startProcSampler } from '../proc-stats.mjs'
import { negotiatedCodecs, preferVp9, rewriteCandidate, stripCandidates, udpHostCandidate } from './sdp.mjs'
import { lastInbound, webrtcConcealedFrames, webrtcConcealment, webrtcStages, webrtcTimeline } from './webrtc-stats.mjs'

const CONNECT_TIMEOUT_MS = 30_000
const DRAIN_MS = 1000
const COLLECT_MS = 1000

/** @param {import('./types.mjs').RunOptions} o @returns {Promise<import('./types.mjs').SystemResult>} */
export async function run ({ durationMs, warmupMs, video, progress, makeRelay }) {
  const files = fakeDevices(video, deviceSeconds(durationMs), progress)
  const collector = pageCollector(video, durationMs)
  const probe = { source: { width: video.width, height: video.height }, keepMs: collector.keepMs, tapName: 'webrtc-bench-tap' }
  const server = createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(BASELINE_PAGE_HTML) })
  await new Promise((resolve, reject) => { server.once('error', reject); server.listen(0, '127.0.0.1', resolve) })
  const url = `http://127.0.0.1:${server.address().port}/`
  const browsers = []
  try {
    const browser = await launchBrowser({ name: 'gui-webrtc', files, probe })
    browsers.push(browser)
    const ea = await browser.newPage()
    const eb = await browser.newPage()
    const startKbps = Math.round(video.startBitrateBps / 1000)
    for (const [e, role] of [[ea, 'sender'], [eb, 'receiver']]) {
      await e.page.goto(url)
      e.pid = await rendererOf(browser.browser, e.page)
      await e.page.evaluate(installBaseline, { role, video: { width: video.width, height: video.height, fps: video.fps } })
    }
    const call = (e, method, ...args) => e.page.evaluate(([m, a]) => window.__baseline[m](...a), [method, args])

    const offer = preferVp9(await call(ea, 'createOffer'), { startBitrateKbps: startKbps })
    const offerGathered = await call(ea, 'setLocal', 'offer', offer)
    await call(eb, 'setRemote', 'offer', stripCandidates(offerGathered))
    const answer = preferVp9(await call(eb, 'createAnswer'), { startBitrateKbps: startKbps })
    const answerGathered = await call(eb, 'setLocal', 'answer', answer)
    const cand = udpHostCandidate(answerGathered)
    if (cand == null) throw new Error(`gui-webrtc: the receiver page has no UDP host candidate on 127.0.0.1 (is --allow-loopback-in-peer-connection honoured?)\n${answerGathered}`)
    const relay = await makeRelay(cand.port)
    progress(`gui-webrtc: receiver on udp/${cand.port}, relay on udp/${relay.address.port}`)
    await call(ea, 'setRemote', 'answer', stripCandidates(answerGathered))
    await call(ea, 'addCandidate', rewriteCandidate(cand.candidate, relay.address.host, relay.address.port))
    try {
      await Promise.all([call(ea, 'connected', CONNECT_TIMEOUT_MS), call(eb, 'connected', CONNECT_TIMEOUT_MS), call(eb, 'playing', CONNECT_TIMEOUT_MS)])
    } catch (err) {
      const st = relay.stats()
      throw new Error(`${err.message} (relay: upstream ${st.upstream.packetsIn} packets in, downstream ${st.downstream.packetsIn}, foreign ${st.foreignPackets}, client ${JSON.stringify(relay.client())})`)
    }
    progress(`gui-webrtc: connected through the relay, ${(durationMs / 1000).toFixed(0)} s of media`)

    relay.startSchedule()
    const t0 = nowMs()
    await Promise.all([call(ea, 'startStats'), call(eb, 'startStats')])
    const cpu = {
      sender: startProcSampler(ea.pid),
      receiver: startProcSampler(eb.pid),
      browserShared: startProcSampler(processTree(browser.browser).filter(p => p !== ea.pid && p !== eb.pid))
    }
    while (nowMs() < t0 + durationMs) {
      await sleep(Math.min(COLLECT_MS, t0 + durationMs - nowMs()))
      await collector.drain(ea.page, eb.page)
    }
    const endpoints = { sender: cpu.sender.stop(), receiver: cpu.receiver.stop() }
    const browserShared = cpu.browserShared.stop()
    await sleep(DRAIN_MS)
    await collector.drain(ea.page, eb.page, true)
    const [sentStats, receivedStats] = await Promise.all([call(ea, 'stopStats'), call(eb, 'stopStats')])
    const relayStats = relay.stats()
    const got = collector.result(t0, t0 + durationMs)

    const inbound = lastInbound(receivedStats)
    const payloadBytes = (inbound.video?.bytesReceived ?? 0) + (inbound.audio?.bytesReceived ?? 0)
    return {
      system: 'gui-webrtc',
      video: got.video,
      audio: { ...got.audio, concealedFrames: webrtcConcealedFrames(receivedStats, t0 + warmupMs), concealment: webrtcConcealment(receivedStats, t0 + warmupMs) },
      timeline: webrtcTimeline(receivedStats, t0),
      stages: webrtcStages(sentStats, receivedStats),
      endpoints,
      relay: relayStats,
      path: {
        // UDP payload through the relay must cover all the RTP payload the receiver counted
        viaRelay: relayStats.upstream.packetsOut > 0 && relayStats.downstream.packetsOut > 0 && relayStats.upstream.bytesOut >= payloadBytes,
        relayPort: relay.address.port,
        receiverPort: cand.port,
        relayClient: relay.client(),
        receiverPayloadBytes: payloadBytes,
        relayUpstreamBytes: relayStats.upstream.bytesOut
      },
      extra: {
        ...got.extra,
        browserShared,
        codecsOffered: negotiatedCodecs(offer),
        codecsAnswered: negotiatedCodecs(answer),
        pageErrors: { sender: ea.consoleErrors, receiver: eb.consoleErrors }
      }
    }
  } finally {
    await Promise.allSettled(browsers.map(e => e.close()))
    await new Promise(resolve => server.close(resolve))
  }
}
