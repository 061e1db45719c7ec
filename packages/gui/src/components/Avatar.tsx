import type { JSX } from 'preact'
import { hue, initials } from '../format.js'

export function Avatar ({ peerId, name, size = 36, online }: { peerId: string, name: string, size?: number, online?: boolean }): JSX.Element {
  return (
    <span class='avatar' style={{ width: size, height: size, fontSize: size * 0.4, background: `hsl(${hue(peerId)} 55% 45%)` }} aria-hidden='true'>
      {initials(name)}
      {online != null && <span class={`presence ${online ? 'on' : 'off'}`} />}
    </span>
  )
}
