// Display helpers shared by the screens.
import type { Contact, Conversation } from '@parley/core/ipc'

export function shortId (peerId: string): string {
  return peerId.length <= 14 ? peerId : `${peerId.slice(0, 8)}…${peerId.slice(-4)}`
}

export function displayName (peerId: string, contacts: Contact[], conv?: Conversation): string {
  const nick = contacts.find(c => c.peerId === peerId)?.nickname ?? conv?.nickname
  return nick ?? shortId(peerId)
}

export function initials (name: string): string {
  const words = name.replace(/[^\p{L}\p{N} ]/gu, ' ').trim().split(/\s+/)
  const letters = words.length > 1 ? (words[0]?.[0] ?? '') + (words[1]?.[0] ?? '') : (words[0] ?? '?').slice(0, 2)
  return letters.toUpperCase() || '?'
}

/** Stable hue per peer so avatars are recognisable (FNV-1a: spreads similar IDs apart). */
export function hue (peerId: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < peerId.length; i++) h = Math.imul(h ^ peerId.charCodeAt(i), 0x01000193) >>> 0
  return h % 360
}

export function clock (ts: number): string {
  const d = new Date(ts)
  const today = new Date()
  return d.toDateString() === today.toDateString()
    ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleDateString([], { month: 'short', day: 'numeric' })
}

export function duration (ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  const h = Math.floor(s / 3600)
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0')
  const ss = String(s % 60).padStart(2, '0')
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`
}

export const END_REASONS: Record<string, string> = {
  rejected: 'Declined',
  busy: 'Busy',
  no_answer: 'No answer',
  cancelled: 'Cancelled',
  hung_up: 'Ended',
  failed: 'Failed',
  connection_lost: 'Connection lost',
  /** A stranger's offer that did not ring (over its limits, or declined a moment ago). */
  rate_limited: 'Not rung: unknown caller, too many calls'
}

/** An incoming call the user never got to answer (a declined or failed one is not "missed"). */
export const MISSED_REASONS: readonly string[] = ['no_answer', 'cancelled', 'busy', 'rate_limited']
