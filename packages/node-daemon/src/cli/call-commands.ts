// `parley call`, `answer`, `reject`, `hangup`, `mute|unmute`, `video on|off`,
// `hold|resume`, `calls` (history) and `call-stats` (live).
import type { Command } from 'commander'
import { parseCallStats } from '@parley/core/ipc'
import type { CallInfo, CallStatsResult } from '@parley/core/ipc'
import { connectToDaemon } from './context.js'

type Out = (s: string) => void

export function formatCall (c: CallInfo | null): string {
  if (c == null) return 'no call'
  const flags = [c.video ? 'video' : 'audio', c.muted ? 'muted' : '', c.onHold ? 'on hold' : '', c.remoteHold ? 'held by peer' : '', c.unknownCaller ? 'UNKNOWN CALLER' : ''].filter(Boolean).join(', ')
  return `${c.state}${c.endReason != null ? ` (${c.endReason})` : ''}  ${c.direction === 'out' ? 'to' : 'from'} ${c.peerId}  [${flags}]  call ${c.callId}`
}

export function formatStats (s: CallStatsResult): string {
  const n = (x: number | null | undefined, d = 0): string => x == null ? '-' : x.toFixed(d)
  const a = s.audio
  const v = s.video
  return [
    `call ${s.callId}  ${s.state}  ${(s.durationMs / 1000).toFixed(0)} s  rtt ${n(s.rttMs, 1)} ms`,
    `audio  sent ${n(a.sent)}  recv ${n(a.received)}  decoded ${n(a.decoded)}  concealed ${n(a.concealed)}  late ${n(a.late)}  lost ${n(a.lost)}  jitter buffer ${n(a.jitterBufferMs)} ms  latency ${n(a.latencyMs)} ms  ${n((a.bitrateSentBps ?? 0) / 1000)}/${n((a.bitrateReceivedBps ?? 0) / 1000)} kbit/s`,
    `video  ${n(v.width)}x${n(v.height)}@${n(v.fps)}  sent ${n(v.sent)}  dropped ${n(v.dropped)}  recv ${n(v.received)}  decoded ${n(v.decoded)}  latency ${n(v.latencyMs)} ms  ${n((v.bitrateSentBps ?? 0) / 1000)}/${n((v.bitrateReceivedBps ?? 0) / 1000)} kbit/s`,
    `abr    audio ${n(s.abr.audioBps / 1000)} kbit/s  video rung ${s.abr.videoRung ?? 'paused'}  fec ${s.abr.fecLossPercent} %  queue ${s.abr.queuedBytes} B  (${s.abr.reason})`,
    `forged frames dropped ${s.forgedFrames}`
  ].join('\n')
}

export function registerCallCommands (program: Command, home: () => string, out: Out): void {
  const client = (): ReturnType<typeof connectToDaemon>['client'] => connectToDaemon(home()).client
  program.command('call <peerId>')
    .description('call a peer by peer ID')
    .option('--video', 'with video')
    .option('--audio-source <spec>', 'tone[:Hz] | silence | wav:<file> (default tone:440)')
    .option('--video-source <spec>', 'pattern | y4m:<file> (default pattern)')
    .option('--duration <s>', 'hang up after this many seconds connected', Number)
    .action(async (peerId: string, o: { video?: boolean, audioSource?: string, videoSource?: string, duration?: number }) => {
      const c = await client().call('call.start', { peerId, video: o.video, audioSource: o.audioSource, videoSource: o.videoSource, durationS: o.duration })
      out(formatCall(c))
    })
  program.command('answer [callId]').description('answer the ringing call').option('--no-video', 'answer with audio only')
    .action(async (callId: string | undefined, o: { video: boolean }, cmd: Command) => {
      out(formatCall(await client().call('call.answer', { callId, video: cmd.getOptionValueSource('video') === 'cli' ? o.video : undefined })))
    })
  program.command('reject [callId]').description('decline the ringing call')
    .action(async (callId: string | undefined) => { out(formatCall(await client().call('call.reject', { callId }))) })
  program.command('hangup [callId]').description('end (or cancel) the current call')
    .action(async (callId: string | undefined) => { out(formatCall(await client().call('call.hangup', { callId }))) })
  program.command('mute').action(async () => { out(formatCall(await client().call('call.mute', { muted: true }))) })
  program.command('unmute').action(async () => { out(formatCall(await client().call('call.mute', { muted: false }))) })
  program.command('video <onOff>').description('turn your camera on or off in the call')
    .action(async (onOff: string) => {
      if (onOff !== 'on' && onOff !== 'off') throw new Error('use "parley video on" or "parley video off"')
      out(formatCall(await client().call('call.video', { on: onOff === 'on' })))
    })
  program.command('hold').action(async () => { out(formatCall(await client().call('call.hold', { hold: true }))) })
  program.command('resume').action(async () => { out(formatCall(await client().call('call.hold', { hold: false }))) })
  program.command('calls').description('call history').option('--limit <n>', 'how many (default 50)', Number).option('--json', 'machine-readable output')
    .action(async (o: { limit?: number, json?: boolean }) => {
      const rows = await client().call('call.history', { limit: o.limit })
      if (o.json === true) { out(JSON.stringify(rows, null, 2)); return }
      out(rows.length === 0 ? 'no calls' : rows.map(r => `${new Date(r.startedAt).toISOString().replace('T', ' ').slice(0, 19)}  ${r.direction === 'out' ? '→' : '←'} ${r.peerId}  ${r.video ? 'video' : 'audio'}  ${r.durationMs != null ? `${(r.durationMs / 1000).toFixed(0)} s` : '-'}  ${r.endReason ?? 'in progress'}`).join('\n'))
    })
  program.command('call-stats').description('live statistics of the current call')
    .option('--once', 'print once instead of refreshing every second')
    .option('--json', 'machine-readable output (implies --once)')
    .action(async (o: { once?: boolean, json?: boolean }) => {
      const c = client()
      for (;;) {
        const s = await c.call('call.stats')
        if (o.json === true) { out(JSON.stringify(s, null, 2)); return }
        out(formatStats(parseCallStats(s)))
        if (o.once === true) return
        await new Promise(resolve => setTimeout(resolve, 1000))
        out('')
      }
    })
}
