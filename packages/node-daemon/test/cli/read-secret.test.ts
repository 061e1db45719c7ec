// The passphrase reader: a terminal in raw mode (no echo, backspace, type-ahead kept for the next
// question, Ctrl-C cancels) and piped input read one line per question.
import { PassThrough } from 'node:stream'
import { expect, it } from 'vitest'
import { createSecretReader } from '../../src/cli/read-secret.js'

/** A stand-in terminal: a stream that records raw-mode switches. */
function fakeTty (): { input: NodeJS.ReadStream, output: NodeJS.WriteStream, written: () => string, rawModes: boolean[] } {
  const input = new PassThrough() as unknown as NodeJS.ReadStream & { isTTY: boolean, setRawMode: (b: boolean) => void }
  const rawModes: boolean[] = []
  input.isTTY = true
  input.setRawMode = (b: boolean) => { rawModes.push(b); return input }
  const out = new PassThrough()
  let written = ''
  out.on('data', (d: Buffer) => { written += d.toString() })
  return { input, output: out as unknown as NodeJS.WriteStream, written: () => written, rawModes }
}

it('terminal: raw mode while typing, nothing echoed, backspace edits, type-ahead answers the next question', async () => {
  const t = fakeTty()
  const reader = createSecretReader(t.input, t.output)
  const first = reader.read('new passphrase: ')
  t.input.push('hunter22x\u007f\rsecond one\r')
  expect(await first).toBe('hunter22')
  expect(await reader.read('again: ')).toBe('second one')
  expect(t.written()).toBe('new passphrase: \nagain: \n')
  expect(t.rawModes).toEqual([true, false, true, false])
})

it('terminal: Ctrl-C cancels with a typed error and leaves raw mode', async () => {
  const t = fakeTty()
  const reader = createSecretReader(t.input, t.output)
  const p = reader.read('passphrase: ')
  t.input.push('abc\u0003')
  await expect(p).rejects.toMatchObject({ code: 'STORAGE_BAD_PASSPHRASE' })
  expect(t.rawModes.at(-1)).toBe(false)
})

it('piped: one line per question; input that ends early is a typed error', async () => {
  const input = new PassThrough() as unknown as NodeJS.ReadStream
  const out = new PassThrough() as unknown as NodeJS.WriteStream
  const reader = createSecretReader(input, out)
  ;(input as unknown as PassThrough).end('one passphrase\nanother one\n')
  expect(await reader.read('a: ')).toBe('one passphrase')
  expect(await reader.read('b: ')).toBe('another one')
  await expect(reader.read('c: ')).rejects.toMatchObject({ code: 'STORAGE_BAD_PASSPHRASE' })
  reader.close()
})
