// Daemon start-up time (spawn → first answered `status`) and idle RSS, over real
// daemon processes. Usage: node benchmarks/daemon/startup-bench.mjs [--quick] [--out dir]
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { benchArgs, writeResult } from '../lib/args.mjs'
import { fmt, summary } from '../lib/stats.mjs'

const BIN = fileURLToPath(new URL('../../packages/node-daemon/dist/bin/parley.js', import.meta.url))
const { out, quick } = benchArgs()
const runs = quick ? 2 : 5
const IDLE_MS = quick ? 3000 : 10_000

function rssMiB (pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) / 1024 : NaN
}

const startup = []
const rss = []
for (let i = 0; i < runs; i++) {
  const home = mkdtempSync(join(tmpdir(), 'parley-bench-'))
  // identity creation is a one-off; measure the normal start of an existing identity
  await new Promise(r => spawn(process.execPath, [BIN, '--home', home, 'id'], { stdio: 'ignore' }).on('exit', r))
  const t0 = performance.now()
  const p = spawn(process.execPath, [BIN, '--home', home, 'daemon', 'start', '--foreground', '--api-port', '0', '--listen', '/ip4/127.0.0.1/udp/0/quic-v1', '--listen', '/ip4/127.0.0.1/tcp/0', '--no-mdns'], { stdio: 'ignore' })
  let port
  while (port == null) {
    await new Promise(r => setTimeout(r, 10))
    try { port = Number(readFileSync(join(home, 'api-port'), 'utf8')) } catch {}
  }
  const token = readFileSync(join(home, 'api-token'), 'utf8').trim()
  for (;;) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/rpc`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '{"jsonrpc":"2.0","id":1,"method":"status"}' })
      if (r.ok) break
    } catch {}
    await new Promise(r => setTimeout(r, 10))
  }
  startup.push(performance.now() - t0)
  await new Promise(r => setTimeout(r, IDLE_MS))
  rss.push(rssMiB(p.pid))
  p.kill('SIGTERM')
  await new Promise(r => p.on('exit', r))
  rmSync(home, { recursive: true, force: true })
}
const result = { runs, startupMs: summary(startup), idleRssMiB: summary(rss), idleMs: IDLE_MS }
process.stdout.write(`daemon start-up p50 ${fmt(result.startupMs.p50)} ms (max ${fmt(result.startupMs.max)}), idle RSS p50 ${fmt(result.idleRssMiB.p50)} MiB after ${IDLE_MS / 1000} s\n`)
process.stdout.write(`wrote ${writeResult(out, 'daemon-startup', result)}\n`)
