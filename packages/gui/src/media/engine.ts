// The page's media for the current call: microphone and camera to the daemon over the
// media socket, the peer's decoded audio to the speaker and pictures to whoever draws
// them. The controller tells it what the call is (follow); it does the rest.
import type { MediaSocketFrame } from '@parley/core/ipc/media-socket'
import type { CallInfo } from '@parley/core/ipc'
import { audioContext } from './audio-context.js'
import { VIDEO_MAX_FPS, readCamera } from './camera.js'
import type { CameraReader } from './camera.js'
import { openDevices } from './devices.js'
import type { DeviceChoice } from './devices.js'
import type { I420Picture } from './i420.js'
import { LevelMeter } from './level.js'
import type { Level } from './level.js'
import { MediaLink } from './media-link.js'
import { readMicrophone } from './microphone.js'
import type { Microphone } from './microphone.js'
import { socketAdmits } from './send-budget.js'
import { Signal } from './signal.js'
import { chooseSpeaker, openSpeaker } from './speaker.js'
import type { Speaker } from './speaker.js'


/**
 * While the daemon's ABR holds video (fps 0) a few pictures a second still go, so the
 * encoder has a fresh one the moment it resumes.
 */
const HELD_VIDEO_FPS = 5
/** 3 ms of slack so a camera's timing jitter does not skip every other frame. */
const FRAME_SLACK_MS = 3

/** The camera opens while the call rings (the preview shows at once)… */
const CAPTURE_STATES = new Set<CallInfo['state']>(['outgoing', 'connecting', 'connected', 'reconnecting'])
/**
 * …but frames go to the daemon only once the peer answered and media is being set up:
 * while it only rings, no encoder would take them. ('connecting' too: the daemon reports
 * 'connected' once media flows.)
 */
const SEND_STATES = new Set<CallInfo['state']>(['connecting', 'connected', 'reconnecting'])

export interface MediaCounters { audioSent: number, videoSent: number, videoDropped: number }

interface Capture {
  callId: string
  stream: MediaStream | null
  mic: Microphone | null
  camera: CameraReader | null
  closed: boolean
}

export class MediaEngine {
  /** The peer's audio loudness, for the meter. */
  readonly level = new Signal<Level>({ level: 0, peak: 0 })
  /** The peer's newest picture (null outside a video call). */
  readonly remoteVideo = new Signal<I420Picture | null>(null)
  /** This browser's camera and microphone, for the preview. */
  readonly localStream = new Signal<MediaStream | null>(null)
  /** Which camera path runs ('processor' or 'canvas'); '' when none. */
  readonly cameraPath = new Signal<string>('')
  readonly counters: MediaCounters = { audioSent: 0, videoSent: 0, videoDropped: 0 }

  private readonly link: MediaLink
  private readonly meter = new LevelMeter()
  private capture: Capture | null = null
  private speaker: Speaker | null = null
  private muted = false
  private sending = false
  private cameraOn = true
  private audioSeq = 0
  private videoSeq = 0
  private workletsReady = false
  private videoFps: number = VIDEO_MAX_FPS
  private lastVideoAt = -Infinity

  /**
   * devices: the Settings' choice, read at each capture start.
   * onError: capture failed (no permission, no device) — the user should know why the peer hears nothing.
   */
  constructor (url: string, token: string, private readonly devices: () => DeviceChoice & { audioOutput: string }, private readonly onError: (message: string) => void) {
    this.link = new MediaLink(url, token, f => { this.onRemote(f) })
  }

  /** The daemon is reachable (first connect or after a restart). */
  connect (): void { this.link.connect() }

  /** From the click that starts or answers a call: the audio context may play sound then. */
  prepare (): void { audioContext() }

  /** Match capture and playback to the call as the daemon reports it. */
  follow (call: CallInfo | null): void {
    const live = call != null && CAPTURE_STATES.has(call.state)
    if (call != null && live) {
      this.muted = call.muted
      this.sending = SEND_STATES.has(call.state)
      this.cameraOn = call.video && call.videoOn
      if (this.capture?.callId !== call.callId) {
        this.startCapture(call.callId, call.video).catch((err: unknown) => {
          this.onError(`Microphone and camera unavailable: ${err instanceof Error ? err.message : String(err)}`)
        })
      }
      this.applyTracks()
      return
    }
    this.sending = false
    this.stopCapture()
    if (call == null || call.state === 'ended') this.clearRemote()
  }

  /**
   * The encoder's frame rate from call.stats: the daemon drops pictures beyond it, so
   * converting and sending them would only load the page, the socket and the daemon.
   */
  setVideoFps (fps: number | null | undefined): void {
    this.videoFps = fps == null ? VIDEO_MAX_FPS : Math.min(VIDEO_MAX_FPS, fps > 0 ? fps : HELD_VIDEO_FPS)
  }

  /** Stop sending at once on a click; the daemon's answer to call.mute / call.video follows. */
  setMuted (muted: boolean): void { this.muted = muted; this.applyTracks() }
  setCameraOn (on: boolean): void { this.cameraOn = on; this.applyTracks() }

  stop (): void {
    this.stopCapture()
    this.clearRemote()
    this.link.stop()
  }

  // --- capture ---------------------------------------------------------------------------

  private async startCapture (callId: string, video: boolean): Promise<void> {
    this.stopCapture()
    const cap: Capture = { callId, stream: null, mic: null, camera: null, closed: false }
    this.capture = cap
    const { ctx, ready } = audioContext()
    const stream = await openDevices(video, this.devices())
    if (cap.closed) { for (const t of stream.getTracks()) t.stop(); return }
    cap.stream = stream
    this.localStream.set(stream)
    this.applyTracks()
    const vt = stream.getVideoTracks()[0]
    if (vt != null) {
      cap.camera = readCamera(vt, () => this.wantVideo(), pic => { this.sendVideo(pic) })
      this.cameraPath.set(cap.camera.path)
    }
    await ready
    const at = stream.getAudioTracks()[0]
    if (at != null && !cap.closed) cap.mic = readMicrophone(ctx, at, pcm => { this.sendAudio(pcm) })
  }

  private stopCapture (): void {
    const cap = this.capture
    if (cap == null) return
    this.capture = null
    cap.closed = true
    cap.mic?.stop()
    cap.camera?.stop()
    for (const t of cap.stream?.getTracks() ?? []) t.stop()
    this.localStream.set(null)
    this.cameraPath.set('')
    this.videoFps = VIDEO_MAX_FPS
  }

  /** A muted track captures silence / black in the browser too, so the preview shows it. */
  private applyTracks (): void {
    for (const t of this.capture?.stream?.getAudioTracks() ?? []) t.enabled = !this.muted
    for (const t of this.capture?.stream?.getVideoTracks() ?? []) t.enabled = this.cameraOn
  }

  private wantVideo (): boolean {
    if (!this.sending || !this.cameraOn || !this.link.open) return false
    const now = performance.now()
    if (now - this.lastVideoAt < 1000 / this.videoFps - FRAME_SLACK_MS) return false
    if (!socketAdmits('video', this.link.bufferedAmount)) { this.counters.videoDropped++; return false }
    this.lastVideoAt = now
    return true
  }

  private sendVideo (pic: I420Picture): void {
    if (!this.cameraOn) return
    if (this.link.send({ kind: 'video', seq: this.videoSeq++, tsUs: Date.now() * 1000, flags: 0, ...pic })) this.counters.videoSent++
  }

  private sendAudio (pcm: Int16Array): void {
    // muted = nothing sent: the daemon is told by call.mute, and no frame means no packet
    if (!this.sending || this.muted || !socketAdmits('audio', this.link.bufferedAmount)) return
    if (this.link.send({ kind: 'audio', seq: this.audioSeq++, tsUs: Date.now() * 1000, flags: 0, pcm })) this.counters.audioSent++
  }

  // --- playback ----------------------------------------------------------------------------

  private onRemote (f: MediaSocketFrame): void {
    if (f.kind === 'video') {
      this.remoteVideo.set({ width: f.width, height: f.height, data: f.data })
      return
    }
    this.level.set(this.meter.push(f.pcm, performance.now()))
    this.speakerFor()?.push(f.pcm)
  }

  /** Opened on the first remote audio, once the worklets are loaded; null until then. */
  private speakerFor (): Speaker | null {
    if (this.speaker != null) return this.speaker
    const shared = audioContext()
    if (!this.workletsReady) {
      void shared.ready.then(() => { this.workletsReady = true })
      return null
    }
    this.speaker = openSpeaker(shared.ctx)
    void chooseSpeaker(shared.ctx, this.devices().audioOutput)
    return this.speaker
  }

  private clearRemote (): void {
    this.speaker?.stop()
    this.speaker = null
    this.level.set(this.meter.reset())
    this.remoteVideo.set(null)
  }
}
