// Reads passphrases: from the terminal without echo, or one line each from a piped standard input
// (scripts, tests, and the background daemon, which gets it from `daemon start` over a pipe).
// Never from argv or the environment: other users can read both (docs/operations.md).
import { createInterface } from 'node:readline'
import type { Interface } from 'node:readline'
import { StorageError, STORAGE_ERROR_CODES } from '../storage/index.js'

export interface SecretReader {
  read: (prompt: string) => Promise<string>
  close: () => void
}

const ENTER = new Set(['\r', '\n'])
const CTRL_C = '\u0003'
const CTRL_D = '\u0004'
const BACKSPACE = new Set(['\u007f', '\b'])

/** Typed ahead of a prompt (several lines may arrive in one chunk): kept for the next question. */
interface TtyState { ahead: string }

async function readFromTty (prompt: string, input: NodeJS.ReadStream, output: NodeJS.WriteStream, state: TtyState): Promise<string> {
  output.write(prompt)
  input.setRawMode(true)
  input.setEncoding('utf8')
  return await new Promise((resolve, reject) => {
    let typed = ''
    const done = (rest: string, err?: Error): void => {
      state.ahead = rest
      input.off('data', onData)
      input.setRawMode(false)
      input.pause()
      output.write('\n')
      if (err != null) reject(err)
      else resolve(typed)
    }
    const onData = (chunk: string): boolean => {
      const chars = [...chunk]
      for (let i = 0; i < chars.length; i++) {
        const ch = chars[i] as string
        const rest = chars.slice(i + 1).join('')
        if (ENTER.has(ch) || ch === CTRL_D) { done(rest.replace(/^\n/, '')); return true }
        if (ch === CTRL_C) { done('', new StorageError(STORAGE_ERROR_CODES.badPassphrase, 'cancelled')); return true }
        if (BACKSPACE.has(ch)) typed = typed.slice(0, -1)
        else typed += ch
      }
      return false
    }
    const ahead = state.ahead
    state.ahead = ''
    input.on('data', onData)
    if (ahead !== '' && onData(ahead)) return
    input.resume()
  })
}

/** One reader per command: piped input is consumed line by line across several prompts. */
export function createSecretReader (input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): SecretReader {
  if (input.isTTY) {
    const state: TtyState = { ahead: '' }
    return { read: async (prompt) => await readFromTty(prompt, input, output, state), close: () => {} }
  }
  let rl: Interface | undefined
  let lines: AsyncIterator<string> | undefined
  return {
    read: async (prompt) => {
      rl ??= createInterface({ input, terminal: false })
      lines ??= rl[Symbol.asyncIterator]()
      const next = await lines.next()
      if (next.done === true) throw new StorageError(STORAGE_ERROR_CODES.badPassphrase, `${prompt.replace(/[:\s]+$/, '')}: standard input ended before a line was given`)
      return next.value
    },
    close: () => { rl?.close() }
  }
}
