// worker_threads side of the event-loop-lag comparison in codec-bench.mjs.
import { parentPort, workerData } from 'node:worker_threads'

const { Vp9Encoder } = await import(workerData.mediaUrl)
const enc = new Vp9Encoder({ width: workerData.w, height: workerData.h, bitrateBps: 2_500_000 })
parentPort.on('message', ({ id, data, ptsUs }) => {
  const pkt = enc.encodeSync({ data, width: workerData.w, height: workerData.h }, { ptsUs })
  const out = pkt === null ? null : pkt.data.slice()
  parentPort.postMessage({ id, size: out?.byteLength ?? 0, keyframe: pkt?.keyframe ?? false, data: out }, out === null ? [] : [out.buffer])
})
