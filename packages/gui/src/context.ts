import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import type { Controller } from './controller.js'

export const ControllerContext = createContext<Controller | null>(null)

export function useController (): Controller {
  const c = useContext(ControllerContext)
  if (c == null) throw new Error('useController outside <ControllerContext.Provider>')
  return c
}
