// Invites (docs/protocol.md §6): make a one-time link with its QR code to hand to someone,
// or paste one received to add its sender. No DHT lookup is needed either way.
import type { JSX } from 'preact'
import { useState } from 'preact/hooks'
import QRCode from 'qrcode'
import { useController } from '../context.js'
import { CopyButton } from './CopyButton.js'
import { Icon } from './icons.js'

export function InviteCard (): JSX.Element {
  const c = useController()
  const [made, setMade] = useState<{ link: string, expiresAt: number, qr: string } | null>(null)
  const [link, setLink] = useState('')
  const [nickname, setNickname] = useState('')

  const create = async (): Promise<void> => {
    const r = await c.createInvite()
    if (r == null) return
    setMade({ ...r, qr: await QRCode.toDataURL(r.link, { errorCorrectionLevel: 'L', margin: 2, width: 220 }) })
  }
  const accept = async (): Promise<void> => {
    const peerId = await c.acceptInvite(link.trim(), nickname.trim())
    if (peerId == null) return
    setLink('')
    setNickname('')
    c.go({ kind: 'thread', peerId })
  }
  return (
    <section class='card invite' aria-labelledby='invite-title'>
      <h2 class='card-title' id='invite-title'>Invite someone</h2>
      <p class='small muted'>A link that works once: whoever opens it in Parley becomes your contact and can reach you directly.</p>
      {made == null
        ? <div><button type='button' class='primary' onClick={() => { void create() }}><Icon name='plus' size={16} /> Make an invite link</button></div>
        : (
          <div class='invite-made'>
            <img src={made.qr} width={220} height={220} alt='QR code of your invite link' data-testid='invite-qr' />
            <div class='invite-link'>
              <code class='mono' data-testid='invite-link'>{made.link}</code>
              <CopyButton text={made.link} label='Copy the invite link' />
              <p class='small muted'>Works once, until {new Date(made.expiresAt).toLocaleString()}.</p>
            </div>
          </div>
          )}
      <form class='fields' onSubmit={e => { e.preventDefault(); void accept() }} aria-label='Accept an invite'>
        <label class='field grow'>
          <span>Got an invite link? Paste it here</span>
          <input name='inviteLink' class='mono' value={link} autocomplete='off' spellcheck={false} placeholder='parley://invite/…'
            onInput={e => { setLink((e.target as HTMLInputElement).value) }} required />
        </label>
        <label class='field'>
          <span>Name for them</span>
          <input name='inviteNickname' value={nickname} maxLength={64} placeholder='Alice' onInput={e => { setNickname((e.target as HTMLInputElement).value) }} />
        </label>
        <button type='submit' class='primary'>Accept invite</button>
      </form>
    </section>
  )
}
