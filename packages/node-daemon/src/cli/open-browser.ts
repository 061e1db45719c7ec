// Open a URL in the user's browser, best effort. Whatever is passed here lands in the opener's
// and the browser's argv, which every local user can read (`ps`): so callers pass only URLs
// that hold no secret (`parley gui` passes the file:// URL of its 0600 sign-in page).
import { spawn } from 'node:child_process'

/** Names the command that opens a URL (the URL is its last argument); default: the platform's opener. */
export const BROWSER_ENV = 'PARLEY_BROWSER'

export type OpenResult = { ok: true, command: string } | { ok: false, command: string, error: string }

export function openerCommand (url: string, env: NodeJS.ProcessEnv = process.env): [string, string[]] {
  const custom = env[BROWSER_ENV]
  if (custom != null && custom.trim() !== '') return [custom.trim(), [url]]
  if (process.platform === 'darwin') return ['open', [url]]
  if (process.platform === 'win32') return ['cmd', ['/c', 'start', '', url]]
  return ['xdg-open', [url]]
}

/** Resolves once the opener has started (or failed to); it is left running on its own. */
export async function openInBrowser (url: string, env: NodeJS.ProcessEnv = process.env): Promise<OpenResult> {
  const [command, args] = openerCommand(url, env)
  return await new Promise(resolve => {
    try {
      const child = spawn(command, args, { detached: true, stdio: 'ignore' })
      child.once('error', (err) => { resolve({ ok: false, command, error: err.message }) })
      child.once('spawn', () => { child.unref(); resolve({ ok: true, command }) })
    } catch (err) {
      resolve({ ok: false, command, error: (err as Error).message })
    }
  })
}
