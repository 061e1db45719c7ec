// Architecture check, run by `npm run lint:arch` and by test/arch.test.ts (so `npm test` covers it).
// Scope: the source files of packages/*/src (tests, benchmarks and build output are not cruised).
//
// Decisions:
// - Import cycles fail only when every edge of the cycle exists at run time. `import type` is
//   erased by tsc (verbatimModuleSyntax guarantees it is written as such), so a cycle through a
//   type-only import cannot cause a module-initialisation-order bug; such cycles are tolerated.
// - @parley/core must run in the browser (the GUI imports it), so packages/core/src may not import
//   Node built-ins at all (`node:fs`, bare `fs`, `crypto`, …), type-only imports included: they
//   would tie core's published types to @types/node.
// - Imports of another @parley package resolve to its dist/ and are not followed: cycles are
//   checked within each package (packages depend on each other one way: core ← media ← node-daemon, core ← gui).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle between source files (type-only imports ignored).',
      from: { path: '^packages/[^/]+/src/' },
      to: {
        circular: true,
        viaOnly: { dependencyTypesNot: ['type-only'] }
      }
    },
    {
      name: 'core-no-node-builtins',
      severity: 'error',
      comment: '@parley/core runs in the browser too: no Node built-ins (node:* or bare fs, crypto, …).',
      from: { path: '^packages/core/src/' },
      to: { dependencyTypes: ['core'] }
    }
  ],
  options: {
    // Only sources are cruised (`npm run lint:arch` names packages/*/src): build output and
    // dependencies are left out. (No includeOnly: it would drop the Node built-ins the rule needs.)
    exclude: { path: '(^|/)(node_modules|dist)/|\\.d\\.ts$' },
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are kept (labelled type-only) so the rules above can tell them apart.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings']
    },
    reporterOptions: {
      text: { highlightFocused: true }
    }
  }
}
