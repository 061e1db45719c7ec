// getUserMedia with the devices chosen in Settings. The daemon's video ladder is 16:9 and
// it never scales up, so the camera is asked for 640×360 at 16:9 (a 4:3 picture would be
// stretched); a device that has gone away falls back to the default, and a missing or
// refused camera leaves an audio-only stream rather than no stream.

export interface DeviceChoice { audioInput: string, videoInput: string }

const CAPTURE_WIDTH = 640
const CAPTURE_HEIGHT = 360
const CAPTURE_FPS = 30
/** The media socket refuses larger pictures. */
const MAX_SIDE = 1920

function audioConstraints (deviceId: string): MediaTrackConstraints {
  return {
    ...(deviceId !== '' ? { deviceId: { exact: deviceId } } : {}),
    channelCount: 1,
    echoCancellation: true,
    noiseSuppression: true,
    autoGainControl: true
  }
}

function videoConstraints (deviceId: string): MediaTrackConstraints {
  return {
    ...(deviceId !== '' ? { deviceId: { exact: deviceId } } : {}),
    width: { ideal: CAPTURE_WIDTH, max: MAX_SIDE },
    height: { ideal: CAPTURE_HEIGHT, max: MAX_SIDE },
    aspectRatio: { ideal: CAPTURE_WIDTH / CAPTURE_HEIGHT },
    frameRate: { ideal: CAPTURE_FPS, max: CAPTURE_FPS }
  }
}

export async function openDevices (video: boolean, choice: DeviceChoice): Promise<MediaStream> {
  const md = navigator.mediaDevices
  const attempt = async (audioId: string, videoId: string, withVideo: boolean): Promise<MediaStream> =>
    await md.getUserMedia({ audio: audioConstraints(audioId), video: withVideo ? videoConstraints(videoId) : false })
  const tries: Array<[string, string, boolean]> = [
    [choice.audioInput, choice.videoInput, video],
    // the chosen device was unplugged: OverconstrainedError on its exact id
    ['', '', video],
    ...(video ? [['', '', false] as [string, string, boolean]] : [])
  ]
  let last: unknown
  for (const [a, v, withVideo] of tries) {
    try { return await attempt(a, v, withVideo) } catch (err) { last = err }
  }
  throw last instanceof Error ? last : new Error('no microphone')
}
