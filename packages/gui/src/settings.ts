// Page-side preferences (devices, default resolution), kept in localStorage: they belong
// to this browser, not to the daemon. The devices are read when a call opens the camera
// and microphone (media/devices.ts) and the speaker (media/speaker.ts).

const SETTINGS_KEY = 'parley.settings'

export const RESOLUTIONS = [
  { id: '360p', label: '640 × 360', maxWidth: 640, maxHeight: 360 },
  { id: '480p', label: '854 × 480', maxWidth: 854, maxHeight: 480 },
  { id: '720p', label: '1280 × 720 (HD)', maxWidth: 1280, maxHeight: 720 }
] as const
export type Resolution = typeof RESOLUTIONS[number]

export interface Settings {
  audioInput: string
  videoInput: string
  audioOutput: string
  resolution: Resolution
}

const DEFAULT_RESOLUTION = RESOLUTIONS[1]

export function loadSettings (): Settings {
  let raw: Partial<Record<keyof Settings, unknown>> = {}
  try { raw = JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}') as typeof raw } catch {}
  const str = (v: unknown): string => typeof v === 'string' ? v : ''
  const resId = typeof raw.resolution === 'object' && raw.resolution != null ? (raw.resolution as { id?: unknown }).id : raw.resolution
  return {
    audioInput: str(raw.audioInput),
    videoInput: str(raw.videoInput),
    audioOutput: str(raw.audioOutput),
    resolution: RESOLUTIONS.find(r => r.id === resId) ?? DEFAULT_RESOLUTION
  }
}

export function saveSettings (s: Settings): void {
  localStorage.setItem(SETTINGS_KEY, JSON.stringify({ ...s, resolution: s.resolution.id }))
}
