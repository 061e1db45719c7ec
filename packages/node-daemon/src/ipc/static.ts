// Serves the built GUI (packages/gui/dist). Paths are resolved inside the GUI dir only.
import { createReadStream, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { pipeline } from 'node:stream'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2'
}

export async function serveStatic (req: IncomingMessage, res: ServerResponse, pathname: string, dir: string | undefined): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') { res.writeHead(405).end(); return }
  if (dir == null) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end('<!doctype html><title>Parley</title><p>The Parley daemon is running. The GUI is not built: run <code>npm run setup</code>.</p>')
    return
  }
  let rel: string
  try {
    rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '')
  } catch {
    res.writeHead(400).end(); return
  }
  let file = join(dir, rel)
  if (!file.startsWith(dir + sep) && file !== dir) { res.writeHead(403).end(); return }
  if (!isFile(file)) file = join(dir, 'index.html') // single-page app: unknown paths get the shell
  if (!isFile(file)) { res.writeHead(404).end(); return }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer'
  })
  if (req.method === 'HEAD') { res.end(); return }
  // pipeline, not pipe: a read error (the file replaced by a rebuild) must end the response, not
  // leave it open with an unhandled 'error' on the file stream.
  pipeline(createReadStream(file), res, () => {})
}

function isFile (p: string): boolean {
  try { return statSync(p).isFile() } catch { return false }
}
