// Types for relay.mjs (plain ESM, no build step), for TypeScript tests and benchmarks.

export interface GilbertElliottParams {
  /** per-packet probability Good → Bad */
  pGoodToBad: number
  /** per-packet probability Bad → Good; mean Bad run = 1 / pBadToGood packets */
  pBadToGood: number
  /** loss probability while Good (default 0) */
  lossInGood?: number
  /** loss probability while Bad (default 1) */
  lossInBad?: number
}

export interface Impairment {
  /** one-way delay, ms */
  delayMs: number
  /** extra delay uniform in [0, jitterMs] */
  jitterMs: number
  /** may jitter reorder packets? false: FIFO, jitter also delays successors */
  reorder: boolean
  /** independent random loss per packet, [0, 1] */
  lossRate: number
  /** bursty loss, in addition to lossRate */
  gilbertElliott: GilbertElliottParams | null
  /** bottleneck rate, bit/s of UDP payload; null = unlimited */
  rateBps: number | null
  /** bottleneck queue limit, bytes (tail drop); null = 100 ms at the current rate */
  queueBytes: number | null
}

export type ScheduleEntry = { atMs: number } & Partial<Impairment>
export type DirectionOptions = Partial<Impairment> & { schedule?: ScheduleEntry[] }
export type Direction = 'upstream' | 'downstream'

export interface RelayOptions {
  /** where upstream packets go: { host, port }, "host:port" or a port on 127.0.0.1 */
  target: { host?: string, port: number } | string | number
  /** IPv4 address to bind, default 127.0.0.1 */
  host?: string
  /** port to bind, default 0 (OS picks) */
  port?: number
  /** PRNG seed for all random decisions, default 1 */
  seed?: number
  upstream?: DirectionOptions
  downstream?: DirectionOptions
  /** schedule time 0: at bind (default) or at relay.startSchedule() */
  scheduleStart?: 'bind' | 'manual'
  /** setImmediate polling for the last spinMs before a packet is due (default 0, timers only) */
  spinMs?: number
}

export interface DirectionStats {
  packetsIn: number
  bytesIn: number
  packetsOut: number
  bytesOut: number
  droppedLoss: number
  droppedQueue: number
  droppedOther: number
  queueBytes: number
  inFlightPackets: number
  meanAddedDelayMs: number
  maxAddedDelayMs: number
  /** mean (actual send − due): the relay's own timing error */
  meanLatenessMs: number
  maxLatenessMs: number
  impairment: Impairment
}

export interface RelayStats {
  upstream: DirectionStats
  downstream: DirectionStats
  foreignPackets: number
  sendErrors: number
  elapsedMs: number
}

export interface Relay {
  readonly address: { host: string, port: number }
  readonly target: { host: string, port: number }
  client (): { host: string, port: number } | null
  stats (): RelayStats
  update (direction: Direction | 'both', partial: Partial<Impairment>): void
  startSchedule (): void
  close (): Promise<void>
}

export function createLinkRelay (options: RelayOptions): Promise<Relay>
export function validateRelayOptions (options: unknown): unknown
