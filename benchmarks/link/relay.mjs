// A userspace UDP relay that impairs a link: the project's stand-in for netem, which this
// kernel lacks, and it needs no root. It carries QUIC unchanged (it never parses payloads).
//
//   client (A) ──► relay:port ──upstream──► target (B)
//   client (A) ◄── relay:port ◄─downstream── target (B)
//
// One socket, like a symmetric NAT: A dials the relay instead of B; B sees the relay as A.
// The client's address is learnt from the first packet that does not come from the target.
import dgram from 'node:dgram'
import { lookup } from 'node:dns/promises'
import { isIPv4 } from 'node:net'
import { performance } from 'node:perf_hooks'
import { LinkDirection } from './direction.mjs'
import { DueQueue } from './due-queue.mjs'
import { checkPlainObject, validateDirectionOptions, validatePartialImpairment } from './impairment.mjs'

/**
 * @typedef {import('./impairment.mjs').Impairment} Impairment
 * @typedef {import('./impairment.mjs').DirectionOptions} DirectionOptions
 * @typedef {import('./impairment.mjs').ScheduleEntry} ScheduleEntry
 * @typedef {import('./direction.mjs').DirectionStats} DirectionStats
 * @typedef {'upstream' | 'downstream'} Direction
 *
 * @typedef {object} RelayOptions
 * @property {{ host?: string, port: number } | string | number} target where upstream packets go:
 *   `{ host, port }`, `"host:port"` or a port on 127.0.0.1
 * @property {string} [host] IPv4 address to bind (default 127.0.0.1)
 * @property {number} [port] port to bind (default 0: the OS picks)
 * @property {number} [seed] PRNG seed for every random decision (default 1)
 * @property {DirectionOptions} [upstream] client → target impairment and schedule
 * @property {DirectionOptions} [downstream] target → client impairment and schedule
 * @property {'bind' | 'manual'} [scheduleStart] when schedule time 0 is: at bind (default),
 *   or at relay.startSchedule(), e.g. after a benchmark's connection is set up
 * @property {number} [spinMs] poll with setImmediate for the last spinMs before a packet is
 *   due instead of trusting a ~1 ms timer (default 0: timers only). Costs CPU; buys sub-ms precision.
 *
 * @typedef {object} RelayStats
 * @property {DirectionStats} upstream
 * @property {DirectionStats} downstream
 * @property {number} foreignPackets packets from neither the target nor the learnt client (ignored)
 * @property {number} sendErrors socket errors while sending on
 * @property {number} elapsedMs time since the schedule started
 *
 * @typedef {object} Relay
 * @property {{ host: string, port: number }} address where the client should send
 * @property {{ host: string, port: number }} target
 * @property {() => { host: string, port: number } | null} client the learnt client address
 * @property {() => RelayStats} stats
 * @property {(direction: Direction | 'both', partial: Partial<Impairment>) => void} update change impairment now
 * @property {() => void} startSchedule (re)start the schedule clock: resets both directions to their
 *   initial settings, then applies schedule entries at their atMs from now
 * @property {() => Promise<void>} close packets still in flight are discarded
 */

const TOP_KEYS = new Set(['target', 'host', 'port', 'seed', 'upstream', 'downstream', 'scheduleStart', 'spinMs'])

/**
 * @param {RelayOptions} options
 * @returns {Promise<Relay>}
 */
export async function createLinkRelay (options) {
  const opts = validateRelayOptions(options)
  const targetHost = isIPv4(opts.target.host) ? opts.target.host : (await lookup(opts.target.host, { family: 4 })).address
  const target = { host: targetHost, port: opts.target.port }

  const socket = dgram.createSocket({ type: 'udp4' })
  await new Promise((resolve, reject) => {
    socket.once('error', reject)
    socket.bind(opts.port, opts.host, () => { socket.off('error', reject); resolve(undefined) })
  })
  // Bursts at high rates must not be lost in the kernel before the emulator sees them:
  // that would be loss nobody asked for. Capped silently by net.core.[rw]mem_max.
  try { socket.setRecvBufferSize(4 << 20); socket.setSendBufferSize(4 << 20) } catch { /* keep defaults */ }
  const bound = socket.address()

  const dirs = {
    upstream: new LinkDirection('upstream', opts.upstream.base, opts.seed),
    downstream: new LinkDirection('downstream', opts.downstream.base, opts.seed)
  }
  /** @type {DueQueue<{ dir: LinkDirection, toClient: boolean, msg: Buffer, arrivedAt: number }>} */
  const queue = new DueQueue()
  /** @type {{ host: string, port: number } | null} */
  let client = null
  let foreignPackets = 0
  let sendErrors = 0
  let closed = false
  let scheduleStartedAt = performance.now()
  /** @type {NodeJS.Timeout[]} */
  let scheduleTimers = []

  // ---- the single delivery timer -------------------------------------------------
  /** @type {NodeJS.Timeout | null} */ let timer = null
  /** @type {NodeJS.Immediate | null} */ let immediate = null
  let armedDue = Infinity

  function disarm () {
    if (timer !== null) { clearTimeout(timer); timer = null }
    if (immediate !== null) { clearImmediate(immediate); immediate = null }
    armedDue = Infinity
  }

  function arm () {
    const head = queue.peek()
    if (head === undefined || closed) { disarm(); return }
    if (head.due >= armedDue) return // already waking up in time for it
    disarm()
    armedDue = head.due
    const wait = head.due - performance.now()
    if (wait <= opts.spinMs) {
      immediate = setImmediate(onWake)
    } else {
      // Node timers fire on the event loop's cached ms clock, so they can wake a little
      // early or late; onWake re-checks against performance.now() and re-arms if early.
      timer = setTimeout(onWake, Math.max(1, Math.floor(wait - opts.spinMs)))
    }
  }

  function onWake () {
    timer = null
    immediate = null
    armedDue = Infinity
    flush()
  }

  function flush () {
    let now = performance.now()
    let n = 0
    for (let head = queue.peek(); head !== undefined && head.due <= now; head = queue.peek()) {
      queue.pop()
      send(head.item.dir, head.item.toClient, head.item.msg, head.item.arrivedAt, head.due, now)
      if ((++n & 63) === 0) now = performance.now() // long batches: keep the clock honest
    }
    arm()
  }

  /**
   * @param {LinkDirection} dir
   * @param {boolean} toClient
   * @param {Buffer} msg
   * @param {number} arrivedAt
   * @param {number} due
   * @param {number} now
   */
  function send (dir, toClient, msg, arrivedAt, due, now) {
    const to = toClient ? client : target
    if (to === null) { dir.discarded(true); return }
    socket.send(msg, to.port, to.host)
    dir.sent(msg.length, arrivedAt, due, now)
  }

  // ---- receiving -------------------------------------------------------------------
  socket.on('error', () => { sendErrors++ })
  socket.on('message', (msg, rinfo) => {
    if (closed) return
    const arrivedAt = performance.now()
    const fromTarget = rinfo.port === target.port && rinfo.address === target.host
    if (!fromTarget) {
      if (client === null) client = { host: rinfo.address, port: rinfo.port }
      else if (client.port !== rinfo.port || client.host !== rinfo.address) { foreignPackets++; return }
    }
    const dir = fromTarget ? dirs.downstream : dirs.upstream
    const due = dir.admit(msg.length, arrivedAt)
    if (typeof due !== 'number') return
    queue.push(due, { dir, toClient: fromTarget, msg, arrivedAt })
    // Zero-delay packets go out synchronously (flush sends everything due, in order),
    // so a clean relay adds only the cost of a receive and a send.
    if (due <= arrivedAt) flush()
    else arm()
  })

  // ---- schedule ----------------------------------------------------------------------
  function startSchedule () {
    for (const t of scheduleTimers) clearTimeout(t)
    scheduleTimers = []
    scheduleStartedAt = performance.now()
    for (const name of /** @type {const} */ (['upstream', 'downstream'])) {
      const dir = dirs[name]
      dir.impairment = { ...opts[name].base }
      if (opts[name].base.gilbertElliott) dir.ge.params = opts[name].base.gilbertElliott
      for (const { atMs, ...change } of opts[name].schedule) {
        if (atMs <= 0) dir.apply(change)
        else scheduleTimers.push(setTimeout(() => { if (!closed) dir.apply(change) }, atMs))
      }
    }
  }
  if (opts.scheduleStart === 'bind') startSchedule()

  return {
    address: { host: bound.address, port: bound.port },
    target,
    client: () => client && { ...client },
    stats () {
      const now = performance.now()
      return {
        upstream: dirs.upstream.stats(now),
        downstream: dirs.downstream.stats(now),
        foreignPackets,
        sendErrors,
        elapsedMs: now - scheduleStartedAt
      }
    },
    update (direction, partial) {
      if (direction !== 'upstream' && direction !== 'downstream' && direction !== 'both') {
        throw new TypeError(`direction must be "upstream", "downstream" or "both", got ${String(direction)}`)
      }
      const clean = validatePartialImpairment(partial, direction)
      if (direction !== 'downstream') dirs.upstream.apply(clean)
      if (direction !== 'upstream') dirs.downstream.apply(clean)
    },
    startSchedule,
    async close () {
      if (closed) return
      closed = true
      disarm()
      for (const t of scheduleTimers) clearTimeout(t)
      for (let e = queue.pop(); e !== undefined; e = queue.pop()) e.item.dir.discarded(true)
      await new Promise(resolve => socket.close(() => resolve(undefined)))
    }
  }
}

/**
 * Checks relay options up front, throwing TypeError / RangeError naming the option.
 * @param {unknown} options
 */
export function validateRelayOptions (options) {
  checkPlainObject(options, 'options')
  for (const key of Object.keys(options)) {
    if (!TOP_KEYS.has(key)) throw new TypeError(`options.${key} is not a known relay option (known: ${[...TOP_KEYS].join(', ')})`)
  }
  const target = parseTarget(options.target)
  const host = options.host ?? '127.0.0.1'
  if (typeof host !== 'string' || !isIPv4(host)) throw new TypeError(`host must be an IPv4 address string, got ${String(host)}`)
  const port = options.port ?? 0
  checkPort(port, 'port', 0)
  const seed = options.seed ?? 1
  if (typeof seed !== 'number' || !Number.isInteger(seed)) throw new TypeError(`seed must be an integer, got ${String(seed)}`)
  const scheduleStart = options.scheduleStart ?? 'bind'
  if (scheduleStart !== 'bind' && scheduleStart !== 'manual') throw new TypeError(`scheduleStart must be "bind" or "manual", got ${String(scheduleStart)}`)
  const spinMs = options.spinMs ?? 0
  if (typeof spinMs !== 'number' || Number.isNaN(spinMs)) throw new TypeError(`spinMs must be a number, got ${String(spinMs)}`)
  if (spinMs < 0 || spinMs > 5) throw new RangeError(`spinMs must be in [0, 5], got ${spinMs}`)
  return {
    target,
    host,
    port: /** @type {number} */ (port),
    seed,
    scheduleStart,
    spinMs,
    upstream: validateDirectionOptions(options.upstream, 'upstream'),
    downstream: validateDirectionOptions(options.downstream, 'downstream')
  }
}

/**
 * @param {unknown} v
 * @returns {{ host: string, port: number }}
 */
function parseTarget (v) {
  if (v === undefined) throw new TypeError('target is required ({ host, port }, "host:port" or a port)')
  if (typeof v === 'number') { checkPort(v, 'target', 1); return { host: '127.0.0.1', port: v } }
  if (typeof v === 'string') {
    const m = /^(.+):(\d+)$/.exec(v)
    if (m === null) throw new TypeError(`target must look like "host:port", got ${JSON.stringify(v)}`)
    const port = Number(m[2])
    checkPort(port, 'target port', 1)
    return { host: /** @type {string} */ (m[1]), port }
  }
  checkPlainObject(v, 'target')
  const host = v.host ?? '127.0.0.1'
  if (typeof host !== 'string' || host.length === 0) throw new TypeError(`target.host must be a non-empty string, got ${String(host)}`)
  checkPort(v.port, 'target.port', 1)
  return { host, port: /** @type {number} */ (v.port) }
}

/**
 * @param {unknown} v
 * @param {string} name
 * @param {number} min
 */
function checkPort (v, name, min) {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new TypeError(`${name} must be an integer port, got ${String(v)}`)
  if (v < min || v > 65535) throw new RangeError(`${name} must be in [${min}, 65535], got ${v}`)
}
