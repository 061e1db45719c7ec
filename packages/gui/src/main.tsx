// Entry: take the handed-over token, then either the app or the "open it with parley gui" page.
import { render } from 'preact'
import { App } from './components/App.js'
import { NoToken } from './components/NoToken.js'
import { ControllerContext } from './context.js'
import { Controller } from './controller.js'
import { forgetToken, takeToken } from './token.js'
import './styles.css'

const root = document.getElementById('app')
const env = { location: window.location, history: window.history, storage: window.sessionStorage }
const token = takeToken(env)

if (root != null) {
  if (token == null) {
    render(<NoToken />, root)
  } else {
    const controller = new Controller(token, window.location.origin, () => { forgetToken(env) })
    render(<ControllerContext.Provider value={controller}><App /></ControllerContext.Provider>, root)
    void controller.start()
  }
}
