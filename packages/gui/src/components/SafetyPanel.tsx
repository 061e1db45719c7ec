// The safety number to compare with the contact out of band, verification and blocking.
import type { JSX } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import type { Contact, ResultOf } from '@parley/core/ipc'
import { useController } from '../context.js'
import { CopyButton } from './CopyButton.js'

export function SafetyPanel ({ peerId, name, contact }: { peerId: string, name: string, contact: Contact | undefined }): JSX.Element {
  const c = useController()
  const [sn, setSn] = useState<ResultOf<'contacts.safetyNumber'>>()
  useEffect(() => { void c.safetyNumber(peerId).then(setSn) }, [peerId, contact?.verified])
  return (
    <section class='info-panel' aria-label={`Details for ${name}`}>
      <div class='info-row'>
        <span class='label'>Peer ID</span>
        <span class='mono wrap'>{peerId}</span>
        <CopyButton text={peerId} label={`Copy ${name}'s peer ID`} />
      </div>
      <div class='info-row'>
        <span class='label'>Safety number</span>
        <span class='mono safety' data-testid='safety-number'>{sn?.display ?? '…'}</span>
      </div>
      <p class='small muted'>Compare this number with {name} in person or on a call. If it matches, mark the contact verified.</p>
      <div class='row gap'>
        <button type='button' class='secondary' onClick={() => { void c.setVerified(peerId, contact?.verified !== true) }}>
          {contact?.verified === true ? 'Unmark verified' : 'Mark as verified'}
        </button>
        <button type='button' class='danger-outline' onClick={() => { void c.setBlocked(peerId, contact?.blocked !== true) }}>
          {contact?.blocked === true ? 'Unblock' : 'Block'}
        </button>
      </div>
    </section>
  )
}
