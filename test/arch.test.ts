// The architecture check (`npm run lint:arch`, rules and decisions in .dependency-cruiser.cjs):
// the tree passes it, and on a fixture with a runtime import cycle and a core file importing Node
// built-ins it fails, naming each violation, while a type-only cycle passes.
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const depcruise = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs')
// The arguments of `npm run lint:arch` (config path, globs), so the test runs exactly that check.
const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['lint:arch'] ?? ''
const [bin, ...args] = script.split(/\s+/)
const withRootConfig = args.map((a, i) => args[i - 1] === '--config' ? join(root, a) : a)

interface Violation { from: string, to: string, rule: { name: string } }

/** Runs the check in `cwd`: its exit code (what npm sees) and its violations (from a JSON report). */
function cruise (cwd: string): { status: number | null, violations: Violation[], output: string } {
  const run = (extra: string[]) => spawnSync(process.execPath, [depcruise, ...withRootConfig, ...extra], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const plain = run([])
  const json = run(['--output-type', 'json'])
  const report = JSON.parse(json.stdout) as { summary: { violations: Violation[] } }
  return { status: plain.status, violations: report.summary.violations, output: plain.stdout + plain.stderr }
}

const fixture = mkdtempSync(join(tmpdir(), 'parley-arch-'))
afterAll(() => rmSync(fixture, { recursive: true, force: true }))

function write (path: string, text: string): void {
  mkdirSync(dirname(join(fixture, path)), { recursive: true })
  writeFileSync(join(fixture, path), text)
}

describe('architecture check', () => {
  it('finds no violations in the current tree', () => {
    expect(bin).toBe('depcruise')
    const r = cruise(root)
    expect(r.violations, r.output).toEqual([])
    expect(r.status, r.output).toBe(0)
  }, 120_000)

  it('fails on a runtime import cycle and on Node built-ins in core, not on a type-only cycle', () => {
    copyFileSync(join(root, 'tsconfig.base.json'), join(fixture, 'tsconfig.base.json'))
    write('packages/media/src/a.ts', "import { b } from './b.js'\nexport const a = (): number => b + 1\n")
    write('packages/media/src/b.ts', "import { a } from './a.js'\nexport const b = 1\nexport const viaA = a\n")
    write('packages/node-daemon/src/c.ts', "import type { D } from './d.js'\nexport interface C { d?: D }\nexport const c = 1\n")
    write('packages/node-daemon/src/d.ts', "import { c } from './c.js'\nexport interface D { c: number }\nexport const d = c\n")
    write('packages/core/src/files.ts', "import { readFileSync } from 'node:fs'\nexport const read = readFileSync\n")
    write('packages/core/src/hash.ts', "import { createHash } from 'crypto'\nexport const hash = createHash\n")
    write('packages/node-daemon/src/fine.ts', "import { readFileSync } from 'node:fs'\nexport const read = readFileSync\n")

    const r = cruise(fixture)
    expect(r.status, r.output).not.toBe(0)
    const found = r.violations.map(v => `${v.rule.name}: ${v.from} → ${v.to}`).sort()
    expect(found).toEqual([
      'core-no-node-builtins: packages/core/src/files.ts → fs',
      'core-no-node-builtins: packages/core/src/hash.ts → crypto',
      // a cycle is reported once, from its first module
      'no-circular: packages/media/src/a.ts → packages/media/src/b.ts'
    ])
  }, 120_000)
})
