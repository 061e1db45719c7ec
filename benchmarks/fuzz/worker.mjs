// Runs one fuzz target in a worker thread, so the main thread can stop a decoder that
// never returns. The index of the input in progress is published in shared memory
// before each input: the main thread regenerates a hung input from it.
import { parentPort, workerData } from 'node:worker_threads'
import { fuzzTarget } from './driver.mjs'

const { targetsModule, name, seed, iterations, hangMs, first, progress } = workerData
const index = new Int32Array(progress)
const { targets } = await import(targetsModule)
const target = targets.find(t => t.name === name)
if (target === undefined) throw new Error(`no fuzz target "${name}" in ${targetsModule}`)
const result = await fuzzTarget(target, { seed, iterations, hangMs, first, onInput: i => Atomics.store(index, 0, i) })
parentPort?.postMessage(result)
