// Add a contact by peer ID with a nickname; the list shows presence and blocking.
import type { JSX } from 'preact'
import { useState } from 'preact/hooks'
import { useController } from '../context.js'
import { isLiveCall } from '../controller.js'
import { displayName, shortId } from '../format.js'
import { useAppState } from '../store.js'
import { Avatar } from './Avatar.js'
import { Icon } from './icons.js'
import { InviteCard } from './InviteCard.js'

const PEER_ID = /^[1-9A-HJ-NP-Za-km-z]+$|^b[a-z2-7]+$/

export function ContactsPage (): JSX.Element {
  const s = useAppState()
  const c = useController()
  const [peerId, setPeerId] = useState('')
  const [nickname, setNickname] = useState('')
  const [error, setError] = useState('')
  const self = s.status?.peerId

  const add = async (): Promise<void> => {
    const id = peerId.trim()
    if (!PEER_ID.test(id)) { setError('That does not look like a peer ID (base58, e.g. 12D3KooW…).'); return }
    if (id === self) { setError('That is your own peer ID.'); return }
    setError('')
    if (await c.addContact(id, nickname.trim())) {
      setPeerId('')
      setNickname('')
      c.go({ kind: 'thread', peerId: id })
    }
  }
  const contacts = [...s.contacts].sort((a, b) => Number(b.online) - Number(a.online) || displayName(a.peerId, s.contacts).localeCompare(displayName(b.peerId, s.contacts)))
  return (
    <section class='page' aria-labelledby='contacts-title'>
      <header class='page-head'><h1 id='contacts-title'>Contacts</h1></header>
      <form class='card add-contact' onSubmit={e => { e.preventDefault(); void add() }} aria-label='Add a contact'>
        <h2 class='card-title'>Add a contact</h2>
        <div class='fields'>
          <label class='field grow'>
            <span>Peer ID</span>
            <input name='peerId' class='mono' value={peerId} autocomplete='off' spellcheck={false} placeholder='12D3KooW…'
              aria-invalid={error !== ''} aria-describedby='add-error'
              onInput={e => { setPeerId((e.target as HTMLInputElement).value) }} required />
          </label>
          <label class='field'>
            <span>Nickname</span>
            <input name='nickname' value={nickname} maxLength={64} placeholder='Bob' onInput={e => { setNickname((e.target as HTMLInputElement).value) }} />
          </label>
          <button type='submit' class='primary'><Icon name='plus' size={16} /> Add</button>
        </div>
        <p id='add-error' class='error' role='alert'>{error}</p>
      </form>

      <InviteCard />

      <ul class='card contact-list' aria-label='Your contacts'>
        {contacts.length === 0 && <li class='muted pad'>No contacts yet. Ask a friend for their peer ID (<em>parley id</em>, or the copy button at the top left).</li>}
        {contacts.map(ct => {
          const name = displayName(ct.peerId, s.contacts)
          return (
            <li key={ct.peerId} class='contact' data-peer={ct.peerId}>
              <Avatar peerId={ct.peerId} name={name} online={ct.online} />
              <span class='contact-text'>
                <span class='conv-name'>{name}{!ct.addedByUser && <span class='pill'>unknown</span>}{ct.blocked && <span class='pill danger'>blocked</span>}</span>
                <span class='small muted'>{ct.online ? 'Online' : 'Offline'} · <span class='mono'>{shortId(ct.peerId)}</span></span>
              </span>
              <span class='row gap-s'>
                <button type='button' class='icon-btn' aria-label={`Message ${name}`} title='Message' onClick={() => { c.go({ kind: 'thread', peerId: ct.peerId }) }}><Icon name='chat' /></button>
                <button type='button' class='icon-btn' aria-label={`Audio call ${name}`} title='Audio call' disabled={ct.blocked || isLiveCall(s.call)}
                  onClick={() => { void c.startCall(ct.peerId, false) }}><Icon name='phone' /></button>
                <button type='button' class='icon-btn' aria-label={ct.blocked ? `Unblock ${name}` : `Block ${name}`} title={ct.blocked ? 'Unblock' : 'Block'} aria-pressed={ct.blocked}
                  onClick={() => { void c.setBlocked(ct.peerId, !ct.blocked) }}><Icon name='block' /></button>
              </span>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
