// Runs inside a network namespace (`ip netns exec`): accepts connections on a Unix socket,
// which every namespace shares through the file system, and joins each to the daemon's API
// on the namespace's own loopback. The test's side is ns-api.ts.
import { connect, createServer } from 'node:net'
import { rmSync } from 'node:fs'

const [unixPath, port] = process.argv.slice(2)
rmSync(unixPath, { force: true })
const server = createServer(outer => {
  const inner = connect(Number(port), '127.0.0.1')
  outer.pipe(inner).on('error', () => outer.destroy())
  inner.pipe(outer).on('error', () => inner.destroy())
  outer.on('error', () => inner.destroy())
  inner.on('error', () => outer.destroy())
})
server.listen(unixPath, () => { process.stdout.write('ready\n') })
process.on('SIGTERM', () => { server.close(); rmSync(unixPath, { force: true }); process.exit(0) })
