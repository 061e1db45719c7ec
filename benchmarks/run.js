// `npm run bench`: runs every benchmark script in turn, forwarding --quick and --out,
// showing progress. Each script prints its numbers and writes <out>/<name>.json.
// Select with --only <substring> (repeatable).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const SCRIPTS = [
  'daemon/startup-bench.mjs',
  'daemon/dht-bench.mjs',
  'dm/ratchet-bench.mjs',
  'dm/dm-bench.mjs',
  'call/frame-crypto-bench.mjs',
  'call/call-bench.mjs',
  'link/relay-selftest.mjs',
  'media/codec-bench.mjs'
]

const argv = process.argv.slice(2)
const only = argv.flatMap((a, i) => a === '--only' && argv[i + 1] != null ? [argv[i + 1]] : [])
const forward = argv.filter((a, i) => a !== '--only' && argv[i - 1] !== '--only')
const selected = SCRIPTS.filter(s => only.length === 0 || only.some(o => s.includes(o)))
let failed = 0
for (const [i, script] of selected.entries()) {
  const file = fileURLToPath(new URL(script, import.meta.url))
  if (!existsSync(file)) { process.stdout.write(`[${i + 1}/${selected.length}] ${script}: not present, skipped\n`); continue }
  process.stdout.write(`[${i + 1}/${selected.length}] ${script}\n`)
  const r = spawnSync(process.execPath, [file, ...forward], { stdio: 'inherit' })
  if (r.status !== 0) { failed++; process.stdout.write(`  ${script} failed (exit ${r.status})\n`) }
}
process.exit(failed > 0 ? 1 : 0)
