// The call screen: remote video large, own preview small, timer, quality, live stats graph
// and the controls (mute, camera, hold, hang up), each an IPC call.
import type { JSX } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import type { CallInfo, CallStatsResult } from '@parley/core/ipc'
import { useController } from '../context.js'
import { END_REASONS, displayName, duration } from '../format.js'
import { MAX_SAMPLES, useAppState } from '../store.js'
import { Icon } from './icons.js'
import { AudioMeter } from './AudioMeter.js'
import { LocalPreview } from './LocalPreview.js'
import { RemoteVideo } from './RemoteVideo.js'
import { StatsGraph } from './StatsGraph.js'

export function InCall (): JSX.Element | null {
  const s = useAppState()
  const c = useController()
  const call = s.call
  const now = useNow(call?.state === 'connected')
  if (call == null) return null
  const name = displayName(call.peerId, s.contacts)
  const ended = call.state === 'ended'
  const live = call.state === 'connected' || call.state === 'reconnecting'
  const quality = rate(s.stats)

  return (
    <section class='call' aria-label={`Call with ${name}`}>
      <header class='call-head'>
        <div>
          <h1 class='head-name'>{name}</h1>
          <span class='call-state' role='status' data-state={call.state}>{stateText(call, now)}</span>
        </div>
        {live && (
          <span class={`quality q-${quality.level}`} role='img' aria-label={`Call quality: ${quality.label}`} title={quality.detail}>
            <i /><i /><i /> <span>{quality.label}</span>
          </span>
        )}
      </header>

      <div class='stage'>
        <RemoteVideo peerId={call.peerId} name={name} video={call.video && !ended}
          caption={call.remoteHold ? `${name} put the call on hold` : call.video ? '' : 'Audio call'} />
        <LocalPreview peerId={s.status?.peerId ?? 'me'} cameraOn={call.video && call.videoOn && !ended} />
        {live && <AudioMeter name={name} />}
      </div>

      {live && <StatsGraph samples={s.samples} capacity={MAX_SAMPLES} />}

      <div class='controls' role='toolbar' aria-label='Call controls'>
        <Toggle on={call.muted} disabled={ended} label={call.muted ? 'Unmute microphone' : 'Mute microphone'} icon={call.muted ? 'micOff' : 'mic'}
          onClick={() => { void c.mute(!call.muted) }} />
        <Toggle on={!call.videoOn} disabled={ended || !call.video} label={call.videoOn ? 'Turn camera off' : 'Turn camera on'} icon={call.videoOn ? 'video' : 'videoOff'}
          onClick={() => { void c.camera(!call.videoOn) }} />
        <Toggle on={call.onHold} disabled={ended || !live} label={call.onHold ? 'Resume call' : 'Hold call'} icon={call.onHold ? 'play' : 'pause'}
          onClick={() => { void c.hold(!call.onHold) }} />
        <button type='button' class='round big danger' aria-label='Hang up' title='Hang up' disabled={ended} onClick={() => { void c.hangup() }}>
          <Icon name='hangup' size={24} />
        </button>
      </div>
    </section>
  )
}

function Toggle ({ on, disabled, label, icon, onClick }: { on: boolean, disabled: boolean, label: string, icon: Parameters<typeof Icon>[0]['name'], onClick: () => void }): JSX.Element {
  return (
    <button type='button' class={`round big control ${on ? 'active' : ''}`} aria-label={label} title={label} aria-pressed={on} disabled={disabled} onClick={onClick}>
      <Icon name={icon} size={22} />
    </button>
  )
}

/** Re-render once a second for the timer (a local clock, not a daemon poll). */
function useNow (running: boolean): number {
  const [now, setNow] = useState(Date.now())
  useEffect(() => {
    if (!running) return
    const t = setInterval(() => { setNow(Date.now()) }, 1000)
    return () => { clearInterval(t) }
  }, [running])
  return now
}

function stateText (call: CallInfo, now: number): string {
  switch (call.state) {
    case 'outgoing': return 'Calling…'
    case 'ringing': return 'Ringing…'
    case 'connecting': return 'Connecting…'
    case 'reconnecting': return 'Reconnecting…'
    case 'ended': return `Call ended${call.endReason != null && call.endReason !== 'hung_up' ? ` · ${END_REASONS[call.endReason] ?? call.endReason}` : ''}${call.connectedAt != null && call.endedAt != null ? ` · ${duration(call.endedAt - call.connectedAt)}` : ''}`
    case 'connected': {
      const t = duration(now - (call.connectedAt ?? now))
      return call.onHold ? `On hold · ${t}` : call.remoteHold ? `Held by peer · ${t}` : t
    }
    default: return ''
  }
}

interface Quality { level: 'good' | 'fair' | 'poor', label: string, detail: string }

/** Rough user-facing grade from RTT and audio loss (the thresholds of common VoIP guidance). */
function rate (s: CallStatsResult | null): Quality {
  if (s == null) return { level: 'good', label: 'Measuring', detail: 'No statistics yet' }
  const rtt = s.rttMs ?? 0
  const { lost, received } = s.audio
  const lossPct = lost + received > 0 ? (100 * lost) / (lost + received) : 0
  const detail = `RTT ${rtt.toFixed(0)} ms, audio loss ${lossPct.toFixed(1)} %`
  if (rtt < 150 && lossPct < 2) return { level: 'good', label: 'Good', detail }
  if (rtt < 300 && lossPct < 8) return { level: 'fair', label: 'Fair', detail }
  return { level: 'poor', label: 'Poor', detail }
}
