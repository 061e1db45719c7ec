// Node side of the page probe (probe-page.mjs): drains both pages about once a second and
// turns what they saw into the harness's sent/received records — the same marker detector,
// quality recorder and similarity scoring the other systems use, run here in the harness
// (not in the measured browsers).
import { AUDIO_ID_MODULUS, AudioMarkerDetector, MARKER_PERIOD_MS } from '../content.mjs'
import { quantile } from '../../lib/stats.mjs'
import { AudioSimilarityTracker, VideoQualityRecorder } from '../quality.mjs'

const pcmOf = b64 => { const b = Buffer.from(b64, 'base64'); return new Int16Array(b.buffer, b.byteOffset, b.byteLength >> 1) }
const bytesOf = b64 => { const b = Buffer.from(b64, 'base64'); return new Uint8Array(b.buffer, b.byteOffset, b.byteLength) }

/**
 * The smallest full marker index after `last` whose class is `cls` (the first one is cls
 * itself): the sender's captured markers are read as classes (mod 8), in order.
 */
export function nextMarkerIndex (last, cls) {
  if (last == null) return cls
  let full = last + 1
  while (full % AUDIO_ID_MODULUS !== cls) full++
  return full
}

/**
 * Kept pictures are read back whole inside the measured receiving browser, then copied out
 * to the harness: the page keeps one at most every GUI_KEEP_MS (2 a second), by time, not by
 * id as the other systems do (every frame at 640×360 cost page B a fifth of a core here,
 * and a page that shows few frames would keep none by id).
 */
export const GUI_KEEP_MS = 500

/** Capture times are anchored on the least-delayed sightings within this many ms either side. */
export const ENVELOPE_MS = 2000

/**
 * When the fake device produced each frame. Chromium's file-backed camera and microphone
 * hand out frame i at origin + i × periodMs on a timer; page code sees a frame later, by
 * however long the page's main thread was busy (a frame may even be replaced by a newer
 * one before page code sees it). So each sighting gives an upper bound on its frame's
 * production time, and the least-delayed sightings within ±ENVELOPE_MS (a lower envelope,
 * which follows slow drift of the device's timer) give the device's clock.
 * @param {{ id: number, atMs: number }[]} seen full ids, in capture order
 * @param {number} periodMs the device's frame period (video 1000/fps; audio markers 100)
 * @param {number} firstId @param {number} lastId the ids to place (those not seen too)
 * @returns {{ produced: { id: number, atMs: number }[], delayMs: number[] }} produced
 *   times, and each sighting's delay after it (how late page code saw the frame)
 */
export function productionTimes (seen, periodMs, firstId, lastId) {
  if (seen.length === 0) return { produced: [], delayMs: [] }
  const byId = [...seen].sort((a, b) => a.id - b.id)
  const offsets = byId.map(s => s.atMs - s.id * periodMs)
  const reach = Math.round(ENVELOPE_MS / periodMs)
  let j = 0
  const produced = []
  for (let id = firstId; id <= lastId; id++) {
    while (j < byId.length && byId[j].id < id - reach) j++
    let origin = Infinity
    for (let k = j; k < byId.length && byId[k].id <= id + reach; k++) origin = Math.min(origin, offsets[k])
    // a stretch with no sighting at all: the nearest sighting's offset
    if (origin === Infinity) origin = offsets[nearestIndex(byId, id)]
    produced.push({ id, atMs: origin + id * periodMs })
  }
  const at = new Map(produced.map(p => [p.id, p.atMs]))
  const delayMs = byId.filter(s => at.has(s.id)).map(s => s.atMs - at.get(s.id))
  return { produced, delayMs }
}

/**
 * Audio batches → wall-clock times of their first sample. Each batch has its context's time
 * (ctxMs, the audio thread's clock) and when the main thread got it (arrivalMs, late by
 * however long the thread was busy, often in bursts). A batch cannot arrive before its last
 * sample was rendered, so arrivalMs − (ctxMs + its duration) bounds the context-to-wall
 * offset from above; the least of these within ±ENVELOPE_MS (lower envelope, as in
 * productionTimes) is the offset. Batches are held until ENVELOPE_MS of later ones came.
 */
export function batchClock () {
  let held = []
  let flushing = false
  const placed = b => b.atMs !== undefined
  return {
    add (batches) { held.push(...batches) },
    flush () { flushing = true },
    /** @returns {Array<{ atMs: number, rate: number, pcm: string }>} batches now placed, in order */
    ready () {
      if (held.length === 0) return []
      const last = held.at(-1)
      const bound = b => b.arrivalMs - (b.ctxMs + b.n / b.rate * 1000)
      const out = []
      for (const b of held) {
        if (placed(b)) continue
        if (!flushing && b.ctxMs > last.ctxMs - ENVELOPE_MS) break
        let off = Infinity
        for (const o of held) if (Math.abs(o.ctxMs - b.ctxMs) <= ENVELOPE_MS) off = Math.min(off, bound(o))
        b.atMs = b.ctxMs + off
        out.push(b)
      }
      // keep ENVELOPE_MS of placed batches as the envelope's past for the next ones
      const lastOut = out.at(-1)
      held = held.filter(b => !placed(b) || (lastOut != null && b.ctxMs >= lastOut.ctxMs - ENVELOPE_MS))
      return out.map(b => ({ atMs: b.atMs, rate: b.rate, pcm: b.pcm }))
    }
  }
}

function nearestIndex (sorted, id) {
  let best = 0
  for (let k = 1; k < sorted.length; k++) if (Math.abs(sorted[k].id - id) < Math.abs(sorted[best].id - id)) best = k
  return best
}

/** @param {{ width: number, height: number, fps: number }} video @param {number} durationMs */
export function pageCollector (video, durationMs) {
  const fps = video.fps
  const quality = new VideoQualityRecorder(video, durationMs, { everyN: 1 })
  const sentDetector = new AudioMarkerDetector()
  const playedDetector = new AudioMarkerDetector()
  const similarity = new AudioSimilarityTracker()
  const captured = batchClock()
  const played = batchClock()
  const st = {
    sentVideo: [], shownVideo: [], sentAudio: [], playedAudio: [], errors: [],
    unreadableCaptured: 0, unreadableShown: 0, loop: false, lastMarker: null, capturedBatches: 0, playedBatches: 0
  }

  function absorbSender (d) {
    st.sentVideo.push(...d.sentVideo)
    st.unreadableCaptured += d.unreadable
    st.loop ||= d.loop
    st.errors.push(...d.errors.map(e => `sender page: ${e}`))
    captured.add(d.captured)
    for (const b of captured.ready()) {
      st.capturedBatches++
      for (const m of sentDetector.push(pcmOf(b.pcm), b.atMs, b.rate)) {
        st.lastMarker = nextMarkerIndex(st.lastMarker, m.id)
        st.sentAudio.push({ id: st.lastMarker, atMs: m.atMs })
      }
    }
  }

  async function absorbReceiver (d) {
    const byKey = new Map()
    for (const r of d.shownVideo) { st.shownVideo.push(r); byKey.set(`${r.id}@${r.atMs}`, r) }
    for (const k of d.kept) {
      const rec = byKey.get(`${k.id}@${k.atMs}`)
      if (rec != null) quality.keep(rec, bytesOf(k.luma), k.width, k.height)
    }
    st.unreadableShown += d.unreadable
    st.errors.push(...d.errors.map(e => `receiver page: ${e}`))
    played.add(d.played)
    for (const b of played.ready()) {
      st.playedBatches++
      const pcm = pcmOf(b.pcm)
      if (process.env.DUMP_PLAYED) (await import('node:fs')).appendFileSync(process.env.DUMP_PLAYED, JSON.stringify({ at: b.atMs, pcm: Array.from(pcm) }) + '\n')
      similarity.push(pcm, b.rate)
      for (const m of playedDetector.push(pcm, b.atMs, b.rate)) {
        similarity.track(m)
        delete m.onsetSample
        st.playedAudio.push(m)
      }
    }
  }

  return {
    /** The page keeps a picture at most this often (Node scores them). */
    keepMs: GUI_KEEP_MS,
    /** @param {boolean} [last] the final drain: place the batches still held back too */
    async drain (senderPage, receiverPage, last = false) {
      const get = page => page.evaluate(() => window.__benchProbe.drain())
      const [a, b] = await Promise.all([get(senderPage), get(receiverPage)])
      if (last) { captured.flush(); played.flush() }
      absorbSender(a)
      await absorbReceiver(b)
    },
    /** The last picture shown, for the timeline. */
    lastShown: () => st.shownVideo.at(-1) ?? null,
    counts: () => ({ sentVideo: st.sentVideo.length, shownVideo: st.shownVideo.length, sentAudio: st.sentAudio.length, playedAudio: st.playedAudio.length }),
    /**
     * Records for measure.mjs: what was captured in [fromMs, toMs) (before that the call was
     * ringing or connecting), everything shown and played. Scores the kept pictures: call it
     * after the CPU sampling.
     */
    result (fromMs, toMs) {
      if (st.loop) throw new Error('the fake camera file looped during the run (the call took longer to set up than the file lasts): ids would repeat')
      if (st.sentVideo.length === 0 || st.sentAudio.length === 0) throw new Error(`the sender page saw no ${st.sentVideo.length === 0 ? 'camera frame' : 'microphone marker'} (probe errors: ${st.errors.slice(0, 3).join('; ') || 'none'})`)
      const inWindow = r => r.atMs >= fromMs && r.atMs < toMs
      const ids = xs => [Math.min(...xs.map(x => x.id)), Math.max(...xs.map(x => x.id))]
      const video = productionTimes(st.sentVideo, 1000 / fps, ...ids(st.sentVideo))
      const audio = productionTimes(st.sentAudio, MARKER_PERIOD_MS, ...ids(st.sentAudio))
      const qualityStats = quality.score()
      return {
        video: { sent: video.produced.filter(inWindow), received: st.shownVideo },
        audio: { sent: audio.produced.filter(inWindow), received: st.playedAudio },
        extra: {
          quality: qualityStats,
          // how late page A's code saw what the devices produced (its main thread's delay): p50 / p95 / max, ms
          captureToPage: { video: delays(video.delayMs), audio: delays(audio.delayMs) },
          framesSeenBySender: st.sentVideo.filter(inWindow).length,
          capturedSizes: sizes(st.sentVideo.filter(inWindow)),
          unreadableCapturedFrames: st.unreadableCaptured,
          unreadableVideoFrames: st.unreadableShown,
          rejectedAudioOnsets: { captured: sentDetector.rejected, played: playedDetector.rejected },
          audioBatches: { captured: st.capturedBatches, played: st.playedBatches },
          probeErrors: st.errors.slice(0, 20)
        }
      }
    }
  }
}

function delays (ms) {
  if (ms.length === 0) return null
  const r = x => Math.round(x * 10) / 10
  return { p50: r(quantile(ms, 0.5)), p95: r(quantile(ms, 0.95)), max: r(Math.max(...ms)) }
}

function sizes (records) {
  const out = {}
  for (const r of records) { const k = `${r.width}x${r.height}`; out[k] = (out[k] ?? 0) + 1 }
  return out
}
