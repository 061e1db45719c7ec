// The harness's marked content as Chromium's file-backed fake camera and microphone
// (--use-file-for-fake-video-capture=<y4m>, --use-file-for-fake-audio-capture=<wav>), so the
// `gui` systems capture exactly what the other systems are handed: frame i of the file is
// content frame i (its id drawn in the picture), and the WAV holds audioFrame(0), (1), … with
// a tone marker every 100 ms.
//
// Chromium starts a file at its beginning when a page opens the device and loops at the
// end. A loop would repeat ids the matching takes as unique, so the file is made longer than
// the device can be open in a run (ring + media + drain); the page probe reports a loop and
// the run fails rather than mis-match (probe.mjs).
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AUDIO_FRAME_SAMPLES, SAMPLE_RATE_HZ, audioFrame, createVideoContent } from '../content.mjs'

/** The YUV4MPEG2 stream header Chromium's parser reads (4:2:0, progressive, square pixels). */
export function y4mHeader ({ width, height, fps }) {
  return `YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`
}

/** A 44-byte RIFF/WAVE header for mono s16 PCM of `samples` samples. */
export function wavHeader (samples, sampleRate = SAMPLE_RATE_HZ) {
  const b = Buffer.alloc(44)
  const dataBytes = samples * 2
  b.write('RIFF', 0, 'ascii')
  b.writeUInt32LE(36 + dataBytes, 4)
  b.write('WAVE', 8, 'ascii')
  b.write('fmt ', 12, 'ascii')
  b.writeUInt32LE(16, 16) // fmt chunk size
  b.writeUInt16LE(1, 20) // PCM
  b.writeUInt16LE(1, 22) // mono
  b.writeUInt32LE(sampleRate, 24)
  b.writeUInt32LE(sampleRate * 2, 28) // byte rate
  b.writeUInt16LE(2, 32) // block align
  b.writeUInt16LE(16, 34) // bits per sample
  b.write('data', 36, 'ascii')
  b.writeUInt32LE(dataBytes, 40)
  return b
}

/**
 * Writes <dir>/camera.y4m and <dir>/microphone.wav holding `seconds` of content.
 * @param {{ width: number, height: number, fps: number }} video
 * @param {(msg: string) => void} [progress]
 * @returns {{ video: string, audio: string, frames: number, bytes: number }}
 */
export function writeFakeDevices (dir, video, seconds, progress = () => {}) {
  mkdirSync(dir, { recursive: true })
  const frames = Math.ceil(seconds * video.fps)
  const videoPath = join(dir, 'camera.y4m')
  const audioPath = join(dir, 'microphone.wav')
  const content = createVideoContent(video)
  const i420Bytes = video.width * video.height * 3 / 2
  let fd = openSync(videoPath, 'w')
  let bytes = 0
  try {
    bytes += writeSync(fd, y4mHeader(video))
    const frameTag = Buffer.from('FRAME\n')
    for (let i = 0; i < frames; i++) {
      bytes += writeSync(fd, frameTag)
      bytes += writeSync(fd, content.frame(i).data, 0, i420Bytes)
      if (i > 0 && i % 300 === 0) progress(`fake camera: ${i}/${frames} frames written`)
    }
  } finally { closeSync(fd) }
  const audioFrames = Math.ceil(seconds * 1000 / 20)
  fd = openSync(audioPath, 'w')
  try {
    bytes += writeSync(fd, wavHeader(audioFrames * AUDIO_FRAME_SAMPLES))
    for (let i = 0; i < audioFrames; i++) {
      const pcm = audioFrame(i)
      bytes += writeSync(fd, Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength))
    }
  } finally { closeSync(fd) }
  return { video: videoPath, audio: audioPath, frames, bytes }
}

/**
 * One set of files per source size for the whole bench process, grown when a longer run
 * needs more; removed when the process exits (they can be gigabytes at 720p).
 */
export function fakeDeviceCache () {
  const root = join(tmpdir(), `parley-bench-fake-${process.pid}`)
  const made = new Map()
  process.once('exit', () => { rmSync(root, { recursive: true, force: true }) })
  return {
    /** @returns {{ video: string, audio: string, frames: number }} files of at least `seconds` */
    get (video, seconds, progress) {
      const key = `${video.width}x${video.height}@${video.fps}`
      const have = made.get(key)
      if (have != null && have.frames >= Math.ceil(seconds * video.fps)) return have
      const files = writeFakeDevices(join(root, key), video, seconds, progress)
      made.set(key, files)
      return files
    },
    remove () { rmSync(root, { recursive: true, force: true }); made.clear() }
  }
}
