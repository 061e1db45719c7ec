import type { JSX } from 'preact'

/** Shown without a token, or after the daemon refused it. */
export function NoToken ({ refused = false }: { refused?: boolean }): JSX.Element {
  return (
    <main class='gate'>
      <div class='gate-card'>
        <div class='brand-mark' aria-hidden='true'>P</div>
        <h1>{refused ? 'This page’s key is no longer valid' : 'Open Parley from your terminal'}</h1>
        <p>
          {refused
            ? 'The daemon did not accept the key this page was given (its data directory or token changed).'
            : 'For your safety this page only works when the Parley daemon hands it its access key.'}
          {' '}Run:
        </p>
        <pre><code>parley gui</code></pre>
        <p class='muted'>It opens this page in your browser with the key attached. Start the daemon first with <code>parley daemon start</code>.</p>
      </div>
    </main>
  )
}
