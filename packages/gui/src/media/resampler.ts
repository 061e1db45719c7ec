// Linear-interpolation resampler for a continuous mono stream. Voice at 44.1 ↔ 48 kHz is
// the only case it meets (Chromium honours a 48 kHz AudioContext); linear interpolation
// is inaudible there next to Opus, and it keeps the worklet free of filter tables.

export class LinearResampler {
  /** Input samples per output sample. */
  private readonly step: number
  /** Position of the next output sample, in input samples after `last`. */
  private pos = 0
  private last = 0

  constructor (fromHz: number, toHz: number) {
    this.step = fromHz / toHz
  }

  get identity (): boolean { return this.step === 1 }

  /** Resample one block, calling `emit` for each output sample. */
  push (input: Float32Array, emit: (sample: number) => void): void {
    if (this.identity) {
      for (let i = 0; i < input.length; i++) emit(input[i] ?? 0)
      return
    }
    // pos runs over [-1, input.length - 1): index -1 is the last sample of the previous block
    let pos = this.pos - 1
    while (pos < input.length - 1) {
      const i = Math.floor(pos)
      const frac = pos - i
      const a = i < 0 ? this.last : input[i] ?? 0
      const b = input[i + 1] ?? 0
      emit(a + (b - a) * frac)
      pos += this.step
    }
    this.pos = pos - (input.length - 1)
    this.last = input[input.length - 1] ?? this.last
  }
}
