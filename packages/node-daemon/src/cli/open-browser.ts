// Open a URL in the user's default browser, best effort: the URL is printed anyway.
import { spawn } from 'node:child_process'

export function openInBrowser (url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open'
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url]
  try {
    const child = spawn(cmd, args, { detached: true, stdio: 'ignore' })
    child.on('error', () => {})
    child.unref()
  } catch {
    // no browser opener on this machine: the printed URL is the fallback
  }
}
