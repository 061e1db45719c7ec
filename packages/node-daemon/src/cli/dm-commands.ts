// `parley dm …`, `parley contacts …` and `parley verify`.
import type { Command } from 'commander'
import type { Contact, Conversation, Message } from '@parley/core/ipc'
import { connectToDaemon } from './context.js'

type Out = (s: string) => void

const short = (peerId: string): string => peerId.length > 16 ? `${peerId.slice(0, 8)}…${peerId.slice(-6)}` : peerId
const time = (ms: number | null): string => ms == null ? '' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19)
const TICKS: Record<Message['status'], string> = { pending: '…', sent: '✓', delivered: '✓✓', read: '✓✓ read', received: '', failed: '✗ failed' }

export function formatConversations (list: Conversation[]): string {
  if (list.length === 0) return 'no conversations'
  return list.map(c => `${c.unread > 0 ? `(${c.unread})` : '   '} ${c.nickname ?? short(c.peerId)}${c.request ? '  [request]' : ''}  ${time(c.lastAt)}  ${(c.lastBody ?? '').slice(0, 60)}\n    ${c.peerId}`).join('\n')
}

export function formatMessages (msgs: Message[]): string {
  if (msgs.length === 0) return 'no messages'
  return msgs.map(m => `${time(m.sentAt)} ${m.direction === 'out' ? '→' : '←'} ${m.deleted ? '(deleted)' : m.body}${m.direction === 'out' ? `  ${TICKS[m.status]}` : ''}  [${m.id}]`).join('\n')
}

export function formatContacts (list: Contact[]): string {
  if (list.length === 0) return 'no contacts'
  return list.map(c => `${c.online ? '●' : '○'} ${(c.nickname ?? '-').padEnd(16)} ${c.peerId}${c.verified ? '  verified' : ''}${c.blocked ? '  BLOCKED' : ''}${c.addedByUser ? '' : '  (unknown)'}`).join('\n')
}

export function registerDmCommands (program: Command, home: () => string, out: Out): void {
  const client = (): ReturnType<typeof connectToDaemon>['client'] => connectToDaemon(home()).client
  const dm = program.command('dm').description('end-to-end encrypted direct messages')
  dm.command('send <peerId> <text...>')
    .description('queue a message (delivered when the peer is reachable)')
    .option('--reply-to <id>', 'id of the message this answers')
    .action(async (peerId: string, text: string[], o: { replyTo?: string }) => {
      const r = await client().call('dm.send', { peerId, body: text.join(' '), replyTo: o.replyTo })
      out(`queued ${r.id}`)
    })
  dm.command('list')
    .description('conversations with unread counts')
    .option('--json', 'machine-readable output')
    .action(async (o: { json?: boolean }) => {
      const r = await client().call('dm.list')
      out(o.json === true ? JSON.stringify(r, null, 2) : formatConversations(r))
    })
  dm.command('show <peerId>')
    .description('messages of a conversation (oldest first)')
    .option('--limit <n>', 'how many of the newest (default 50)', v => Number.parseInt(v, 10))
    .option('--json', 'machine-readable output')
    .action(async (peerId: string, o: { limit?: number, json?: boolean }) => {
      const r = await client().call('dm.show', { peerId, limit: o.limit })
      out(o.json === true ? JSON.stringify(r, null, 2) : formatMessages(r))
    })
  dm.command('read <peerId>')
    .description('mark a conversation read (sends read receipts)')
    .action(async (peerId: string) => {
      const r = await client().call('dm.markRead', { peerId })
      out(`marked ${r.ids.length} message${r.ids.length === 1 ? '' : 's'} read`)
    })
  dm.command('delete <peerId> <ids...>')
    .description('delete messages (your own are deleted at the peer too)')
    .action(async (peerId: string, ids: string[]) => {
      const r = await client().call('dm.delete', { peerId, ids })
      out(`deleted ${r.deleted}`)
    })

  const contacts = program.command('contacts').description('your contacts')
  contacts.command('add <peerId> [nickname]')
    .description('add a contact by peer ID')
    .action(async (peerId: string, nickname: string | undefined) => {
      const c = await client().call('contacts.add', { peerId, nickname })
      out(`added ${c.nickname ?? c.peerId}`)
    })
  contacts.command('list')
    .option('--json', 'machine-readable output')
    .action(async (o: { json?: boolean }) => {
      const r = await client().call('contacts.list')
      out(o.json === true ? JSON.stringify(r, null, 2) : formatContacts(r))
    })
  contacts.command('block <peerId>')
    .description('drop their messages and calls')
    .action(async (peerId: string) => { await client().call('contacts.block', { peerId, blocked: true }); out(`blocked ${peerId}`) })
  contacts.command('unblock <peerId>')
    .action(async (peerId: string) => { await client().call('contacts.block', { peerId, blocked: false }); out(`unblocked ${peerId}`) })

  program.command('verify <peerId>')
    .description('show the safety number to compare with the peer; --mark once they match')
    .option('--mark', 'mark the contact verified')
    .option('--unmark', 'remove the verified mark')
    .action(async (peerId: string, o: { mark?: boolean, unmark?: boolean }) => {
      const c = client()
      if (o.mark === true || o.unmark === true) await c.call('contacts.verify', { peerId, verified: o.mark === true })
      const sn = await c.call('contacts.safetyNumber', { peerId })
      out(`safety number with ${peerId}:\n\n  ${sn.display}\n\n${sn.verified ? 'verified ✓' : 'not verified: compare these digits with your contact (in person or by a call), then run "parley verify <peerId> --mark"'}`)
    })
}
