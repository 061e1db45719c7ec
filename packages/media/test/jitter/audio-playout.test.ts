import { describe, expect, it } from 'vitest'
import { AudioPlayout, OpusDecoder, OpusEncoder, SyntheticAudioSource, encodeAudioFrame, decodeAudioFrame } from '../../src/index.js'

describe('AudioPlayout', () => {
  it('turns pushed frames into one PCM frame per tick, concealing a loss and a corrupt packet', async () => {
    const enc = new OpusEncoder()
    const src = new SyntheticAudioSource()
    const playout = new AudioPlayout(new OpusDecoder())
    const decisions: string[] = []
    for (let i = 0; i < 60; i++) {
      const packet = await enc.encode(src.frame(i))
      const wire = encodeAudioFrame({ seq: i, captureTsUs: i * 20_000, payload: i === 30 ? Uint8Array.from([0xff, 0xff, 0xff]) : packet })
      if (i !== 20) playout.push(decodeAudioFrame(wire), i * 20 + 30)
      const out = await playout.tick(i * 20 + 30)
      decisions.push(out.decision)
      if (out.pcm !== null) expect(out.pcm.length).toBe(960)
      else expect(out.decision).toBe('silence')
    }
    expect(decisions).toContain('fec')
    expect(decisions.filter(d => d === 'decode').length).toBeGreaterThan(50)
    expect(playout.buffer.stats().lost).toBe(1)
  })
})
