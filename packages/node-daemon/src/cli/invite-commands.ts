// `parley invite [--expires 24h] [--no-qr]` and `parley invite accept <link> [--name N]`
// (docs/protocol.md §6).
import type { Command } from 'commander'
import QRCode from 'qrcode'
import { connectToDaemon } from './context.js'

type Out = (s: string) => void

const UNITS_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/** "90s", "30m", "24h", "7d" → ms; anything else is a clear error. */
export function parseDuration (text: string): number {
  const m = /^(\d+)\s*([smhd])$/.exec(text.trim())
  const unit = m?.[2] != null ? UNITS_MS[m[2]] : undefined
  if (m?.[1] == null || unit == null) throw new Error(`"${text}" is not a duration: use a number and s, m, h or d, e.g. 24h`)
  return Number(m[1]) * unit
}

export function registerInviteCommands (program: Command, home: () => string, out: Out): void {
  const client = (): ReturnType<typeof connectToDaemon>['client'] => connectToDaemon(home()).client
  const invite = program.command('invite')
    .description('make a one-time link (and QR code) someone can use to add you and reach you without a DHT lookup')
    .option('--expires <duration>', 'how long the link works: 90s, 30m, 24h, 7d (default 24h)')
    .option('--no-qr', 'print only the link')
    .action(async (o: { expires?: string, qr: boolean }) => {
      const r = await client().call('invite.create', o.expires != null ? { expiresInMs: parseDuration(o.expires) } : {})
      out(r.link)
      out(`works once, until ${new Date(r.expiresAt).toLocaleString()}; reachable at ${r.addrs.length} address${r.addrs.length === 1 ? '' : 'es'}`)
      if (o.qr) out(await QRCode.toString(r.link, { type: 'terminal', small: true, errorCorrectionLevel: 'L' }))
    })
  invite.command('accept <link>')
    .description('add the person who sent you this invite link as a contact and connect to them')
    .option('--name <nickname>', 'what to call them')
    .action(async (link: string, o: { name?: string }) => {
      const r = await client().call('invite.accept', { link, ...(o.name != null ? { nickname: o.name } : {}) })
      out(`added ${r.peerId}${o.name != null ? ` as ${o.name}` : ''}, connected via ${r.remoteAddr}`)
    })
}
