// `--out <dir>` and `--quick`, shared by every benchmark script.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import os from 'node:os'

export function benchArgs (argv = process.argv.slice(2)) {
  const i = argv.indexOf('--out')
  const out = resolve(i >= 0 && argv[i + 1] != null ? argv[i + 1] : 'bench-out')
  return { out, quick: argv.includes('--quick') }
}

export function machineInfo () {
  return { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30) }
}

export function writeResult (out, name, data) {
  mkdirSync(out, { recursive: true })
  const file = join(out, `${name}.json`)
  writeFileSync(file, JSON.stringify({ name, at: new Date().toISOString(), machine: machineInfo(), ...data }, null, 2))
  return file
}
