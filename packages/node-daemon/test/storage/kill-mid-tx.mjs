// Child process for db.test.ts: commits one message, then dies by SIGKILL in the middle of a large
// transaction. Uses the built dist, as the daemon does. argv: <db file> <rows before the kill>
import { writeSync } from 'node:fs'
import { openDatabase } from '../../dist/storage/db.js'

const [file, rowsArg] = process.argv.slice(2)
const rows = Number(rowsArg)
const db = openDatabase(file)
db.messages.insert({ peerId: 'peer-committed', id: 'committed', direction: 'out', body: 'survives', sentAt: 1 })
// Large bodies overflow SQLite's page cache, so uncommitted pages spill into the WAL before the kill.
const body = 'x'.repeat(2000)
db.tx(() => {
  for (let i = 0; i < rows; i++) {
    db.messages.insert({ peerId: 'peer-half', id: `m${i}`, direction: 'in', body, sentAt: i })
    db.outbox.enqueue('peer-half', new Uint8Array(64), `m${i}`)
  }
  // Synchronous write: the parent must learn how far we got before the process vanishes.
  writeSync(1, `inside ${db.messages.count('peer-half')}\n`)
  process.kill(process.pid, 'SIGKILL')
})
writeSync(1, 'unreachable\n')
