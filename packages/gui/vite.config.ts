// Builds the GUI to static files in dist/, which the daemon serves on its loopback port.
import { defineConfig } from 'vite'

export default defineConfig({
  // Preact's automatic JSX runtime; no framework plugin needed (no HMR-only features used).
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The daemon serves files as they are: no source maps that would expose paths.
    sourcemap: false
  }
})
