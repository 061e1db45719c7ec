// Layout: sidebar on the left, the current screen on the right, the incoming-call
// dialog above everything (it appears wherever the user is).
import type { JSX } from 'preact'
import { isLiveCall } from '../controller.js'
import { useAppState } from '../store.js'
import { ContactsPage } from './ContactsPage.js'
import { HistoryPage } from './HistoryPage.js'
import { IdentityPage } from './IdentityPage.js'
import { InCall } from './InCall.js'
import { IncomingCall } from './IncomingCall.js'
import { NoToken } from './NoToken.js'
import { SettingsPage } from './SettingsPage.js'
import { Sidebar } from './Sidebar.js'
import { Thread } from './Thread.js'
import { Toast } from './Toast.js'

export function App (): JSX.Element {
  const s = useAppState()
  if (s.link === 'unauthorized') return <NoToken refused />
  const v = s.view
  const showCall = v.kind === 'call' && s.call != null
  return (
    <div class='shell'>
      <Sidebar />
      <main class='pane' id='main'>
        {s.link !== 'online' && (
          <div class='banner' role='status'>
            {s.link === 'connecting' ? 'Connecting to the Parley daemon…' : 'The Parley daemon is not reachable. Reconnecting…'}
          </div>
        )}
        {showCall && <InCall />}
        {!showCall && v.kind === 'thread' && <Thread peerId={v.peerId} />}
        {!showCall && v.kind === 'contacts' && <ContactsPage />}
        {!showCall && v.kind === 'history' && <HistoryPage />}
        {!showCall && v.kind === 'settings' && <SettingsPage />}
        {!showCall && v.kind === 'identity' && <IdentityPage />}
        {!showCall && (v.kind === 'welcome' || v.kind === 'call') && <Welcome inCall={isLiveCall(s.call)} />}
      </main>
      {s.call?.direction === 'in' && s.call.state === 'ringing' && <IncomingCall call={s.call} />}
      <Toast />
    </div>
  )
}

function Welcome ({ inCall }: { inCall: boolean }): JSX.Element {
  return (
    <section class='empty' aria-label='Welcome'>
      <div class='brand-mark big' aria-hidden='true'>P</div>
      <h2>Private calls, no servers</h2>
      <p class='muted'>{inCall ? 'A call is in progress.' : 'Pick a conversation, or add a contact by their peer ID to start one.'}</p>
    </section>
  )
}
