// Sinks write decrypted call media: their files are owner-only whatever the umask, and a file
// that already existed with a looser mode is tightened when a sink takes it over.
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { IvfFileSink, OggOpusFileSink, SINK_FILE_MODE, WavFileSink, Y4mFileSink, readWav } from '../../src/index.js'

const dir = mkdtempSync(join(tmpdir(), 'parley-sink-modes-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const mode = (f: string): string => (statSync(f).mode & 0o777).toString(8)

// A permissive umask is what made recordings 0644 before; 0 is the worst case.
let oldUmask = 0
beforeEach(() => { oldUmask = process.umask(0) })
afterEach(() => { process.umask(oldUmask) })

describe('file sink modes', () => {
  it('creates WAV, IVF, Ogg and Y4M files 0600 even with umask 0', async () => {
    expect(SINK_FILE_MODE).toBe(0o600)
    const wav = await WavFileSink.open(join(dir, 'a.wav'), { sampleRate: 48_000, channels: 1 })
    await wav.write(new Int16Array(960).fill(1000))
    await wav.close()
    const ivf = await IvfFileSink.open(join(dir, 'v.ivf'), { width: 64, height: 48 })
    await ivf.write({ data: new Uint8Array([1, 2, 3]), ptsUs: 0 })
    await ivf.close()
    const ogg = await OggOpusFileSink.open(join(dir, 'a.opus'))
    await ogg.write(new Uint8Array([0xf8, 0xff, 0xfe]), 960)
    await ogg.close()
    const y4m = await Y4mFileSink.open(join(dir, 'v.y4m'), { width: 2, height: 2, frameRate: 30 })
    await y4m.close()
    for (const f of ['a.wav', 'v.ivf', 'a.opus', 'v.y4m']) expect(mode(join(dir, f)), f).toBe('600')
    expect(readWav(readFileSync(join(dir, 'a.wav'))).samples.length).toBe(960)
  })

  it('tightens a file that existed with mode 0644', async () => {
    const f = join(dir, 'old.wav')
    writeFileSync(f, 'left over')
    chmodSync(f, 0o644)
    const wav = await WavFileSink.open(f, { sampleRate: 48_000, channels: 1 })
    await wav.close()
    expect(mode(f)).toBe('600')
  })
})
