// Devices and default resolution (this browser), and the daemon's unknown-caller policy.
import type { JSX } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { RESOLUTIONS, loadSettings, saveSettings } from '../settings.js'
import type { Settings } from '../settings.js'
import type { ResultOf } from '@parley/core/ipc'
import { useController } from '../context.js'

type Kind = 'audioinput' | 'videoinput' | 'audiooutput'
const KINDS: Array<{ kind: Kind, key: 'audioInput' | 'videoInput' | 'audioOutput', label: string }> = [
  { kind: 'audioinput', key: 'audioInput', label: 'Microphone' },
  { kind: 'videoinput', key: 'videoInput', label: 'Camera' },
  { kind: 'audiooutput', key: 'audioOutput', label: 'Speaker' }
]

export function SettingsPage (): JSX.Element {
  const [settings, setSettings] = useState<Settings>(loadSettings())
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([])
  const [saved, setSaved] = useState(false)
  const c = useController()
  const [daemon, setDaemon] = useState<ResultOf<'config.get'> | undefined>(undefined)
  const [daemonSaved, setDaemonSaved] = useState(false)
  useEffect(() => { void c.daemonSettings().then(setDaemon) }, [c])

  useEffect(() => {
    const md = navigator.mediaDevices
    if (md == null) return
    const refresh = (): void => { void md.enumerateDevices().then(setDevices, () => {}) }
    refresh()
    md.addEventListener('devicechange', refresh)
    return () => { md.removeEventListener('devicechange', refresh) }
  }, [])

  const update = (next: Settings): void => {
    setSettings(next)
    saveSettings(next)
    setSaved(true)
  }
  const unnamed = devices.length > 0 && devices.every(d => d.label === '')

  return (
    <section class='page' aria-labelledby='settings-title'>
      <header class='page-head'><h1 id='settings-title'>Settings</h1></header>
      <div class='card'>
        <h2 class='card-title'>Devices</h2>
        {KINDS.map(k => (
          <label key={k.kind} class='field row-field'>
            <span>{k.label}</span>
            <select value={settings[k.key]} onChange={e => { update({ ...settings, [k.key]: (e.target as HTMLSelectElement).value }) }}>
              <option value=''>System default</option>
              {devices.filter(d => d.kind === k.kind && d.deviceId !== 'default' && d.deviceId !== '').map((d, i) => (
                <option key={d.deviceId} value={d.deviceId}>{d.label !== '' ? d.label : `${k.label} ${i + 1}`}</option>
              ))}
            </select>
          </label>
        ))}
        {unnamed && <p class='small muted'>Device names appear once the browser has been allowed to use them (on your first call).</p>}
      </div>
      <div class='card'>
        <h2 class='card-title'>Video</h2>
        <label class='field row-field'>
          <span>Default resolution</span>
          <select value={settings.resolution.id} onChange={e => {
            const r = RESOLUTIONS.find(x => x.id === (e.target as HTMLSelectElement).value)
            if (r != null) update({ ...settings, resolution: r })
          }}>
            {RESOLUTIONS.map(r => <option key={r.id} value={r.id}>{r.label}</option>)}
          </select>
        </label>
        <p class='small muted'>The largest picture you ask callers to send you; the connection may lower it.</p>
      </div>
      <div class='card'>
        <h2 class='card-title'>Calls from unknown people</h2>
        <fieldset class='field' disabled={daemon == null}>
          <legend class='small'>When someone not in your contacts calls:</legend>
          {(['ring', 'reject'] as const).map(policy => (
            <label key={policy} class='row-field'>
              <input type='radio' name='unknown-callers' value={policy} checked={daemon?.unknownCallers === policy}
                onChange={() => { void c.setUnknownCallers(policy).then(r => { if (r != null) { setDaemon(r); setDaemonSaved(true) } }) }} />
              <span>{policy === 'ring' ? <>Ring, marked <span class='pill'>unknown</span></> : 'Reject without ringing'}</span>
            </label>
          ))}
        </fieldset>
        <p class='small muted'>
          {daemonSaved ? `Saved in ${daemon?.configFile ?? 'the daemon\'s config.json'}. ` : ''}
          A <code>--unknown-callers</code> flag or <code>PARLEY_UNKNOWN_CALLERS</code> still wins when the daemon restarts.
        </p>
      </div>
      <p class='small muted' role='status'>{saved ? 'Saved in this browser.' : ''}</p>
    </section>
  )
}
