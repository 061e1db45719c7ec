// Strangers' messages wait here until the user accepts (adds the contact) or blocks
// (which drops them); the daemon holds them in a bounded quota (docs/security.md).
import type { JSX } from 'preact'
import type { Conversation } from '@parley/core/ipc'
import { useController } from '../context.js'
import { displayName } from '../format.js'
import { useAppState } from '../store.js'
import { Avatar } from './Avatar.js'

export function MessageRequests ({ requests }: { requests: Conversation[] }): JSX.Element | null {
  const s = useAppState()
  const c = useController()
  if (requests.length === 0) return null
  return (
    <>
      <h2 class='section-title'>Message requests</h2>
      <ul class='conv-list requests' aria-label='Message requests'>
        {requests.map(conv => {
          const name = displayName(conv.peerId, s.contacts, conv)
          const active = s.view.kind === 'thread' && s.view.peerId === conv.peerId
          return (
            <li key={conv.peerId} class='request'>
              <button type='button' class={`conv ${conv.unread > 0 ? 'has-unread' : ''}`} data-peer={conv.peerId} aria-current={active ? 'page' : undefined}
                aria-label={`Message request from ${name}${conv.unread > 0 ? `, ${conv.unread} unread` : ''}`}
                onClick={() => { c.go({ kind: 'thread', peerId: conv.peerId }) }}>
                <Avatar peerId={conv.peerId} name={name} />
                <span class='conv-text'>
                  <span class='conv-name'>{name}</span>
                  <span class='conv-bottom'>
                    <span class='conv-last'>{conv.lastBody ?? ''}</span>
                    {conv.unread > 0 && <span class='unread' data-testid='unread'>{conv.unread}</span>}
                  </span>
                </span>
              </button>
              <span class='row gap-s request-actions'>
                <button type='button' class='secondary' onClick={() => { void c.addContact(conv.peerId, '') }}>Accept</button>
                <button type='button' class='danger-outline' onClick={() => { void c.setBlocked(conv.peerId, true) }}>Block</button>
              </span>
            </li>
          )
        })}
      </ul>
    </>
  )
}
