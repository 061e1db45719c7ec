// Leaving the CLI without losing output. process.exit() drops whatever stdout has not handed
// to the OS yet: a pipe takes 64 KiB at once, so `parley dm show … | less` lost the rest.
// A reader that went away (`| head`) makes the next write fail with EPIPE, which is no error
// of ours and must not end in a stack trace.

/** Swallow EPIPE (and any other write failure) on stdout/stderr: there is nowhere left to report it. */
export function tolerateClosedOutput (): void {
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {})
}

/** Exit with `code` once stdout and stderr have handed everything to the OS (or failed for good). */
export async function exitAfterOutput (code: number): Promise<never> {
  await Promise.all([drained(process.stdout), drained(process.stderr)])
  // Still an explicit exit: idle keep-alive sockets of the IPC client would otherwise delay it.
  process.exit(code)
}

async function drained (stream: NodeJS.WriteStream): Promise<void> {
  if (stream.destroyed || stream.writableLength === 0) return
  // Writes complete in order, so this callback runs after every earlier chunk is out (or failed).
  await new Promise<void>(resolve => { stream.write('', () => { resolve() }) })
}
