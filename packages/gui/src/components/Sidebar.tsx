// Identity, navigation, the current call (if any) and the conversation list.
import type { JSX } from 'preact'
import { useController } from '../context.js'
import { isLiveCall } from '../controller.js'
import { clock, displayName, shortId } from '../format.js'
import { useAppState } from '../store.js'
import type { View } from '../store.js'
import { Avatar } from './Avatar.js'
import { CopyButton } from './CopyButton.js'
import { Icon } from './icons.js'
import type { IconName } from './icons.js'
import { MessageRequests } from './MessageRequests.js'

const NAV: Array<{ kind: 'contacts' | 'history' | 'settings', label: string, icon: IconName }> = [
  { kind: 'contacts', label: 'Contacts', icon: 'users' },
  { kind: 'history', label: 'Calls', icon: 'clock' },
  { kind: 'settings', label: 'Settings', icon: 'settings' }
]

export function Sidebar (): JSX.Element {
  const s = useAppState()
  const c = useController()
  const me = s.status?.peerId
  const current = (kind: View['kind']): boolean => s.view.kind === kind
  const chats = s.conversations.filter(conv => !conv.request)
  return (
    <nav class='sidebar' aria-label='Parley'>
      <div class='me'>
        <button type='button' class='me-main' onClick={() => { c.go({ kind: 'identity' }) }} aria-label='Your identity' aria-current={current('identity') ? 'page' : undefined}>
          <Avatar peerId={me ?? 'me'} name='Me' size={40} />
          <span class='me-text'>
            <span class='me-title'>You</span>
            <span class='mono small muted' data-testid='own-peer-id'>{me != null ? shortId(me) : '…'}</span>
          </span>
        </button>
        {me != null && <CopyButton text={me} label='Copy your peer ID' />}
      </div>

      <div class='nav'>
        {NAV.map(n => (
          <button key={n.kind} type='button' class='nav-item' aria-current={current(n.kind) ? 'page' : undefined} onClick={() => { c.go({ kind: n.kind }) }}>
            <Icon name={n.icon} /> <span>{n.label}</span>
          </button>
        ))}
      </div>

      {isLiveCall(s.call) && s.view.kind !== 'call' && (
        <button type='button' class='return-call' onClick={() => { c.go({ kind: 'call' }) }}>
          <Icon name='phone' size={16} /> Return to call with {displayName(s.call.peerId, s.contacts)}
        </button>
      )}

      <MessageRequests requests={s.conversations.filter(conv => conv.request)} />

      <h2 class='section-title'>Chats</h2>
      <ul class='conv-list' aria-label='Conversations'>
        {chats.length === 0 && <li class='muted small pad'>No conversations yet.</li>}
        {chats.map(conv => {
          const name = displayName(conv.peerId, s.contacts, conv)
          const online = s.contacts.find(x => x.peerId === conv.peerId)?.online
          const active = s.view.kind === 'thread' && s.view.peerId === conv.peerId
          return (
            <li key={conv.peerId}>
              <button type='button' class={`conv ${conv.unread > 0 ? 'has-unread' : ''}`} data-peer={conv.peerId} aria-current={active ? 'page' : undefined}
                aria-label={`${name}${conv.unread > 0 ? `, ${conv.unread} unread` : ''}`}
                onClick={() => { c.go({ kind: 'thread', peerId: conv.peerId }) }}>
                <Avatar peerId={conv.peerId} name={name} online={online} />
                <span class='conv-text'>
                  <span class='conv-top'>
                    <span class='conv-name'>{name}</span>
                    {conv.lastAt != null && <span class='small muted'>{clock(conv.lastAt)}</span>}
                  </span>
                  <span class='conv-bottom'>
                    <span class='conv-last'>{s.typing[conv.peerId] === true ? <em>typing…</em> : conv.lastBody ?? ''}</span>
                    {conv.unread > 0 && <span class='unread' data-testid='unread'>{conv.unread}</span>}
                  </span>
                </span>
              </button>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
