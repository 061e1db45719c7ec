import type { JSX } from 'preact'
import { useState } from 'preact/hooks'
import { Icon } from './icons.js'

const COPIED_MS = 1_500

export function CopyButton ({ text, label }: { text: string, label: string }): JSX.Element {
  const [copied, setCopied] = useState(false)
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text)
    } catch {
      // clipboard refused (permissions): select-and-copy fallback
      const ta = document.createElement('textarea')
      ta.value = text
      document.body.append(ta)
      ta.select()
      document.execCommand('copy')
      ta.remove()
    }
    setCopied(true)
    setTimeout(() => { setCopied(false) }, COPIED_MS)
  }
  return (
    <button type='button' class='icon-btn' aria-label={copied ? 'Copied' : label} title={label} onClick={() => { void copy() }}>
      <Icon name={copied ? 'check' : 'copy'} size={16} />
    </button>
  )
}
