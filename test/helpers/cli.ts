// Run the real `parley` CLI (the built dist) as a child process.
import { execFile, spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const PARLEY_BIN = fileURLToPath(new URL('../../packages/node-daemon/dist/bin/parley.js', import.meta.url))

export interface CliResult { code: number, stdout: string, stderr: string }

export interface CliOptions {
  env?: Record<string, string>
  /** Run inside this network namespace (`ip netns exec`). */
  netns?: string
  timeoutMs?: number
}

function command (args: string[], netns: string | undefined): [string, string[]] {
  return netns != null
    ? ['ip', ['netns', 'exec', netns, process.execPath, PARLEY_BIN, ...args]]
    : [process.execPath, [PARLEY_BIN, ...args]]
}

export async function parley (args: string[], opts: CliOptions = {}): Promise<CliResult> {
  const [cmd, argv] = command(args, opts.netns)
  return await new Promise(resolve => {
    execFile(cmd, argv, { env: { ...process.env, ...opts.env }, timeout: opts.timeoutMs ?? 60_000 }, (err, stdout, stderr) => {
      const code = err == null ? 0 : typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1
      resolve({ code, stdout, stderr })
    })
  })
}

// Daemons still running when the test worker exits (a failed beforeAll, an interrupted
// run) are killed, so they never outlive the test run.
const children = new Set<ChildProcess>()
process.on('exit', () => { for (const c of children) c.kill('SIGKILL') })

/** Start `parley daemon start --foreground` as a child of the test (killed at teardown). */
export function spawnForeground (home: string, args: string[], opts: CliOptions = {}): ChildProcess {
  const [cmd, argv] = command(['--home', home, 'daemon', 'start', '--foreground', ...args], opts.netns)
  const child = spawn(cmd, argv, { env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] })
  children.add(child)
  child.once('exit', () => children.delete(child))
  return child
}
