// One conversation: header with call buttons and safety number, messages with receipt
// ticks, the peer's typing indicator and the composer.
import type { JSX } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import type { Message } from '@parley/core/ipc'
import { useController } from '../context.js'
import { clock, displayName, shortId } from '../format.js'
import { useAppState } from '../store.js'
import { Avatar } from './Avatar.js'
import { Icon } from './icons.js'
import { SafetyPanel } from './SafetyPanel.js'

const TICKS: Record<Message['status'], { glyph: string, label: string }> = {
  pending: { glyph: '◷', label: 'Sending' },
  sent: { glyph: '✓', label: 'Sent' },
  delivered: { glyph: '✓✓', label: 'Delivered' },
  read: { glyph: '✓✓', label: 'Read' },
  received: { glyph: '', label: '' },
  failed: { glyph: '!', label: 'Not delivered' }
}

export function Thread ({ peerId }: { peerId: string }): JSX.Element {
  const s = useAppState()
  const c = useController()
  const [showInfo, setShowInfo] = useState(false)
  const contact = s.contacts.find(x => x.peerId === peerId)
  const conv = s.conversations.find(x => x.peerId === peerId)
  const name = displayName(peerId, s.contacts, conv)
  const messages = s.messages[peerId] ?? []
  const typing = s.typing[peerId] === true
  const busy = s.call != null && s.call.state !== 'ended'
  const logRef = useRef<HTMLOListElement>(null)

  useEffect(() => { setShowInfo(false) }, [peerId])
  // Keep the newest message in view as messages arrive.
  useEffect(() => {
    const el = logRef.current
    if (el != null) el.scrollTop = el.scrollHeight
  }, [messages.length, typing])

  return (
    <section class='thread' aria-label={`Conversation with ${name}`}>
      <header class='pane-head'>
        <Avatar peerId={peerId} name={name} size={40} online={contact?.online} />
        <div class='head-text'>
          <h1 class='head-name'>{name}</h1>
          <span class='small muted'>
            {contact?.blocked === true ? 'Blocked' : contact?.online === true ? 'Online' : 'Offline'}
            {contact?.verified === true && <> · <span class='verified'><Icon name='shield' size={12} /> Verified</span></>}
            {' · '}<span class='mono'>{shortId(peerId)}</span>
          </span>
        </div>
        <div class='head-actions'>
          <button type='button' class='icon-btn round' aria-label={`Audio call ${name}`} title='Audio call' disabled={busy || contact?.blocked === true}
            onClick={() => { void c.startCall(peerId, false) }}><Icon name='phone' /></button>
          <button type='button' class='icon-btn round' aria-label={`Video call ${name}`} title='Video call' disabled={busy || contact?.blocked === true}
            onClick={() => { void c.startCall(peerId, true) }}><Icon name='video' /></button>
          <button type='button' class='icon-btn round' aria-label='Contact details and safety number' title='Details' aria-expanded={showInfo}
            onClick={() => { setShowInfo(!showInfo) }}><Icon name='shield' /></button>
        </div>
      </header>

      {showInfo && <SafetyPanel peerId={peerId} name={name} contact={contact} />}
      {contact?.addedByUser !== true && contact?.blocked !== true && <Stranger peerId={peerId} />}

      <ol class='messages' ref={logRef} role='log' aria-label='Messages' aria-live='polite'>
        {messages.length === 0 && <li class='empty-thread muted'>No messages yet. Say hello — it is end-to-end encrypted.</li>}
        {messages.map(m => <Bubble key={m.id} m={m} />)}
      </ol>

      <div class='typing' aria-live='polite'>{typing ? <><span class='dots' aria-hidden='true'><i /><i /><i /></span> {name} is typing…</> : ''}</div>

      <Composer peerId={peerId} name={name} disabled={contact?.blocked === true} />
    </section>
  )
}

/** Someone who wrote or called first: offer to name them (add) or block them. */
function Stranger ({ peerId }: { peerId: string }): JSX.Element {
  const c = useController()
  const [nickname, setNickname] = useState('')
  return (
    <form class='stranger' aria-label='Not in your contacts' onSubmit={e => { e.preventDefault(); void c.addContact(peerId, nickname.trim()) }}>
      <span class='grow'>Not in your contacts.</span>
      <label class='sr-only' for='stranger-nick'>Nickname</label>
      <input id='stranger-nick' value={nickname} maxLength={64} placeholder='Nickname' onInput={e => { setNickname((e.target as HTMLInputElement).value) }} />
      <button type='submit' class='secondary'>Add to contacts</button>
      <button type='button' class='danger-outline' onClick={() => { void c.setBlocked(peerId, true) }}>Block</button>
    </form>
  )
}

function Bubble ({ m }: { m: Message }): JSX.Element {
  const tick = TICKS[m.status]
  return (
    <li class={`msg ${m.direction}`} data-id={m.id} data-status={m.status}>
      <div class='bubble'>
        <p class='body'>{m.body}</p>
        <span class='meta'>
          {clock(m.sentAt)}
          {m.direction === 'out' && <span class={`tick ${m.status}`} role='img' aria-label={tick.label} title={tick.label}>{tick.glyph}</span>}
        </span>
      </div>
    </li>
  )
}

function Composer ({ peerId, name, disabled }: { peerId: string, name: string, disabled: boolean }): JSX.Element {
  const c = useController()
  const [text, setText] = useState('')
  const inputRef = useRef<HTMLTextAreaElement>(null)
  useEffect(() => { inputRef.current?.focus() }, [peerId])

  const send = async (): Promise<void> => {
    const body = text.trim()
    if (body === '') return
    setText('')
    if (!await c.sendMessage(peerId, body)) setText(body)
  }
  return (
    <form class='composer' onSubmit={e => { e.preventDefault(); void send() }}>
      <label class='sr-only' for='composer-input'>Message to {name}</label>
      <textarea id='composer-input' ref={inputRef} rows={1} value={text} disabled={disabled}
        placeholder={disabled ? 'You blocked this contact' : `Message ${name}`}
        onInput={e => { setText((e.target as HTMLTextAreaElement).value); c.typing(peerId) }}
        onKeyDown={e => {
          // Enter sends, Shift+Enter starts a new line (what chat users expect).
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); void send() }
        }} />
      <button type='submit' class='primary round' aria-label='Send message' disabled={disabled || text.trim() === ''}>
        <Icon name='send' />
      </button>
    </form>
  )
}
