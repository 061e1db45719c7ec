// Regenerates the protobuf codecs of @parley/core: `npm run gen:proto -w @parley/core`
// (or `node packages/core/scripts/generate-protos.mjs` from anywhere).
//
// Each .proto stays in its protocol's folder, next to its generated `<name>.pb.ts`: one protocol =
// one folder (schema, generated codec, hand-written codec), and the `.pb.ts` suffix marks the file
// as generated so nobody edits it. The script lives outside src/ so it is not mistaken for library
// code and tsc never sees it.
//
// protons 9 emits types for protons-runtime 7 (`Codec<T>`), while @parley/core runs on
// protons-runtime 8, whose Codec takes a decoded and an encodable type (`Codec<D, E>`). The runtime
// calls are identical, so only the type arguments are rewritten; the generated encode() functions
// take `Partial<T>`, which is what E becomes here.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generate } from 'protons'

const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src')
const PROTOS = ['call/signal.proto', 'dm/dm.proto']

// protons writes `<name>.ts`; it goes to a scratch directory so no unsuffixed copy lands in src/.
const scratch = mkdtempSync(join(tmpdir(), 'parley-protons-'))
try {
  for (const proto of PROTOS) {
    const source = join(src, proto)
    const name = basename(proto, '.proto')
    await generate(source, { output: scratch })
    const generated = readFileSync(join(scratch, `${name}.ts`), 'utf8')
    const patched = generated
      .replace(/Codec<(\w+)>/g, 'Codec<$1, Partial<$1>>')
      .replace(/message<(\w+)>\(/g, 'message<$1, Partial<$1>>(')
    const banner = `// Generated from ${name}.proto by protons, then adapted to protons-runtime 8 by scripts/generate-protos.mjs. Do not edit.\n`
    const target = join(dirname(source), `${name}.pb.ts`)
    writeFileSync(target, banner + patched)
    console.log(`wrote ${target}`)
  }
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
