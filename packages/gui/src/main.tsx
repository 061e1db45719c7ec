// Entry: take the handed-over token, then either the app or the "open it with parley gui" page.
import { render } from 'preact'
import { App } from './components/App.js'
import { NoToken } from './components/NoToken.js'
import { ControllerContext } from './context.js'
import { Controller } from './controller.js'
import { TOKEN_STORAGE_KEY, exchangeCode, forgetToken, isValidToken, readHandoff } from './token.js'
import type { TokenEnv } from './token.js'
import './styles.css'

async function obtainToken (env: TokenEnv): Promise<string | null> {
  const h = readHandoff(env)
  if (h.kind === 'token') return h.token
  if (h.kind === 'code') return await exchangeCode(h.code, env)
  const stored = env.storage.getItem(TOKEN_STORAGE_KEY)
  return stored != null && isValidToken(stored) ? stored : null
}

async function boot (root: HTMLElement): Promise<void> {
  const env: TokenEnv = { location: window.location, history: window.history, storage: window.sessionStorage }
  const token = await obtainToken(env)
  if (token == null) {
    render(<NoToken />, root)
    return
  }
  const controller = new Controller(token, window.location.origin, () => { forgetToken(env) })
  render(<ControllerContext.Provider value={controller}><App /></ControllerContext.Provider>, root)
  await controller.start()
}

const root = document.getElementById('app')
if (root != null) void boot(root)
