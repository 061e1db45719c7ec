// Regenerates signal.ts from signal.proto: `node packages/core/src/call/generate.mjs` (from the repo root).
// protons 9 emits types for protons-runtime 7 (`Codec<T>`), while @parley/core runs on
// protons-runtime 8, whose Codec takes a decoded and an encodable type (`Codec<D, E>`). The runtime
// calls are identical, so only the type arguments are rewritten, exactly as dm/generate.mjs does.
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const dir = dirname(fileURLToPath(import.meta.url))
execFileSync('npx', ['protons', join(dir, 'signal.proto')], { stdio: 'inherit' })
const file = join(dir, 'signal.ts')
const generated = readFileSync(file, 'utf8')
const patched = generated
  .replace(/Codec<(\w+)>/g, 'Codec<$1, Partial<$1>>')
  .replace(/message<(\w+)>\(/g, 'message<$1, Partial<$1>>(')
const banner = '// Generated from signal.proto by protons, then adapted to protons-runtime 8 by generate.mjs. Do not edit.\n'
writeFileSync(file, banner + patched)
