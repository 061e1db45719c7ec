// `parley gui`: sign the browser in without putting a secret in any process's argv. The
// daemon writes the one-time code into a 0600 page in the data dir; the opener and the browser
// only ever see that file's path (docs/operations.md, "GUI token handoff").
import type { Command } from 'commander'
import { BrowserOpenError } from '../errors.js'
import { connectToDaemon } from './context.js'
import { BROWSER_ENV, openInBrowser } from './open-browser.js'

type Out = (s: string) => void

export function registerGuiCommand (program: Command, home: () => string, out: Out): void {
  program.command('gui')
    .description(`open the GUI in your browser, signed in through a one-time page in the data dir (opener: $${BROWSER_ENV}, else xdg-open/open)`)
    .option('--no-open', 'print a signed-in link (one use, 60 s) instead of opening a browser')
    .action(async (o: { open: boolean }) => {
      const { client } = connectToDaemon(home())
      if (!o.open) {
        // Printed to the user's own terminal only: no other process gets it in its argv.
        const { url } = await client.call('gui.handoffCode')
        out(url)
        return
      }
      const page = await client.call('gui.handoffPage')
      const opened = await openInBrowser(page.url)
      if (!opened.ok) throw new BrowserOpenError(opened.command, opened.error, page.url)
      out(`opened   ${page.url}\n         (signs your browser in once, within ${Math.round((page.expiresAt - Date.now()) / 1000)} s; then it is deleted)`)
    })
}
