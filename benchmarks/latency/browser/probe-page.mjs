// The page side of the `gui` systems' measurement, injected into each Chromium page before
// any of the page's own scripts run (Playwright addInitScript). It only observes: the pages
// (Parley's GUI, or the baseline's WebRTC page) do their work unchanged.
//
// Sender page: getUserMedia is wrapped; clones of the camera and microphone tracks are read
// with MediaStreamTrackProcessors (the frame id from the top rows of each VideoFrame; the
// microphone's AudioData chunks). Glass starts when the device produced the frame: the
// harness places the sightings on the device's own clock (collect.mjs).
// Receiver page: a picture is "shown" when it is drawn — for Parley's GUI the moment its
// remote canvas's data-frames counter moves (it is set right after the draw, in the same
// task, so the canvas still holds that picture), for a <video> element the
// requestVideoFrameCallback of the frame; the id is read from the picture's top rows (the
// GUI's canvas, or the <video>'s decoded frame).
// Audio is "played" when it leaves the page's playback node: a tap worklet is connected
// after any AudioWorkletNode without inputs (the GUI's playback worklet) that feeds the
// destination; for a remote WebRTC track (tapStream) it is when its jitter buffer hands
// the chunk to playback (the element then plays it), read with a MediaStreamTrackProcessor.
// Audio chunks carry their own clock (the audio context's time, or AudioData's media
// timestamp) and their arrival time in the main thread; the harness places them on the wall
// clock from both (collect.mjs, batchClock): the main thread gets them late and in bursts
// when it is busy, the audio clock does not.
//
// Node collects everything with drain() about once a second (collect.mjs), so the pages
// never hold more than a second of records or kept pictures.

/** @param {object} cfg @param {string} readerSource content.mjs's videoIdReaderSource() */
export function probeInitScript (cfg, readerSource) {
  return `(${installProbe.toString()})(${JSON.stringify(cfg)}, ${readerSource})`
}

/**
 * Runs in the page. cfg: { source: { width, height }, keepMs, tapName }.
 * @param {{ source: { width: number, height: number }, keepMs: number, tapName: string }} cfg
 * @param {(frame: { data: ArrayLike<number>, width: number, height: number }, w: number, h: number) => number | null} readVideoId
 */
function installProbe (cfg, readVideoId) {
  const now = () => performance.timeOrigin + performance.now()
  const BATCH = 960 // 20 ms at 48 kHz
  const AUDIO_BUFFER_CHUNKS = 500 // 5 s of 10 ms chunks
  const out = { sentVideo: [], shownVideo: [], kept: [], captured: [], played: [], errors: [], unreadable: 0, loop: false }
  const fail = (where, err) => { if (out.errors.length < 20) out.errors.push(`${where}: ${err && err.message ? err.message : String(err)}`) }
  /** Rows holding the id blocks of a picture `height` px high (the reader looks at ¼–¾ of a block). */
  const stripRows = (height) => {
    const block = Math.min(16, Math.floor(cfg.source.width / 16 / 2) * 2)
    return Math.min(height, (Math.ceil(block * height / cfg.source.height) + 2) & ~1)
  }

  // ---- audio taps ---------------------------------------------------------------------
  // posts each 20 ms batch with the context time of its first sample: the main thread may get
  // the messages late and in bursts, the context clock is what the audio thread rendered to
  const TAP_SOURCE = `class Tap extends AudioWorkletProcessor {
    constructor () { super(); this.buf = new Float32Array(${BATCH}); this.n = 0; this.t = 0 }
    process (inputs) {
      const ch = inputs[0] && inputs[0][0]
      if (ch) for (let i = 0; i < ch.length; i++) {
        if (this.n === 0) this.t = currentTime + i / sampleRate
        this.buf[this.n++] = ch[i]
        if (this.n === ${BATCH}) { this.port.postMessage({ t: this.t, buf: this.buf }, [this.buf.buffer]); this.buf = new Float32Array(${BATCH}); this.n = 0 }
      }
      return true
    }
  }
  registerProcessor(${JSON.stringify(cfg.tapName)}, Tap)`
  const tapUrl = URL.createObjectURL(new Blob([TAP_SOURCE], { type: 'application/javascript' }))
  const loaded = new WeakMap()
  const connect = AudioNode.prototype.connect
  /** A tap node in ctx whose batches go to out[into] (by name: drain() replaces the arrays); pulled through a silent gain. */
  async function tapNode (ctx, into) {
    if (!loaded.has(ctx)) loaded.set(ctx, ctx.audioWorklet.addModule(tapUrl))
    await loaded.get(ctx)
    const node = new AudioWorkletNode(ctx, cfg.tapName, { numberOfInputs: 1, numberOfOutputs: 1, channelCount: 1, channelCountMode: 'explicit' })
    node.port.onmessage = (ev) => {
      const arrivalMs = now()
      const f = ev.data.buf
      const pcm = new Int16Array(f.length)
      for (let i = 0; i < f.length; i++) pcm[i] = Math.max(-32768, Math.min(32767, Math.round(f[i] * 32768)))
      out[into].push({ ctxMs: ev.data.t * 1000, arrivalMs, rate: ctx.sampleRate, pcm })
    }
    const mute = ctx.createGain()
    mute.gain.value = 0
    connect.call(node, mute)
    connect.call(mute, ctx.destination)
    return node
  }
  /**
   * A track's audio as the browser hands it out (breakout box: AudioData chunks, 10 ms each
   * in Chromium, with their media timestamps): the microphone as captured, a remote WebRTC
   * track as its jitter buffer (NetEq) outputs it for playback.
   */
  async function readAudioTrack (track, into) {
    // a processor drops chunks its reader has not taken once its buffer is full: a busy main
    // thread (300–400 ms here) must not lose sound the page did play
    const reader = new MediaStreamTrackProcessor({ track, maxBufferSize: AUDIO_BUFFER_CHUNKS }).readable.getReader()
    for (;;) {
      const { value: data, done } = await reader.read()
      if (done) return
      const arrivalMs = now()
      try {
        const f = new Float32Array(data.numberOfFrames)
        data.copyTo(f, { planeIndex: 0, format: 'f32-planar' })
        const pcm = new Int16Array(f.length)
        for (let i = 0; i < f.length; i++) pcm[i] = Math.max(-32768, Math.min(32767, Math.round(f[i] * 32768)))
        out[into].push({ ctxMs: data.timestamp / 1000, arrivalMs, rate: data.sampleRate, pcm })
      } catch (e) { fail('audio data', e) } finally { data.close() }
    }
  }
  // the page's playback: an input-less worklet node feeding the speaker
  AudioNode.prototype.connect = function (dest, ...rest) {
    const r = connect.call(this, dest, ...rest)
    try {
      if (this instanceof AudioWorkletNode && this.numberOfInputs === 0 && dest instanceof AudioDestinationNode && !this.__benchTapped) {
        this.__benchTapped = true
        tapNode(this.context, 'played').then(t => connect.call(this, t), e => fail('playback tap', e))
      }
    } catch (e) { fail('connect hook', e) }
    return r
  }

  // ---- sender: the camera and microphone as captured ------------------------------------
  const gum = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices)
  let lastSentId = -1
  navigator.mediaDevices.getUserMedia = async function (constraints) {
    const stream = await gum(constraints)
    try {
      const vt = stream.getVideoTracks()[0]
      if (vt != null) readCaptured(vt.clone()).catch(e => fail('camera probe', e))
      const at = stream.getAudioTracks()[0]
      if (at != null) readAudioTrack(at.clone(), 'captured').catch(e => fail('microphone probe', e))
    } catch (e) { fail('getUserMedia probe', e) }
    return stream
  }
  async function readCaptured (track) {
    const reader = new MediaStreamTrackProcessor({ track }).readable.getReader()
    for (;;) {
      const { value: frame, done } = await reader.read()
      if (done) return
      const at = now()
      try {
        if (!['I420', 'I420A', 'NV12'].includes(frame.format)) throw new Error(`camera frames are ${frame.format}, not I420/NV12`)
        const w = frame.visibleRect.width
        const h = frame.visibleRect.height
        const rect = { x: frame.visibleRect.x, y: frame.visibleRect.y, width: w, height: stripRows(h) }
        const buf = new Uint8Array(frame.allocationSize({ rect }))
        await frame.copyTo(buf, { rect })
        // luma comes first in I420 and NV12, at stride = rect width
        const id = readVideoId({ data: buf, width: w, height: h }, cfg.source.width, cfg.source.height)
        if (id == null) { out.unreadable++; continue }
        if (id < lastSentId - 30) out.loop = true
        lastSentId = id
        out.sentVideo.push({ id, atMs: at, width: w, height: h })
      } catch (e) { fail('camera frame', e) } finally { frame.close() }
    }
  }

  // ---- receiver: pictures as drawn --------------------------------------------------------
  const scratch = document.createElement('canvas')
  const g = scratch.getContext('2d', { willReadFrequently: true })
  /**
   * Luma of the top rows (or all) of a drawable: BT.601 limited range, what the YUV→RGB
   * drawing undid. A WebGL canvas (Parley's GUI) is read with readPixels, rows only, in the
   * task that drew it (its buffer is still there); others through a 2D canvas.
   */
  function lumaOf (drawable, w, h, rows) {
    let px
    const gl = drawable instanceof HTMLCanvasElement ? drawable.getContext('webgl') : null
    if (gl != null) {
      const up = new Uint8Array(w * rows * 4)
      gl.readPixels(0, h - rows, w, rows, gl.RGBA, gl.UNSIGNED_BYTE, up)
      px = new Uint8Array(up.length)
      // WebGL's rows go bottom-up
      for (let r = 0; r < rows; r++) px.set(up.subarray((rows - 1 - r) * w * 4, (rows - r) * w * 4), r * w * 4)
    } else {
      if (scratch.width !== w || scratch.height < rows) { scratch.width = w; scratch.height = Math.max(rows, h) }
      g.drawImage(drawable, 0, 0, w, rows, 0, 0, w, rows)
      px = g.getImageData(0, 0, w, rows).data
    }
    const y = new Uint8Array(w * rows)
    for (let i = 0, j = 0; j < y.length; i += 4, j++) y[j] = Math.round(16 + (65.738 * px[i] + 129.057 * px[i + 1] + 25.064 * px[i + 2]) / 256)
    return y
  }
  let lastKeptAt = -Infinity
  function shown (drawable, w, h) {
    const at = now()
    if (w === 0 || h === 0) return
    try {
      const id = readVideoId({ data: lumaOf(drawable, w, h, stripRows(h)), width: w, height: h }, cfg.source.width, cfg.source.height)
      if (id == null) { out.unreadable++; return }
      const rec = { id, atMs: at, width: w, height: h }
      out.shownVideo.push(rec)
      if (at - lastKeptAt >= cfg.keepMs) { lastKeptAt = at; out.kept.push({ ...rec, luma: lumaOf(drawable, w, h, h) }) }
    } catch (e) { fail('shown frame', e) }
  }
  /** Luma rows of a decoded VideoFrame (I420 or NV12: luma first, at stride = width). */
  async function frameLuma (frame, rows) {
    if (!['I420', 'I420A', 'NV12'].includes(frame.format)) throw new Error(`decoded frames are ${frame.format}, not I420/NV12`)
    const w = frame.visibleRect.width
    const rect = { x: frame.visibleRect.x, y: frame.visibleRect.y, width: w, height: rows }
    const buf = new Uint8Array(frame.allocationSize({ rect }))
    await frame.copyTo(buf, { rect })
    return buf.subarray(0, w * rows)
  }
  async function shownFrame (frame, at) {
    const w = frame.visibleRect.width
    const h = frame.visibleRect.height
    const id = readVideoId({ data: await frameLuma(frame, stripRows(h)), width: w, height: h }, cfg.source.width, cfg.source.height)
    if (id == null) { out.unreadable++; return }
    const rec = { id, atMs: at, width: w, height: h }
    out.shownVideo.push(rec)
    if (at - lastKeptAt >= cfg.keepMs) { lastKeptAt = at; out.kept.push({ ...rec, luma: new Uint8Array(await frameLuma(frame, h)) }) }
  }
  // Parley's GUI: the remote canvas counts its draws in data-frames
  new MutationObserver(muts => {
    for (const m of muts) {
      const c = m.target
      if (c instanceof HTMLCanvasElement && c.dataset.testid === 'remote-video') shown(c, c.width, c.height)
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-frames'] })

  window.__benchProbe = {
    /**
     * The baseline page's remote <video>: every frame it presents, read as the decoded
     * picture (a VideoFrame of the element: its own luma plane). Drawing the element to a
     * canvas would go through the compositor's colour conversion, whose matrix and range
     * are not the GUI's BT.601 and would cost the baseline ≈ 10 dB of PSNR it never lost.
     */
    watchVideo (video) {
      const step = () => {
        const at = now()
        let frame = null
        try { frame = new VideoFrame(video) } catch (e) { fail('video frame', e) }
        const done = () => { frame?.close(); video.requestVideoFrameCallback(step) }
        if (frame == null) { shown(video, video.videoWidth, video.videoHeight); done(); return }
        shownFrame(frame, at).catch(e => fail('shown video frame', e)).finally(done)
      }
      video.requestVideoFrameCallback(step)
    },
    /** The baseline page's remote audio, as its jitter buffer hands it to playback. */
    tapStream (stream) { readAudioTrack(stream.getAudioTracks()[0], 'played').catch(e => fail('remote audio probe', e)) },
    /** Everything since the last drain; audio and kept lumas as base64. */
    drain () {
      const b64 = (u8) => { let s = ''; for (let i = 0; i < u8.length; i += 0x8000) s += String.fromCharCode.apply(null, u8.subarray(i, i + 0x8000)); return btoa(s) }
      const pcm = list => list.map(b => ({ ctxMs: b.ctxMs, arrivalMs: b.arrivalMs, rate: b.rate, n: b.pcm.length, pcm: b64(new Uint8Array(b.pcm.buffer)) }))
      const r = {
        sentVideo: out.sentVideo,
        shownVideo: out.shownVideo,
        kept: out.kept.map(k => ({ id: k.id, atMs: k.atMs, width: k.width, height: k.height, luma: b64(k.luma) })),
        captured: pcm(out.captured),
        played: pcm(out.played),
        errors: out.errors,
        unreadable: out.unreadable,
        loop: out.loop
      }
      out.sentVideo = []; out.shownVideo = []; out.kept = []; out.captured = []; out.played = []; out.errors = []; out.unreadable = 0
      return r
    }
  }
}
