// Runs a fuzz target in a worker thread under a watchdog: a decoder stuck in a loop can
// not be interrupted from its own thread, so the main thread terminates the worker when
// the input index has not moved for `watchdogMs` and reports that input as a hang.
import { Worker } from 'node:worker_threads'
import { addCrash, crashRecord, emptyResult, generateInput, prepareCorpus } from './driver.mjs'

/** How often the main thread looks at the worker's progress. */
const WATCHDOG_POLL_MS = 250
/** No progress for this long = a hang (well above the driver's per-input DEFAULT_HANG_MS). */
export const DEFAULT_WATCHDOG_MS = 10_000
/** Progress value before the worker reaches its first input (loading modules, building the corpus). */
const NOT_STARTED = -1

/**
 * @param {import('./driver.d.mts').WorkerRunOptions} options
 * @returns {Promise<import('./driver.d.mts').FuzzResult>}
 */
export async function runTargetInWorker (options) {
  const { targetsModule, name, seed, iterations } = options
  const first = options.first ?? 0
  const watchdogMs = options.watchdogMs ?? DEFAULT_WATCHDOG_MS
  const progress = new SharedArrayBuffer(4)
  const index = new Int32Array(progress)
  Atomics.store(index, 0, NOT_STARTED)
  const worker = new Worker(new URL('./worker.mjs', import.meta.url), {
    workerData: { targetsModule, name, seed, iterations, hangMs: options.hangMs, first, progress }
  })
  const started = performance.now()
  return await new Promise((resolve, reject) => {
    let last = NOT_STARTED
    let lastMovedAt = performance.now()
    let settled = false
    const finish = (fn) => { settled = true; clearInterval(timer); fn() }
    /** The input the worker was on when it hung or died, as a crash of kind `kind`. */
    const failAtCurrent = async (kind, error) => {
      const at = Atomics.load(index, 0)
      const { targets } = await import(targetsModule)
      const target = targets.find(t => t.name === name)
      const result = emptyResult(target, seed, iterations, first)
      result.done = Math.max(0, at - first)
      result.ms = performance.now() - started
      const bytes = at === NOT_STARTED ? new Uint8Array(0) : generateInput(target, prepareCorpus(target, seed), seed, at).bytes
      addCrash(result, crashRecord(kind, error, at, bytes, at === NOT_STARTED ? 'setup' : 'input'))
      return result
    }
    const timer = setInterval(() => {
      const now = performance.now()
      const at = Atomics.load(index, 0)
      if (at !== last) { last = at; lastMovedAt = now; return }
      if (now - lastMovedAt < watchdogMs || settled) return
      settled = true
      clearInterval(timer)
      const error = new Error(at === NOT_STARTED ? `no input started within ${watchdogMs} ms` : `input ${at} still running after ${watchdogMs} ms`)
      error.name = 'Hang'
      error.stack = `${error.name}: ${error.message}\n    (worker terminated; stack unavailable, replay with --index ${at})`
      // terminate first: the stuck thread holds a core until then
      worker.terminate().then(async () => resolve(await failAtCurrent('hang', error)), reject)
    }, WATCHDOG_POLL_MS)
    worker.once('message', result => finish(() => { resolve(result); void worker.terminate() }))
    worker.once('error', err => {
      if (settled) return
      // before the first input: a broken set-up (bad module, unknown target), not a decoder crash
      if (Atomics.load(index, 0) === NOT_STARTED) { finish(() => reject(err)); return }
      // an error escaping the decoder asynchronously (an unhandled rejection, a throwing timer)
      finish(() => { failAtCurrent('worker-error', err).then(resolve, reject) })
    })
    worker.once('exit', code => { if (!settled) finish(() => reject(new Error(`fuzz worker for ${name} exited with code ${code} before reporting`))) })
  })
}
