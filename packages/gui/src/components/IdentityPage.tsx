// Own identity: the peer ID to give to friends, and how safety numbers work.
import type { JSX } from 'preact'
import { duration } from '../format.js'
import { useAppState } from '../store.js'
import type { StatusResult } from '@parley/core/ipc'
import { Avatar } from './Avatar.js'
import { CopyButton } from './CopyButton.js'

export function IdentityPage (): JSX.Element {
  const { status } = useAppState()
  return (
    <section class='page' aria-labelledby='identity-title'>
      <header class='page-head'><h1 id='identity-title'>Your identity</h1></header>
      <div class='card identity'>
        <Avatar peerId={status?.peerId ?? 'me'} name='Me' size={64} />
        <div class='grow'>
          <h2 class='card-title'>Peer ID</h2>
          <p class='small muted'>Give this to people so they can add you. It is your public key: nobody else can answer for it.</p>
          <div class='peer-id-box'>
            <code class='mono wrap' data-testid='peer-id'>{status?.peerId ?? '…'}</code>
            {status != null && <CopyButton text={status.peerId} label='Copy your peer ID' />}
          </div>
        </div>
      </div>
      <div class='card'>
        <h2 class='card-title'>Safety numbers</h2>
        <p class='small muted'>
          Each conversation has a safety number computed from both identities. Open a contact’s details
          (the shield button in a conversation) and compare it with theirs in person or on a call; if it
          matches, nobody is in the middle.
        </p>
      </div>
      {status != null && (
        <div class='card'>
          <h2 class='card-title'>This device</h2>
          <dl class='facts'>
            <dt>Daemon</dt><dd>Parley {status.version} · up {duration(status.uptimeMs)}</dd>
            <dt>Connections</dt><dd>{status.connections.length} peer{status.connections.length === 1 ? '' : 's'}</dd>
            <dt>Discovery</dt><dd>DHT {status.dhtMode} ({status.dhtRoutingTableSize} in table){status.mdns ? ' · LAN (mDNS)' : ''}</dd>
            <dt>Reachable</dt><dd data-testid='reachability'>{reachabilityText(status.reachability)}</dd>
            {status.reachability.network === 'internet' && (
              <><dt>Others can use</dt><dd class='mono small'>{status.reachability.addresses.join(' ') || 'no address yet (no verified public address, no relay)'}</dd></>
            )}
            <dt>Listening</dt><dd class='mono small'>{status.listenAddrs.join(' ') || '—'}</dd>
          </dl>
        </div>
      )}
    </section>
  )
}

function reachabilityText (r: StatusResult['reachability']): string {
  if (r.relayOnly) return `relay only: contacts reach you through ${r.relays.length} relay${r.relays.length === 1 ? '' : 's'} and never see your IP address`
  if (r.network === 'lan') return 'on this LAN only (no public address or bootstrap peer configured)'
  const via = r.relays.length > 0 ? ` · through ${r.relays.length} relay${r.relays.length === 1 ? '' : 's'}` : ''
  if (r.state === 'public') return `public: peers can dial you directly${via}`
  if (r.state === 'behind-nat') return r.relays.length > 0 ? `behind NAT${via}` : 'behind NAT, no relay: people elsewhere cannot reach you'
  return `not known yet${via}`
}
