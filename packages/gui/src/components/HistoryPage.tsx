import type { JSX } from 'preact'
import { useController } from '../context.js'
import { isLiveCall } from '../controller.js'
import { END_REASONS, MISSED_REASONS, clock, displayName, duration } from '../format.js'
import { useAppState } from '../store.js'
import { Avatar } from './Avatar.js'
import { Icon } from './icons.js'

export function HistoryPage (): JSX.Element {
  const s = useAppState()
  const c = useController()
  return (
    <section class='page' aria-labelledby='history-title'>
      <header class='page-head'><h1 id='history-title'>Calls</h1></header>
      <ul class='card history' aria-label='Call history'>
        {s.history.length === 0 && <li class='muted pad'>No calls yet.</li>}
        {s.history.map(r => {
          const name = displayName(r.peerId, s.contacts)
          const missed = r.direction === 'in' && r.connectedAt == null && MISSED_REASONS.includes(r.endReason ?? '')
          return (
            <li key={r.callId} class='history-row' data-call={r.callId}>
              <Avatar peerId={r.peerId} name={name} />
              <span class='contact-text'>
                <span class={`conv-name ${missed ? 'missed' : ''}`}>{name}{r.attempts > 1 ? ` (${r.attempts})` : ''}</span>
                <span class='small muted'>
                  <Icon name={r.direction === 'out' ? 'arrowOut' : 'arrowIn'} size={12} />
                  {' '}{r.direction === 'out' ? 'Outgoing' : missed ? 'Missed' : 'Incoming'} {r.video ? 'video' : 'audio'} call
                  {' · '}{clock(r.startedAt)}
                  {r.durationMs != null && r.connectedAt != null ? ` · ${duration(r.durationMs)}` : ''}
                  {r.endReason != null && r.endReason !== 'hung_up' ? ` · ${END_REASONS[r.endReason] ?? r.endReason}` : ''}
                </span>
              </span>
              <span class='row gap-s'>
                <button type='button' class='icon-btn' aria-label={`Call ${name} back`} title='Call back' disabled={isLiveCall(s.call)}
                  onClick={() => { void c.startCall(r.peerId, r.video) }}><Icon name={r.video ? 'video' : 'phone'} /></button>
                <button type='button' class='icon-btn' aria-label={`Message ${name}`} title='Message' onClick={() => { c.go({ kind: 'thread', peerId: r.peerId }) }}><Icon name='chat' /></button>
              </span>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
