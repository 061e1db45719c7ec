#!/usr/bin/env node
import '../polyfills.js'
import { exitAfterOutput, tolerateClosedOutput } from '../cli/exit.js'
import { runCli } from '../cli/main.js'

tolerateClosedOutput()
const code = await runCli(process.argv.slice(2))
// The daemon in --foreground returns only after a full shutdown, so exiting is safe;
// other commands may leave idle sockets (keep-alive) that would delay exit.
await exitAfterOutput(code)
