// How loud the peer is right now: a small bar meter, so "can you hear me?" has an answer
// on screen. Updated straight in the DOM from the media engine (50 readings a second),
// not through the app's state.
import type { JSX } from 'preact'
import { useEffect, useRef } from 'preact/hooks'
import { useController } from '../context.js'

export function AudioMeter ({ name }: { name: string }): JSX.Element {
  const media = useController().media
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const el = ref.current
    const bar = el?.firstElementChild as HTMLElement | null | undefined
    if (el == null || bar == null) return
    let shown = -1
    return media.level.subscribe(({ level, peak }) => {
      const v = Math.round(level)
      el.dataset.peak = String(Math.round(peak))
      if (v === shown) return
      shown = v
      el.dataset.level = String(v)
      el.setAttribute('aria-valuenow', String(v))
      bar.style.transform = `scaleX(${v / 100})`
    })
  }, [media])
  return (
    <div ref={ref} class='meter' role='meter' aria-label={`Sound from ${name}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={0} data-level='0' data-peak='0' data-testid='remote-level'>
      <span class='meter-bar' />
    </div>
  )
}
