// The ringing dialog. A native modal <dialog>: it sits above whatever screen is open,
// traps focus and maps Escape to "decline".
import type { JSX } from 'preact'
import { useEffect, useRef } from 'preact/hooks'
import type { CallInfo } from '@parley/core/ipc'
import { useController } from '../context.js'
import { displayName, shortId } from '../format.js'
import { useAppState } from '../store.js'
import { Avatar } from './Avatar.js'
import { Icon } from './icons.js'

export function IncomingCall ({ call }: { call: CallInfo }): JSX.Element {
  const c = useController()
  const { contacts } = useAppState()
  const ref = useRef<HTMLDialogElement>(null)
  const acceptRef = useRef<HTMLButtonElement>(null)
  const name = displayName(call.peerId, contacts)

  useEffect(() => {
    const d = ref.current
    if (d != null && !d.open) d.showModal()
    acceptRef.current?.focus()
    return () => { d?.close() }
  }, [call.callId])

  return (
    <dialog ref={ref} class='incoming' aria-labelledby='incoming-title' aria-describedby='incoming-desc'
      onCancel={e => { e.preventDefault(); void c.reject() }}>
      <div class='ring'><Avatar peerId={call.peerId} name={name} size={88} /></div>
      <h2 id='incoming-title'>{name}</h2>
      <p id='incoming-desc' class='muted'>Incoming {call.video ? 'video' : 'audio'} call</p>
      {call.unknownCaller && (
        <p class='warn small' role='note'>Not in your contacts · <span class='mono'>{shortId(call.peerId)}</span></p>
      )}
      <div class='incoming-actions'>
        <button type='button' class='round big danger' aria-label={`Decline call from ${name}`} onClick={() => { void c.reject() }}>
          <Icon name='hangup' size={24} />
        </button>
        {call.video && (
          <button type='button' class='round big secondary' aria-label='Accept with audio only' title='Audio only' onClick={() => { void c.answer(false) }}>
            <Icon name='phone' size={24} />
          </button>
        )}
        <button ref={acceptRef} type='button' class='round big accept' aria-label={`Accept call from ${name}`} onClick={() => { void c.answer(call.video) }}>
          <Icon name={call.video ? 'video' : 'phone'} size={24} />
        </button>
      </div>
    </dialog>
  )
}
