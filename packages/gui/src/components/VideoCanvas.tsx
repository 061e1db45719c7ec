// The placeholder for a video surface with no picture: the participant's avatar and a
// caption ("Camera off", "Audio call"). RemoteVideo and LocalPreview show it when needed.
import type { JSX } from 'preact'
import { useEffect, useRef } from 'preact/hooks'
import { hue, initials } from '../format.js'

export function VideoCanvas ({ peerId, name, label, caption, className }: { peerId: string, name: string, label: string, caption: string, className: string }): JSX.Element {
  const ref = useRef<HTMLCanvasElement>(null)
  useEffect(() => {
    const canvas = ref.current
    if (canvas == null) return
    const draw = (): void => {
      const dpr = window.devicePixelRatio || 1
      const { width, height } = canvas.getBoundingClientRect()
      canvas.width = Math.max(1, Math.round(width * dpr))
      canvas.height = Math.max(1, Math.round(height * dpr))
      const g = canvas.getContext('2d')
      if (g == null) return
      g.scale(dpr, dpr)
      const h = hue(peerId)
      const bg = g.createLinearGradient(0, 0, width, height)
      bg.addColorStop(0, `hsl(${h} 35% 22%)`)
      bg.addColorStop(1, `hsl(${(h + 40) % 360} 30% 12%)`)
      g.fillStyle = bg
      g.fillRect(0, 0, width, height)
      const r = Math.min(width, height) * 0.18
      g.fillStyle = `hsl(${h} 55% 45%)`
      g.beginPath()
      g.arc(width / 2, height / 2 - r * 0.25, r, 0, Math.PI * 2)
      g.fill()
      g.fillStyle = 'white'
      g.font = `600 ${Math.round(r * 0.8)}px system-ui, sans-serif`
      g.textAlign = 'center'
      g.textBaseline = 'middle'
      g.fillText(initials(name), width / 2, height / 2 - r * 0.25)
      if (caption !== '') {
        g.fillStyle = 'rgba(255,255,255,0.7)'
        g.font = `${Math.max(11, Math.round(r * 0.28))}px system-ui, sans-serif`
        g.fillText(caption, width / 2, height / 2 + r * 1.1)
      }
    }
    draw()
    const ro = new ResizeObserver(draw)
    ro.observe(canvas)
    return () => { ro.disconnect() }
  }, [peerId, name, caption])
  return <canvas ref={ref} class={className} role='img' aria-label={label} />
}
