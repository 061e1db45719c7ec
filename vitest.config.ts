import { defineConfig } from 'vitest/config'

// One config for every suite: unit tests live in packages/*/test (mirroring src/),
// cross-package multi-daemon and browser tests in test/. `npm test` runs the browser tests
// (test/gui) last, on their own: two daemons and Chromium with live video in software are
// timing-sensitive, and sharing the two cores with another multi-daemon suite made them flaky.
export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    setupFiles: ['./test/setup/polyfills.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: multi-daemon suites fight for CPU if too many files run at once.
    maxWorkers: 2,
    reporters: ['default']
  }
})
