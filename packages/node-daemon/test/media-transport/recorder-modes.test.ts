// Call recordings are decrypted media: the recorder creates its dirs 0700 and its files 0600.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readIvf, readWav } from '@parley/media'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { createRecorder } from '../../src/media-transport/media-io.js'

const mode = (f: string): string => (statSync(f).mode & 0o777).toString(8)
let root: string
let oldUmask = 0
beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'parley-rec-')); oldUmask = process.umask(0o022) })
afterEach(() => { process.umask(oldUmask); rmSync(root, { recursive: true, force: true }) })

it('writes WAV and IVF recordings 0600 into new 0700 dirs (umask 022, which gave 0755/0644 before)', async () => {
  const dir = join(root, 'recordings', 'today')
  const rec = await createRecorder(dir, 'call-1', true)
  rec.output.audio?.(new Int16Array(960).fill(500))
  rec.output.audio?.(null)
  rec.output.video?.({ data: new Uint8Array([0x82, 0x49, 0x83]), ptsUs: 0, keyframe: true, width: 64, height: 48 }, null)
  await rec.close()
  expect(mode(join(root, 'recordings'))).toBe('700')
  expect(mode(dir)).toBe('700')
  const { audio, video } = rec.files
  expect(mode(audio as string)).toBe('600')
  expect(mode(video as string)).toBe('600')
  expect(readWav(readFileSync(audio as string)).samples.length).toBe(1920)
  expect(readIvf(readFileSync(video as string)).frames.length).toBe(1)
})

it('records video with strictly increasing timestamps and the largest frame size in the IVF header', async () => {
  const rec = await createRecorder(root, 'call-2', true)
  const packet = (ptsUs: number, width: number, height: number) => ({ data: new Uint8Array([0x82, 0x49, 0x83]), ptsUs, keyframe: true, width, height })
  // Two frames captured in the same millisecond, then a switch to a larger size (an ABR step up).
  rec.output.video?.(packet(1_000_000, 64, 48), null)
  rec.output.video?.(packet(1_000_400, 64, 48), null)
  rec.output.video?.(packet(1_033_333, 128, 96), null)
  rec.output.video?.(packet(1_066_667, 96, 72), null)
  await rec.close()
  const ivf = readIvf(readFileSync(rec.files.video as string))
  expect([ivf.width, ivf.height]).toEqual([128, 96])
  expect(ivf.frames.map(f => f.pts)).toEqual([1000, 1001, 1033, 1067])
})
