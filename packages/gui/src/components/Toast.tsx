import type { JSX } from 'preact'
import { useEffect } from 'preact/hooks'
import { useController } from '../context.js'
import { useAppState } from '../store.js'

const TOAST_MS = 6_000

export function Toast (): JSX.Element | null {
  const { notice } = useAppState()
  const c = useController()
  useEffect(() => {
    if (notice == null) return
    const t = setTimeout(() => { c.dismissNotice() }, TOAST_MS)
    return () => { clearTimeout(t) }
  }, [notice])
  if (notice == null) return null
  return (
    <div class='toast' role='alert'>
      <span>{notice}</span>
      <button type='button' class='ghost' aria-label='Dismiss' onClick={() => { c.dismissNotice() }}>×</button>
    </div>
  )
}
